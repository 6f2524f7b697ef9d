package dev.newsprobe.core.cache.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;

/**
 * What a response's {@code Cache-Control} and {@code Expires} say about how long it stays fresh,
 * read as a shared cache reads them (RFC 9111): {@code no-store} and {@code no-cache} mean "ask
 * again every time"; {@code s-maxage} wins over {@code max-age}, which wins over {@code Expires};
 * an {@code Expires} that cannot be read means "already stale".
 *
 * @param lifetime the freshness lifetime the headers give, or {@code null} when they give none
 * @param revalidateEveryTime whether the headers forbid reusing the answer without asking
 */
public record CacheHeaders(Duration lifetime, boolean revalidateEveryTime) {

	private static final CacheHeaders SILENT = new CacheHeaders(null, false);

	/** The three date forms HTTP allows; the first is the one servers should send. */
	private static final List<DateTimeFormatter> HTTP_DATES = List.of(
			DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US),
			DateTimeFormatter.ofPattern("EEEE, dd-MMM-yy HH:mm:ss 'GMT'", Locale.US),
			DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US));

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
		if (cacheControl != null) {
			for (String directive : cacheControl.split(",")) {
				String[] parts = directive.strip().split("=", 2);
				String name = parts[0].strip().toLowerCase(Locale.ROOT);
				String value = (parts.length > 1) ? unquote(parts[1].strip()) : null;
				switch (name) {
					case "no-store", "no-cache" -> {
						return new CacheHeaders(Duration.ZERO, true);
					}
					case "max-age" -> maxAge = seconds(value, maxAge);
					case "s-maxage" -> sharedMaxAge = seconds(value, sharedMaxAge);
					default -> {
						// private, public, must-revalidate, immutable, ...: they change nothing for a link checker
					}
				}
			}
		}
		if (sharedMaxAge != null) {
			return new CacheHeaders(sharedMaxAge, false);
		}
		if (maxAge != null) {
			return new CacheHeaders(maxAge, false);
		}
		if (expires != null) {
			Instant at = httpDate(expires.strip());
			if (at == null) {
				return new CacheHeaders(Duration.ZERO, false);
			}
			Duration left = Duration.between(receivedAt, at);
			return new CacheHeaders(left.isNegative() ? Duration.ZERO : left, false);
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

	/** An HTTP date in any of its three forms, or {@code null}. */
	static Instant httpDate(String text) {
		for (DateTimeFormatter format : HTTP_DATES) {
			try {
				LocalDateTime time = LocalDateTime.parse(text, format);
				if (time.getYear() >= 2070) {
					// a two-digit year of the obsolete form, read as 20yy, is more likely 19yy
					time = time.minusYears(100);
				}
				return time.toInstant(ZoneOffset.UTC);
			}
			catch (DateTimeParseException ex) {
				// try the next form
			}
		}
		return null;
	}

}
