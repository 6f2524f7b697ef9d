package dev.newsprobe.core.writeback.internal;

/** Maps the YAML library's code point positions in a text to the string's {@code char} indexes. */
public final class CodePoints {

	private final String text;

	private final boolean supplementary;

	public CodePoints(String text) {
		this.text = text;
		this.supplementary = text.codePointCount(0, text.length()) != text.length();
	}

	/** The {@code char} index of a code point index. */
	public int charIndex(int codePoint) {
		return this.supplementary ? this.text.offsetByCodePoints(0, codePoint) : codePoint;
	}

	/** The text between two code point indexes. */
	public String text(int from, int to) {
		return this.text.substring(charIndex(from), charIndex(to));
	}

	/** The code point index of the line break ending the line holding {@code codePoint}, or -1. */
	public int lineEnd(int codePoint) {
		int newline = this.text.indexOf('\n', charIndex(codePoint));
		if (newline < 0) {
			return -1;
		}
		return this.supplementary ? this.text.codePointCount(0, newline) : newline;
	}

}
