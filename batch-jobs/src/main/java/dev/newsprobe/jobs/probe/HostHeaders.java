package dev.newsprobe.jobs.probe;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.newsprobe.core.url.HostParser;

/**
 * Reads {@code newsprobe.probe.host-headers}: entries {@code HOST.NAME=value}, such as
 * {@code newsprobe.probe.host-headers.example.com.Cookie=consent=1}, split at the last dot (host names have
 * dots, header names do not), grouped by lower-case host. A malformed entry is refused when the application
 * starts, with the entry named, rather than silently never sent.
 */
final class HostHeaders {

	/** Headers newsprobe must set itself: a configured value would break the exchange or its framing. */
	private static final Set<String> REFUSED = Set.of("host", "content-length", "transfer-encoding", "connection",
			"keep-alive", "te", "trailer", "upgrade", "expect", "proxy-connection");

	private static final String TOKEN_CHARS = "!#$%&'*+-.^_`|~";

	private HostHeaders() {
	}

	/**
	 * The headers per host.
	 * @param entries the bound entries, {@code HOST.NAME} to the value
	 * @return the headers of each host (lower case), in the order configured
	 * @throws IllegalArgumentException naming the first malformed entry
	 */
	static Map<String, Map<String, String>> byHost(Map<String, String> entries) {
		Map<String, Map<String, String>> byHost = new LinkedHashMap<>();
		entries.forEach((key, value) -> {
			int dot = key.lastIndexOf('.');
			String host = (dot > 0) ? key.substring(0, dot) : "";
			String name = key.substring(dot + 1);
			HostParser.Host parsed = HostParser.parse(host);
			if (!parsed.valid()) {
				throw refused(key, "'" + host + "' is not a host (write HOST.NAME, e.g. "
						+ "newsprobe.probe.host-headers.example.com.Cookie)");
			}
			if (!isToken(name)) {
				throw refused(key, "'" + name + "' is not a header name");
			}
			if (REFUSED.contains(name.toLowerCase(Locale.ROOT))) {
				throw refused(key, name + " is set by newsprobe itself and cannot be configured");
			}
			if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n' || c == 0)) {
				throw refused(key, "the value holds a line break or NUL, which would start another header");
			}
			byHost.computeIfAbsent(parsed.text(), h -> new LinkedHashMap<>()).put(name, value.strip());
		});
		return byHost;
	}

	private static boolean isToken(String name) {
		if (name.isEmpty()) {
			return false;
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
					|| (c != '.' && TOKEN_CHARS.indexOf(c) >= 0);
			if (!ok) {
				return false;
			}
		}
		return true;
	}

	private static IllegalArgumentException refused(String key, String why) {
		return new IllegalArgumentException("newsprobe.probe.host-headers." + key + " is refused: " + why);
	}

}
