package dev.newsprobe.core.article;

/**
 * What reading one article file gave: an article, or the reason it could not be read.
 * Parsing never throws for bad content; every problem ends up here.
 */
public sealed interface ParseResult {

	/** The file the result is about. */
	String path();

	/** The file was read; {@link Article#findings()} lists what was noticed. */
	record Parsed(Article article) implements ParseResult {

		@Override
		public String path() {
			return this.article.path();
		}

	}

	/**
	 * The file could not be read and no article came of it.
	 *
	 * @param path the file
	 * @param contentHash hex SHA-256 of the bytes, or {@code null} when they were not read
	 * @param finding why, with a rejecting code
	 */
	record Rejected(String path, String contentHash, Finding finding) implements ParseResult {
	}

}
