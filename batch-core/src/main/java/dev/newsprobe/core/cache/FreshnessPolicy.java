package dev.newsprobe.core.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.newsprobe.core.cache.internal.CacheHeaders;
import dev.newsprobe.core.probe.Verdict;

/**
 * When a URL newsprobe has checked is due to be checked again: the freshness of its cache entry.
 * <ul>
 * <li>{@code OK}: fresh for the lifetime its answer gives ({@code Cache-Control: s-maxage},
 * {@code max-age}, else {@code Expires}), or {@link #defaultTtl()} when the answer gives none,
 * always kept between {@link #minTtl()} and {@link #maxTtl()}. {@code no-store} and
 * {@code no-cache} (and a lifetime of zero) give the minimum. A 304 counts like the 200 it
 * confirms.</li>
 * <li>{@code MOVED}: {@link #movedTtl()}; the redirect is permanent, the file is what needs fixing.</li>
 * <li>Definite failures ({@code BROKEN}, {@code SOFT_404}, {@code NOT_AN_IMAGE},
 * {@code SIZE_MISMATCH}, {@code FORBIDDEN_ADDRESS}): the {@link #brokenBackoff()} ladder.</li>
 * <li>Inconclusive verdicts ({@code TIMEOUT}, {@code CONNECT_ERROR}, {@code SERVER_ERROR},
 * {@code BLOCKED}, {@code DNS_ERROR}, {@code TLS_ERROR}): the {@link #inconclusiveBackoff()}
 * ladder.</li>
 * </ul>
 * A ladder's n-th step is the wait after the n-th failure in a row; its last step repeats, so it
 * is the cap. {@code INVALID_URL} is decided offline and never due.
 *
 * @param defaultTtl how long an OK answer stays fresh when it says nothing of its own
 * @param minTtl the shortest an OK answer stays fresh, whatever it says
 * @param maxTtl the longest an OK answer stays fresh, whatever it says
 * @param movedTtl how long a MOVED verdict stands before it is checked again
 * @param brokenBackoff waits after 1, 2, 3, ... definite failures in a row; the last repeats
 * @param inconclusiveBackoff waits after 1, 2, 3, ... inconclusive failures in a row; the last repeats
 */
public record FreshnessPolicy(Duration defaultTtl, Duration minTtl, Duration maxTtl, Duration movedTtl,
		List<Duration> brokenBackoff, List<Duration> inconclusiveBackoff) {

	/** The defaults: a nightly audit revalidates OK URLs every night, conditionally where it can. */
	public static final FreshnessPolicy DEFAULTS = new FreshnessPolicy(Duration.ofHours(20), Duration.ofHours(1),
			Duration.ofDays(7), Duration.ofDays(7),
			List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(30)),
			List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24), Duration.ofDays(3), Duration.ofDays(7)));

	public FreshnessPolicy {
		brokenBackoff = List.copyOf(brokenBackoff);
		inconclusiveBackoff = List.copyOf(inconclusiveBackoff);
		requirePositive("default-ttl", defaultTtl);
		requirePositive("min-ttl", minTtl);
		requirePositive("max-ttl", maxTtl);
		requirePositive("moved-ttl", movedTtl);
		if (minTtl.compareTo(maxTtl) > 0) {
			throw new IllegalArgumentException("freshness min-ttl (" + minTtl + ") is longer than max-ttl (" + maxTtl + ")");
		}
		requireLadder("broken-backoff", brokenBackoff);
		requireLadder("inconclusive-backoff", inconclusiveBackoff);
	}

	/**
	 * When a URL is due again, and why then.
	 *
	 * @param delay how long it waits
	 * @param reason what gave that wait, in words an analyst reads in {@code url_state.next_check_reason}
	 *        ("Cache-Control: max-age=60, raised to min-ttl 1h", "definite failure 2 in a row: 3d", ...)
	 */
	public record NextCheck(Duration delay, String reason) {
	}

	/**
	 * How long a URL waits before it is due again.
	 * @param verdict the verdict just reached
	 * @param failuresInARow failures in a row, this one included (0 after a success)
	 * @param cacheControl the answer's {@code Cache-Control} (for a 304, the one it carries, else the stored one), or {@code null}
	 * @param expires the answer's {@code Expires} (as for {@code cacheControl}), or {@code null}
	 * @param checkedAt when the verdict was reached
	 * @return the wait
	 */
	public Duration wait(Verdict verdict, int failuresInARow, String cacheControl, String expires, Instant checkedAt) {
		return nextCheck(verdict, failuresInARow, cacheControl, expires, checkedAt).delay();
	}

	/**
	 * How long a URL waits before it is due again, and why.
	 * @param verdict the verdict just reached
	 * @param failuresInARow failures in a row, this one included (0 after a success)
	 * @param cacheControl the answer's {@code Cache-Control} (for a 304, the one it carries, else the stored one), or {@code null}
	 * @param expires the answer's {@code Expires} (as for {@code cacheControl}), or {@code null}
	 * @param checkedAt when the verdict was reached
	 * @return the wait and its reason
	 */
	public NextCheck nextCheck(Verdict verdict, int failuresInARow, String cacheControl, String expires,
			Instant checkedAt) {
		return switch (verdict) {
			case OK -> freshFor(cacheControl, expires, checkedAt);
			case MOVED -> new NextCheck(this.movedTtl, "moved: moved-ttl " + words(this.movedTtl));
			case BROKEN, SOFT_404, NOT_AN_IMAGE, SIZE_MISMATCH, FORBIDDEN_ADDRESS ->
				step("definite", this.brokenBackoff, failuresInARow);
			case TIMEOUT, CONNECT_ERROR, SERVER_ERROR, BLOCKED, DNS_ERROR, TLS_ERROR, INVALID_URL ->
				step("inconclusive", this.inconclusiveBackoff, failuresInARow);
		};
	}

	/** How long an OK answer with these headers stays fresh. */
	public Duration ttl(String cacheControl, String expires, Instant receivedAt) {
		return freshFor(cacheControl, expires, receivedAt).delay();
	}

	private NextCheck freshFor(String cacheControl, String expires, Instant receivedAt) {
		CacheHeaders headers = CacheHeaders.read(cacheControl, expires, receivedAt);
		if (headers.lifetime() == null) {
			return new NextCheck(this.defaultTtl, "no freshness headers: default-ttl " + words(this.defaultTtl));
		}
		Duration lifetime = headers.lifetime();
		String said = headers.source() + " (" + words(lifetime) + ")";
		if (lifetime.compareTo(this.minTtl) < 0) {
			return new NextCheck(this.minTtl, said + ", raised to min-ttl " + words(this.minTtl));
		}
		if (lifetime.compareTo(this.maxTtl) > 0) {
			return new NextCheck(this.maxTtl, said + ", cut to max-ttl " + words(this.maxTtl));
		}
		return new NextCheck(lifetime, said);
	}

	/** Whether a verdict says nothing sure about the URL (the server or the network was in the way). */
	public static boolean isInconclusive(Verdict verdict) {
		return switch (verdict) {
			case TIMEOUT, CONNECT_ERROR, SERVER_ERROR, BLOCKED, DNS_ERROR, TLS_ERROR -> true;
			default -> false;
		};
	}

	private static NextCheck step(String kind, List<Duration> ladder, int failuresInARow) {
		int failures = Math.max(failuresInARow, 1);
		Duration wait = ladder.get(Math.min(failures, ladder.size()) - 1);
		return new NextCheck(wait, kind + " failure " + failures + " in a row: " + words(wait));
	}

	/** A duration as a person writes it: {@code 20h}, {@code 1d 12h}, {@code 90s}. */
	static String words(Duration duration) {
		long seconds = duration.toSeconds();
		if (seconds == 0) {
			return "0s";
		}
		StringBuilder text = new StringBuilder();
		long[] units = { 86_400, 3600, 60, 1 };
		String[] names = { "d", "h", "m", "s" };
		for (int i = 0; i < units.length; i++) {
			if (seconds >= units[i]) {
				text.append(text.isEmpty() ? "" : " ").append(seconds / units[i]).append(names[i]);
				seconds %= units[i];
			}
		}
		return text.toString();
	}

	private static void requirePositive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("freshness " + name + " must be a positive duration, not " + value);
		}
	}

	private static void requireLadder(String name, List<Duration> ladder) {
		if (ladder.isEmpty()) {
			throw new IllegalArgumentException("freshness " + name + " needs at least one duration");
		}
		ladder.forEach(step -> requirePositive(name, step));
	}

}
