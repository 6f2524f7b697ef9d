package dev.newsprobe.core.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The wait before another attempt when the server named none: exponential, doubling from a first delay,
 * randomised to between half and one and a half times that, so that the URLs one failing host held up do not
 * all come back at the same instant.
 */
public final class Backoff {

	/** Doublings stop here: the first delay times 1024 is as long as any wait gets. */
	private static final int MAX_DOUBLINGS = 10;

	private final long firstMillis;

	/** @param first the wait after the first attempt, before jitter */
	public Backoff(Duration first) {
		this.firstMillis = first.toMillis();
	}

	/**
	 * The wait after an attempt.
	 * @param attempt the attempt that failed, from 1
	 * @return the wait before the next one
	 */
	public Duration after(int attempt) {
		long base = this.firstMillis << Math.min(Math.max(attempt, 1) - 1, MAX_DOUBLINGS);
		return Duration.ofMillis((long) (base * (0.5 + ThreadLocalRandom.current().nextDouble())));
	}

}
