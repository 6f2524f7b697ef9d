package dev.newsprobe.core.frontmatter;

/**
 * Where the YAML front matter of an article file is in its decoded text: after an opening
 * {@code ---} line (a byte-order mark before it is tolerated) up to the next line that is
 * {@code ---} or {@code ...} (trailing spaces, tabs and a carriage return allowed). Positions are
 * {@code char} indexes into the text the span was found in.
 *
 * @param yamlStart where the YAML starts (the line after the opening marker)
 * @param yamlEnd where the YAML ends (the start of the closing marker line)
 * @param bodyStart where the Markdown body starts (the line after the closing marker; may be the end)
 * @param bodyFirstLine the file line (1-based) the body starts on
 */
public record FrontMatterSpan(int yamlStart, int yamlEnd, int bodyStart, int bodyFirstLine) {

	/** The file line the YAML starts on: the one after the opening marker. */
	public static final int YAML_FIRST_LINE = 2;

	/** Why a file has no span. */
	public enum Missing {

		/** The file holds nothing but whitespace. */
		EMPTY,
		/** The first line is not {@code ---}. */
		NOT_OPENED,
		/** No closing line follows the opening one. */
		NOT_CLOSED

	}

	/** A file without a span, and why. */
	public static final class MissingException extends Exception {

		private final Missing reason;

		MissingException(Missing reason) {
			super(reason.name(), null, false, false);
			this.reason = reason;
		}

		/** Why there is no span. */
		public Missing reason() {
			return this.reason;
		}

	}

	/**
	 * Finds the front matter of a decoded file.
	 * @param text the whole file, decoded
	 * @return the span
	 * @throws MissingException when the file is empty, does not open a front matter, or never closes it
	 */
	public static FrontMatterSpan find(String text) throws MissingException {
		int from = text.startsWith("\uFEFF") ? 1 : 0;
		if (text.isBlank() || text.length() == from || text.substring(from).isBlank()) {
			throw new MissingException(Missing.EMPTY);
		}
		int firstEnd = lineEnd(text, from);
		if (!isMarker(text, from, firstEnd, false)) {
			throw new MissingException(Missing.NOT_OPENED);
		}
		int line = 1;
		int start = Math.min(firstEnd + 1, text.length());
		int position = start;
		while (position < text.length()) {
			line++;
			int end = lineEnd(text, position);
			if (isMarker(text, position, end, true)) {
				return new FrontMatterSpan(start, position, Math.min(end + 1, text.length()), line + 1);
			}
			position = end + 1;
		}
		throw new MissingException(Missing.NOT_CLOSED);
	}

	/** The YAML text of the span. */
	public String yaml(String text) {
		return text.substring(this.yamlStart, this.yamlEnd);
	}

	/** The Markdown body of the span, possibly empty. */
	public String body(String text) {
		return text.substring(this.bodyStart);
	}

	private static boolean isMarker(String text, int from, int to, boolean closing) {
		int end = to;
		while (end > from && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t' || text.charAt(end - 1) == '\r')) {
			end--;
		}
		return end - from == 3 && (text.startsWith("---", from) || closing && text.startsWith("...", from));
	}

	private static int lineEnd(String text, int from) {
		int newline = text.indexOf('\n', from);
		return (newline < 0) ? text.length() : newline;
	}

}
