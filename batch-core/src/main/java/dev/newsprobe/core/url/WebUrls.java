package dev.newsprobe.core.url;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Offline checks and normalisation of the URLs articles cite.
 * <p>
 * A URL is valid when it is absolute http(s), has a host that is a domain name or an IP literal as
 * browsers read it ({@link HostParser}), and is at most {@value #MAX_LENGTH} characters. Normalising
 * lower-cases scheme and host, converts an international host to its ASCII (punycode) form, writes an IP
 * literal in its one canonical form ({@code 0x7f.1} is {@code 127.0.0.1}), drops a trailing dot of a name,
 * percent-encodes non-ASCII characters of path and query as UTF-8 (what a browser sends), reads a
 * backslash as a slash (as browsers do in http(s) URLs), drops a default port and the fragment (never
 * sent to a server), and gives an empty path as {@code /}; everything else stays as written, so two
 * spellings of one resource still count as one URL only when they are the same request.
 * <p>
 * Credentials ({@code user:password@}) are removed: the normalised URL, which is what is requested,
 * stored and logged, never has them, and {@link CheckedUrl#raw()} has them masked. A news archive's link
 * that carries a password leaks it; newsprobe checks the link as a reader without that password meets it.
 */
public final class WebUrls {

	/** Longer URLs are refused by many servers and cannot be indexed; they are recorded as invalid. */
	public static final int MAX_LENGTH = 2048;

	private static final Pattern SCHEME = Pattern.compile("[a-z][a-z0-9+.-]*");

	private static final Pattern PORT = Pattern.compile("\\d{1,5}");

	/** A URI that starts with a scheme (absolute), as opposed to a relative reference. */
	private static final Pattern ABSOLUTE = Pattern.compile("[a-z][a-z0-9+.-]*:.*", Pattern.CASE_INSENSITIVE);

	/**
	 * Hosts already checked, as written, with their lower-case ASCII form or why they are invalid.
	 * An archive cites a few thousand hosts millions of times; checking a host costs more than the
	 * rest of the URL. Bounded: emptied when full.
	 */
	private static final ConcurrentHashMap<String, HostParser.Host> HOSTS = new ConcurrentHashMap<>();

	private static final int MAX_CACHED_HOSTS = 10_000;

	/** ASCII characters allowed after the scheme of a URI (RFC 3986), brackets only in hosts. */
	private static final java.util.BitSet URI_CHARS = new java.util.BitSet(128);

	static {
		String allowed = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/?[]";
		allowed.chars().forEach(URI_CHARS::set);
	}

	private WebUrls() {
	}

	/**
	 * Checks one URL as written in an article.
	 * @param raw the text, may be {@code null}
	 * @return the normalised URL, or the reason it is invalid
	 */
	public static CheckedUrl check(String raw) {
		if (raw == null || raw.isBlank()) {
			return new CheckedUrl(raw, null, "the URL is empty");
		}
		String text = withoutTabsAndNewlines(raw.strip());
		if (text.length() > MAX_LENGTH) {
			return new CheckedUrl(raw, null, "the URL is " + text.length() + " characters long; at most " + MAX_LENGTH
					+ " are accepted");
		}
		int colon = text.indexOf(':');
		String scheme = (colon > 0) ? text.substring(0, colon).toLowerCase(Locale.ROOT) : "";
		if (!scheme.equals("http") && !scheme.equals("https")) {
			return invalid(raw, scheme.isEmpty() || !SCHEME.matcher(scheme).matches()
					? "not an absolute http(s) URL" : "scheme '" + scheme + "' is not http or https");
		}
		if (!text.regionMatches(colon, "://", 0, 3)) {
			return invalid(raw, "missing '//' after '" + scheme + ":'");
		}
		int authorityStart = colon + 3;
		int authorityEnd = authorityStart;
		while (authorityEnd < text.length() && "/\\?#".indexOf(text.charAt(authorityEnd)) < 0) {
			authorityEnd++;
		}
		String authority = text.substring(authorityStart, authorityEnd);
		String rest = text.substring(authorityEnd);
		int hash = rest.indexOf('#');
		if (hash >= 0) {
			rest = rest.substring(0, hash);
		}
		int at = authority.lastIndexOf('@');
		if (at >= 0) {
			// credentials are never requested, stored nor logged
			authority = authority.substring(at + 1);
		}
		String written;
		String port;
		if (authority.startsWith("[")) {
			int close = authority.indexOf(']');
			if (close < 0) {
				return invalid(raw, "unclosed '[' in the host");
			}
			written = authority.substring(0, close + 1);
			port = authority.substring(close + 1);
			if (!port.isEmpty() && !port.startsWith(":")) {
				return invalid(raw, "unexpected text after the IPv6 host");
			}
			port = port.isEmpty() ? "" : port.substring(1);
		}
		else {
			int portColon = authority.lastIndexOf(':');
			written = (portColon >= 0) ? authority.substring(0, portColon) : authority;
			port = (portColon >= 0) ? authority.substring(portColon + 1) : "";
		}
		HostParser.Host host = checkHost(written);
		if (!host.valid()) {
			return invalid(raw, host.problem());
		}
		if (!port.isEmpty()) {
			if (!PORT.matcher(port).matches() || Integer.parseInt(port) < 1 || Integer.parseInt(port) > 65535) {
				return invalid(raw, "port '" + port + "' is not a number from 1 to 65535");
			}
			if ((scheme.equals("http") && port.equals("80")) || (scheme.equals("https") && port.equals("443"))) {
				port = "";
			}
		}
		if (rest.indexOf('\\') >= 0) {
			// in http(s) URLs browsers read a backslash as a slash
			rest = rest.replace('\\', '/');
		}
		if (rest.isEmpty() || rest.charAt(0) == '?') {
			rest = "/" + rest;
		}
		String normalized = scheme + "://" + host.text() + (port.isEmpty() ? "" : ":" + port) + percentEncodeNonAscii(rest);
		if (normalized.length() > MAX_LENGTH) {
			return invalid(raw, "the URL is " + normalized.length() + " characters long once encoded; at most "
					+ MAX_LENGTH + " are accepted");
		}
		if (rest.indexOf(' ') >= 0) {
			return invalid(raw, "a space in the path or query; it must be written %20");
		}
		String problem = pathProblem(normalized);
		if (problem != null) {
			return invalid(raw, "malformed URL: " + problem);
		}
		return new CheckedUrl(withoutCredentials(raw), normalized, null);
	}

	/** An invalid URL: its text with any credentials masked, and why. */
	private static CheckedUrl invalid(String raw, String problem) {
		return new CheckedUrl(withoutCredentials(raw), null, problem);
	}

	/**
	 * A URL's text with the credentials of its authority ({@code user:password@}) replaced by {@code ***@},
	 * for whatever is stored or shown of a URL as written.
	 * @param text the text, may be {@code null}
	 * @return the text without credentials
	 */
	public static String withoutCredentials(String text) {
		if (text == null) {
			return null;
		}
		int slashes = text.indexOf("//");
		if (slashes < 0) {
			return text;
		}
		int start = slashes + 2;
		int end = start;
		while (end < text.length() && "/\\?#".indexOf(text.charAt(end)) < 0 && !Character.isWhitespace(text.charAt(end))) {
			end++;
		}
		int at = text.lastIndexOf('@', end - 1);
		return (at < start) ? text : text.substring(0, start) + "***" + text.substring(at);
	}

	private static String withoutTabsAndNewlines(String text) {
		if (text.indexOf('\t') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
			return text;
		}
		StringBuilder kept = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c != '\t' && c != '\n' && c != '\r') {
				kept.append(c);
			}
		}
		return kept.toString();
	}

	/**
	 * Resolves a link of an article's body against the article's own URL.
	 * @param base the article's normalised web URL, may be {@code null}
	 * @param link the link as written
	 * @return the absolute link text, or {@code null} when it is relative and there is no base or it
	 * is too malformed to resolve
	 */
	public static String resolve(String base, String link) {
		String text = link.strip();
		if (ABSOLUTE.matcher(text).matches()) {
			return text;
		}
		if (base == null) {
			return null;
		}
		if (text.startsWith("?")) {
			// RFC 3986 (and browsers) keep the base path for a query-only reference; java.net.URI does not
			int query = base.indexOf('?');
			return ((query < 0) ? base : base.substring(0, query)) + text.replace(" ", "%20");
		}
		try {
			return new URI(base).resolve(new URI(text.replace(" ", "%20"))).toString();
		}
		catch (URISyntaxException | IllegalArgumentException ex) {
			return null;
		}
	}

	private static String percentEncodeNonAscii(String text) {
		boolean ascii = true;
		for (int i = 0; i < text.length() && ascii; i++) {
			ascii = text.charAt(i) < 128;
		}
		if (ascii) {
			return text;
		}
		StringBuilder out = new StringBuilder(text.length() + 16);
		for (byte b : text.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
			if (b >= 0) {
				out.append((char) b);
			}
			else {
				out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xF, 16)))
					.append(Character.toUpperCase(Character.forDigit(b & 0xF, 16)));
			}
		}
		return out.toString();
	}

	private static HostParser.Host checkHost(String host) {
		HostParser.Host known = HOSTS.get(host);
		if (known != null) {
			return known;
		}
		HostParser.Host parsed = HostParser.parse(host);
		if (HOSTS.size() >= MAX_CACHED_HOSTS) {
			HOSTS.clear();
		}
		HOSTS.put(host, parsed);
		return parsed;
	}

	/**
	 * Why the path, query or user info of a normalised URL is not a valid URI, or {@code null}.
	 * Allowed: RFC 3986 unreserved and sub-delimiter characters, {@code : @ / ?} and {@code %XX}
	 * escapes (non-ASCII characters are already percent-encoded).
	 */
	private static String pathProblem(String url) {
		int start = url.indexOf("://") + 3;
		for (int i = start; i < url.length(); i++) {
			char c = url.charAt(i);
			if (c == '%') {
				if (i + 2 >= url.length() || Character.digit(url.charAt(i + 1), 16) < 0
						|| Character.digit(url.charAt(i + 2), 16) < 0) {
					return "Malformed escape pair at index " + i + ": " + url;
				}
				i += 2;
				continue;
			}
			if (!URI_CHARS.get(c)) {
				return "Illegal character at index " + i + ": " + url;
			}
		}
		return null;
	}

}
