package dev.newsprobe.core.article;

/**
 * Something wrong with an article file, located precisely enough for a person to fix it.
 *
 * @param code what kind of problem it is
 * @param line the 1-based line of the file, or 0 when the problem concerns the whole file
 * @param column the 1-based column on that line, or 0 when the line is enough (or unknown)
 * @param message what is wrong, in words a person understands
 */
public record Finding(FindingCode code, int line, int column, String message) {

	/** A finding located by its line only. */
	public Finding(FindingCode code, int line, String message) {
		this(code, line, 0, message);
	}

	/**
	 * The finding as one line: {@code line 12, column 5: message}, {@code line 12: message}, or
	 * just the message for whole-file problems.
	 */
	public String describe() {
		if (this.line <= 0) {
			return this.message;
		}
		return "line " + this.line + ((this.column > 0) ? ", column " + this.column : "") + ": " + this.message;
	}

}
