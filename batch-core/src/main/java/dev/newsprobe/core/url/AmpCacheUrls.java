package dev.newsprobe.core.url;

import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * Computes the AMP-cache URL of an AMP page, which is a pure function of the page's URL: the
 * publisher host becomes one DNS label under {@code cdn.ampproject.org} ({@code -} doubled,
 * {@code .} turned into {@code -}), followed by {@code /c/}, {@code s/} for https, and the URL
 * without its scheme. A host whose label would be invalid or longer than 63 characters, or that is
 * not a dotted domain name, falls back to the base32 of its SHA-256, as the AMP cache does.
 */
public final class AmpCacheUrls {

	/** The cache domain of the Google AMP cache, the one archives cite. */
	public static final String CACHE_DOMAIN = "cdn.ampproject.org";

	private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

	private AmpCacheUrls() {
	}

	/**
	 * The AMP-cache URL of a document.
	 * @param ampUrl a normalised http(s) URL (see {@link WebUrls#check(String)})
	 * @return the AMP-cache URL of the document
	 */
	public static String cacheUrlOf(String ampUrl) {
		int schemeEnd = ampUrl.indexOf("://");
		boolean secure = ampUrl.substring(0, schemeEnd).equalsIgnoreCase("https");
		String withoutScheme = ampUrl.substring(schemeEnd + 3);
		int hostEnd = withoutScheme.length();
		for (int i = 0; i < withoutScheme.length(); i++) {
			char c = withoutScheme.charAt(i);
			if (c == '/' || c == '?' || c == ':') {
				hostEnd = i;
				break;
			}
		}
		String host = withoutScheme.substring(0, hostEnd);
		int at = host.lastIndexOf('@');
		if (at >= 0) {
			host = host.substring(at + 1);
		}
		return "https://" + subdomainOf(host) + "." + CACHE_DOMAIN + "/c/" + (secure ? "s/" : "") + withoutScheme;
	}

	/**
	 * The cache subdomain of a publisher host, e.g. {@code www-example-com} for {@code www.example.com}.
	 * @param host the publisher host, ASCII or Unicode
	 * @return the single DNS label the cache serves that host under
	 */
	public static String subdomainOf(String host) {
		String unicode = IDN.toUnicode(host, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
		String label = unicode.replace("-", "--").replace('.', '-');
		if (label.length() >= 4 && label.charAt(2) == '-' && label.charAt(3) == '-') {
			label = "0-" + label + "-0";
		}
		try {
			String ascii = IDN.toASCII(label, IDN.ALLOW_UNASSIGNED);
			boolean domainName = unicode.contains(".") && !host.startsWith("[") && !host.matches("[0-9.]+");
			if (ascii.length() <= 63 && domainName) {
				return ascii.toLowerCase(Locale.ROOT);
			}
		}
		catch (IllegalArgumentException ex) {
			// falls through to the hashed form, as the cache does for labels it cannot use
		}
		return hashedSubdomain(host.toLowerCase(Locale.ROOT));
	}

	private static String hashedSubdomain(String host) {
		byte[] digest;
		try {
			digest = MessageDigest.getInstance("SHA-256").digest(host.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
		StringBuilder out = new StringBuilder();
		int buffer = 0;
		int bits = 0;
		for (byte b : digest) {
			buffer = (buffer << 8) | (b & 0xff);
			bits += 8;
			while (bits >= 5) {
				out.append(BASE32[(buffer >> (bits - 5)) & 31]);
				bits -= 5;
			}
		}
		if (bits > 0) {
			out.append(BASE32[(buffer << (5 - bits)) & 31]);
		}
		return out.toString();
	}

}
