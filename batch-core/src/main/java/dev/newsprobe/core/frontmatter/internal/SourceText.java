package dev.newsprobe.core.frontmatter.internal;

import java.util.Arrays;

/**
 * The YAML text of one front matter as the checks around the YAML library see it: lines, and
 * the library's code point positions mapped to the string's {@code char} indexes.
 */
public final class SourceText {

	private final String text;

	private final boolean supplementary;

	private int[] lineStarts;

	public SourceText(String text) {
		this.text = text;
		this.supplementary = text.codePointCount(0, text.length()) != text.length();
	}

	/** The text itself. */
	public String text() {
		return this.text;
	}

	/** The {@code char} index of a code point index, as YAML marks give them. */
	public int charIndex(int codePoint) {
		return this.supplementary ? this.text.offsetByCodePoints(0, Math.min(codePoint, this.text.codePointCount(0, this.text.length())))
				: Math.min(codePoint, this.text.length());
	}

	/** The code point index of a {@code char} index. */
	public int codePointIndex(int charIndex) {
		return this.supplementary ? this.text.codePointCount(0, charIndex) : charIndex;
	}

	/** The character at a code point index, or -1 past the end. */
	public int codePointAt(int codePoint) {
		int index = charIndex(codePoint);
		return (index < this.text.length()) ? this.text.codePointAt(index) : -1;
	}

	/** How many lines the text has (a final line break ends the last one). */
	public int lineCount() {
		return starts().length;
	}

	/** The text of a line (0-based), without its line break. */
	public String line(int line) {
		int[] starts = starts();
		if (line < 0 || line >= starts.length) {
			return "";
		}
		int end = (line + 1 < starts.length) ? starts[line + 1] - 1 : this.text.length();
		if (end > starts[line] && this.text.charAt(end - 1) == '\r') {
			end--;
		}
		return this.text.substring(starts[line], Math.max(starts[line], end));
	}

	private int[] starts() {
		if (this.lineStarts == null) {
			int[] starts = new int[16];
			int count = 1;
			for (int i = this.text.indexOf('\n'); i >= 0 && i + 1 <= this.text.length(); i = this.text.indexOf('\n', i + 1)) {
				if (i + 1 == this.text.length()) {
					break;
				}
				if (count == starts.length) {
					starts = Arrays.copyOf(starts, count * 2);
				}
				starts[count++] = i + 1;
			}
			this.lineStarts = Arrays.copyOf(starts, count);
		}
		return this.lineStarts;
	}

}
