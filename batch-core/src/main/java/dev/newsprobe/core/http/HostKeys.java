package dev.newsprobe.core.http;

import java.net.URI;
import java.util.Locale;

/**
 * The host of a request and the key politeness and metrics count it under: host and port
 * ({@code example.com:443}), the default port written out, so {@code http://h/} and {@code http://h:80/} are
 * one host and {@code https://h/} is another (another connection pool, often another server).
 * <p>
 * Read from the URI's authority whatever {@link URI} makes of it: it gives no host for names it does not
 * know as host names (an underscore in a label, which browsers and DNS accept).
 */
public final class HostKeys {

	private HostKeys() {
	}

	/** The host key of an absolute http(s) URI. */
	public static String of(URI uri) {
		return host(uri).toLowerCase(Locale.ROOT) + ":" + port(uri);
	}

	/** The host of an absolute http(s) URI as written in it (an IPv6 address in brackets). */
	public static String host(URI uri) {
		String host = uri.getHost();
		if (host != null) {
			return host;
		}
		String authority = hostAndPort(uri);
		if (authority.startsWith("[")) {
			return authority.substring(0, authority.indexOf(']') + 1);
		}
		int colon = authority.lastIndexOf(':');
		return (colon >= 0) ? authority.substring(0, colon) : authority;
	}

	/** The port a URI connects to: its own, or the default of its scheme. */
	public static int port(URI uri) {
		int port = uri.getPort();
		if (port < 0 && uri.getHost() == null) {
			String authority = hostAndPort(uri);
			int colon = authority.lastIndexOf(':');
			Long written = (colon > authority.lastIndexOf(']')) ? HeaderValues.number(authority.substring(colon + 1), 5) : null;
			port = (written != null) ? written.intValue() : -1;
		}
		return (port >= 0) ? port : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String hostAndPort(URI uri) {
		String authority = (uri.getRawAuthority() != null) ? uri.getRawAuthority() : "";
		return authority.substring(authority.lastIndexOf('@') + 1);
	}

}
