package dev.newsprobe.core.cache.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

import dev.newsprobe.core.http.HttpDates;

/**
 * What a response's {@code Cache-Control} and {@code Expires} say about how long it stays fresh,
 * read as a shared cache reads them (RFC 9111): {@code no-store} and {@code no-cache} mean "ask
 * again every time"; {@code s-maxage} wins over {@code max-age}, which wins over {@code Expires};
 * an {@code Expires} that cannot be read means "already stale" (RFC 9111 §5.3). Dates are read by
 * {@link HttpDates}, leniently.
 *
 * @param lifetime the freshness lifetime the headers give, or {@code null} when they give none
 * @param revalidateEveryTime whether the headers forbid reusing the answer without asking
 * @param source which header gave the lifetime, in words ({@code "max-age=60"}, {@code "Expires"}, or
 *        why an {@code Expires} was taken as stale), or {@code null} when they give none
 */
public record CacheHeaders(Duration lifetime, boolean revalidateEveryTime, String source) {

	private static final CacheHeaders SILENT = new CacheHeaders(null, false, null);

	/**
	 * Reads the headers.
	 * @param cacheControl the {@code Cache-Control} value (repeated headers joined by commas), or {@code null}
	 * @param expires the {@code Expires} value, or {@code null}
	 * @param receivedAt when the answer came, standing in for its {@code Date}
	 * @return what they say
	 */
	public static CacheHeaders read(String cacheControl, String expires, Instant receivedAt) {
		Duration maxAge = null;
		Duration sharedMaxAge = null;
		String maxAgeSaid = null;
		String sharedMaxAgeSaid = null;
		if (cacheControl != null) {
			for (String directive : cacheControl.split(",")) {
				String[] parts = directive.strip().split("=", 2);
				String name = parts[0].strip().toLowerCase(Locale.ROOT);
				String value = (parts.length > 1) ? unquote(parts[1].strip()) : null;
				switch (name) {
					case "no-store", "no-cache" -> {
						return new CacheHeaders(Duration.ZERO, true, "Cache-Control: " + name);
					}
					case "max-age" -> {
						maxAgeSaid = (maxAge == null) ? directive.strip() : maxAgeSaid;
						maxAge = seconds(value, maxAge);
					}
					case "s-maxage" -> {
						sharedMaxAgeSaid = (sharedMaxAge == null) ? directive.strip() : sharedMaxAgeSaid;
						sharedMaxAge = seconds(value, sharedMaxAge);
					}
					default -> {
						// private, public, must-revalidate, immutable, ...: they change nothing for a link checker
					}
				}
			}
		}
		if (sharedMaxAge != null) {
			return new CacheHeaders(sharedMaxAge, false, "Cache-Control: " + sharedMaxAgeSaid);
		}
		if (maxAge != null) {
			return new CacheHeaders(maxAge, false, "Cache-Control: " + maxAgeSaid);
		}
		if (expires != null) {
			HttpDates.Reading date = HttpDates.read(expires, receivedAt);
			if (!date.isDate()) {
				return new CacheHeaders(Duration.ZERO, false, "Expires " + date.problem() + ", so stale at once");
			}
			Duration left = Duration.between(receivedAt, date.instant());
			return new CacheHeaders(left.isNegative() ? Duration.ZERO : left, false,
					left.isNegative() ? "Expires in the past" : "Expires");
		}
		return SILENT;
	}

	/** A delta-seconds value; the first of repeated directives counts, a malformed one means stale. */
	private static Duration seconds(String value, Duration earlier) {
		if (earlier != null) {
			return earlier;
		}
		if (value == null || !value.matches("\\d{1,18}")) {
			return Duration.ZERO;
		}
		return Duration.ofSeconds(Long.parseLong(value));
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

}
