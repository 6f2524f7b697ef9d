package dev.newsprobe.core.url;

import java.util.Locale;

/**
 * Whether two URLs name the same page, as a canonical link and an article's web URL are compared: both
 * normalised ({@link WebUrls}: scheme and host case, default port, fragment, IP literal spelling), then
 * the same host and port and the same path, where a trailing slash, the case of percent-escapes and escaped
 * unreserved characters ({@code %7E} is {@code ~}) make no difference, nor do the scheme (an {@code http}
 * web URL whose page now says {@code https} is that page) and the query: tracking parameters
 * ({@code utm_*}, {@code fbclid}, ...) and other query differences name the same article in practice, and
 * articles' web URLs carry them.
 */
public final class SamePage {

	private SamePage() {
	}

	/**
	 * @param one a URL, may be {@code null}
	 * @param other another, may be {@code null}
	 * @return whether both are valid http(s) URLs of the same page
	 */
	public static boolean test(String one, String other) {
		CheckedUrl a = WebUrls.check(one);
		CheckedUrl b = WebUrls.check(other);
		return a.valid() && b.valid() && page(a.normalized()).equals(page(b.normalized()));
	}

	/** Host, port and path of a normalised URL (default ports are already dropped), the path in one spelling. */
	static String page(String url) {
		int authority = url.indexOf("://") + 3;
		int pathStart = url.indexOf('/', authority);
		int query = url.indexOf('?', pathStart);
		String path = url.substring(pathStart, (query < 0) ? url.length() : query);
		if (path.length() > 1 && path.endsWith("/")) {
			path = path.substring(0, path.length() - 1);
		}
		return url.substring(authority, pathStart) + unescaped(path);
	}

	/** Escapes of unreserved characters decoded, other escapes in upper case: one spelling per path. */
	private static String unescaped(String path) {
		if (path.indexOf('%') < 0) {
			return path;
		}
		StringBuilder out = new StringBuilder(path.length());
		for (int i = 0; i < path.length(); i++) {
			char c = path.charAt(i);
			if (c == '%' && i + 2 < path.length()) {
				int value = Character.digit(path.charAt(i + 1), 16) * 16 + Character.digit(path.charAt(i + 2), 16);
				if (value >= 0 && (Character.isLetterOrDigit(value) && value < 128 || "-._~".indexOf(value) >= 0)) {
					out.append((char) value);
				}
				else {
					out.append(path.substring(i, i + 3).toUpperCase(Locale.ROOT));
				}
				i += 2;
			}
			else {
				out.append(c);
			}
		}
		return out.toString();
	}

}
