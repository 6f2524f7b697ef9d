package dev.newsprobe.core.article;

/**
 * Something wrong with an article file, located precisely enough for a person to fix it.
 *
 * @param code what kind of problem it is
 * @param line the 1-based line of the file, or 0 when the problem concerns the whole file
 * @param message what is wrong, in words a person understands
 */
public record Finding(FindingCode code, int line, String message) {

	/** The finding as one line, {@code line 12: message} or just the message for whole-file problems. */
	public String describe() {
		return (line > 0) ? "line " + line + ": " + message : message;
	}

}
