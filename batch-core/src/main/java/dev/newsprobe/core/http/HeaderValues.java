package dev.newsprobe.core.http;

/**
 * Reads the numbers HTTP headers carry ({@code Content-Length}, {@code Content-Range}, {@code Retry-After},
 * {@code RateLimit-Reset}) without regular expressions: they are read for almost every answer.
 */
public final class HeaderValues {

	private HeaderValues() {
	}

	/**
	 * A non-negative decimal number of at most {@code maxDigits} digits, surrounding white space ignored.
	 * @param value the text, may be {@code null}
	 * @param maxDigits the most digits accepted (at most 18, so that the value fits a {@code long})
	 * @return the number, or {@code null} when the text is anything else
	 */
	public static Long number(String value, int maxDigits) {
		if (value == null) {
			return null;
		}
		int start = 0;
		int end = value.length();
		while (start < end && Character.isWhitespace(value.charAt(start))) {
			start++;
		}
		while (end > start && Character.isWhitespace(value.charAt(end - 1))) {
			end--;
		}
		if (start == end || end - start > Math.min(maxDigits, 18)) {
			return null;
		}
		long number = 0;
		for (int i = start; i < end; i++) {
			char c = value.charAt(i);
			if (c < '0' || c > '9') {
				return null;
			}
			number = number * 10 + (c - '0');
		}
		return number;
	}

	/** A {@code Content-Length}: up to 18 digits, or {@code null}. */
	public static Long length(String value) {
		return number(value, 18);
	}

	/**
	 * The complete length a {@code Content-Range} names ({@code bytes 0-99/12345}), or {@code null} when it
	 * names none ({@code /*}) or is malformed.
	 */
	public static Long completeLength(String contentRange) {
		if (contentRange == null) {
			return null;
		}
		int slash = contentRange.indexOf('/');
		return (slash < 0) ? null : length(contentRange.substring(slash + 1));
	}

}
