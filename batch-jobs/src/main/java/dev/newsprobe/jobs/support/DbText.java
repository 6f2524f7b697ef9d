package dev.newsprobe.jobs.support;

/** Text as PostgreSQL can store it. */
public final class DbText {

	private DbText() {
	}

	/**
	 * The text with NUL characters, which PostgreSQL cannot store, replaced by U+FFFD: a hostile
	 * file or server must cost its own row, never a chunk.
	 * @param text the text, may be {@code null}
	 * @return the storable text
	 */
	public static String clean(String text) {
		return (text == null || text.indexOf('\0') < 0) ? text : text.replace('\0', '\uFFFD');
	}

}
