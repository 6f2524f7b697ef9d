package dev.newsprobe.core.http;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads how long a server asks to be left alone: {@code Retry-After} (seconds or an HTTP date, read by
 * {@link HttpDates}) and
 * the rate-limit headers ({@code RateLimit-Reset} with {@code RateLimit-Remaining: 0}, or the
 * combined {@code RateLimit: ..., remaining=0, reset=N}).
 */
public final class RetryAfter {

	private static final Pattern COMBINED_REMAINING = Pattern.compile("(?:remaining|\\br)=\\s*(\\d+)");

	private static final Pattern COMBINED_RESET = Pattern.compile("(?:reset|\\bt)=\\s*(\\d+)");

	private RetryAfter() {
	}

	/**
	 * The wait a {@code Retry-After} value asks for.
	 * @param value the header value, may be {@code null}
	 * @param now the current time, for HTTP dates
	 * @return the wait, or {@code null} when absent or unreadable
	 */
	public static Duration parse(String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		Long seconds = HeaderValues.number(value, 9);
		if (seconds != null) {
			return Duration.ofSeconds(seconds);
		}
		Instant at = HttpDates.parse(value.strip(), now);
		if (at == null) {
			return null;
		}
		Duration wait = Duration.between(now, at);
		return wait.isNegative() ? Duration.ZERO : wait;
	}

	/**
	 * The wait rate-limit headers ask for when no request is left in the window.
	 * @param remaining {@code RateLimit-Remaining}, may be {@code null}
	 * @param reset {@code RateLimit-Reset}, may be {@code null}
	 * @param combined {@code RateLimit}, may be {@code null}
	 * @return the wait, or {@code null} when requests remain or nothing is said
	 */
	public static Duration rateLimit(String remaining, String reset, String combined) {
		Long resetSeconds = HeaderValues.number(reset, 9);
		if (remaining != null && resetSeconds != null && remaining.strip().equals("0")) {
			return Duration.ofSeconds(resetSeconds);
		}
		if (combined != null) {
			String lower = combined.toLowerCase(Locale.ROOT);
			Matcher left = COMBINED_REMAINING.matcher(lower);
			Matcher resetIn = COMBINED_RESET.matcher(lower);
			if (left.find() && left.group(1).equals("0") && resetIn.find()) {
				return Duration.ofSeconds(Long.parseLong(resetIn.group(1)));
			}
		}
		return null;
	}

}
