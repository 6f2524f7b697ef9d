package dev.newsprobe.core.http;

import java.net.URI;
import java.util.Locale;

/**
 * The key politeness and metrics count a request under: host and port ({@code example.com:443}), the
 * default port written out, so {@code http://h/} and {@code http://h:80/} are one host and
 * {@code https://h/} is another (another connection pool, often another server).
 */
public final class HostKeys {

	private HostKeys() {
	}

	/** The host key of an absolute http(s) URI. */
	public static String of(URI uri) {
		return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port(uri);
	}

	/** The port a URI connects to: its own, or the default of its scheme. */
	public static int port(URI uri) {
		int port = uri.getPort();
		return (port >= 0) ? port : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

}
