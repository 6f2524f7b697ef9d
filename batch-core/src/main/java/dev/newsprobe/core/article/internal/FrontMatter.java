package dev.newsprobe.core.article.internal;

import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;

/**
 * An article file's text cut into its YAML front matter and its Markdown body.
 *
 * @param yaml the text between the two {@code ---} lines
 * @param yamlFirstLine the file line the YAML text starts on (1-based)
 * @param body the text after the closing line, possibly empty
 * @param bodyFirstLine the file line the body starts on (1-based)
 */
public record FrontMatter(String yaml, int yamlFirstLine, String body, int bodyFirstLine) {

	/**
	 * Splits a decoded file. The first line must be {@code ---} (a byte-order mark before it is
	 * tolerated); the front matter ends at the next line that is {@code ---} or {@code ...}.
	 * @param text the decoded file text
	 * @return the split
	 * @throws Rejection when the file is empty or its front matter is missing or unclosed
	 */
	public static FrontMatter split(String text) {
		String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
		if (content.isBlank()) {
			throw new Rejection(new Finding(FindingCode.EMPTY_FILE, 0, "the file is empty"));
		}
		int firstEnd = lineEnd(content, 0);
		if (!isMarker(content, 0, firstEnd, false)) {
			throw new Rejection(new Finding(FindingCode.NO_FRONT_MATTER, 1,
					"the file does not start with a '---' line, so it has no front matter"));
		}
		int line = 1;
		int start = nextLine(content, firstEnd);
		int position = start;
		while (position < content.length()) {
			line++;
			int end = lineEnd(content, position);
			if (isMarker(content, position, end, true)) {
				String yaml = content.substring(start, position);
				int bodyStart = nextLine(content, end);
				return new FrontMatter(yaml, 2, content.substring(Math.min(bodyStart, content.length())), line + 1);
			}
			position = nextLine(content, end);
		}
		throw new Rejection(new Finding(FindingCode.UNCLOSED_FRONT_MATTER, 1,
				"the front matter opened on line 1 is never closed: no '---' line follows it"));
	}

	private static boolean isMarker(String text, int from, int to, boolean closing) {
		int end = to;
		while (end > from && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t' || text.charAt(end - 1) == '\r')) {
			end--;
		}
		return text.startsWith("---", from) && end - from == 3 || closing && text.startsWith("...", from) && end - from == 3;
	}

	private static int lineEnd(String text, int from) {
		int newline = text.indexOf('\n', from);
		return (newline < 0) ? text.length() : newline;
	}

	private static int nextLine(String text, int lineEnd) {
		return Math.min(lineEnd + 1, text.length() + 1);
	}

}
