package dev.newsprobe.core.http;

import java.time.Duration;
import java.time.Instant;

import dev.newsprobe.core.http.CallOutcome.GiveUp;

/**
 * When a call is tried again, and after how long. Retried: connect errors and timeouts, and the answers
 * 408, 429, 502, 503 and 504, up to {@code maxAttempts} attempts in all. The wait is what the server asked
 * for ({@code Retry-After} in seconds or as an HTTP date, or a rate-limit reset), else the {@link Backoff};
 * a wait longer than {@code retryAfterCap}, or one that would end past the total timeout, ends the retries.
 * Failures that would be the same again (address guard, DNS, TLS) and downloads whose body was already
 * handed on are not retried. 429 and 503 also pause the whole host, as do rate-limit headers saying no
 * request is left.
 */
public final class RetryPolicy {

	private final int maxAttempts;

	private final Duration cap;

	private final Backoff backoff;

	public RetryPolicy(HttpPolicy policy) {
		this.maxAttempts = policy.maxAttempts();
		this.cap = policy.retryAfterCap();
		this.backoff = new Backoff(policy.retryBackoff());
	}

	/** Whether an answer with this status is worth another attempt. */
	public static boolean retryable(int status) {
		return status == 408 || status == 429 || status == 502 || status == 503 || status == 504;
	}

	/** Whether an answer with this status asks the whole host to be left alone for a while. */
	public static boolean pausesHost(int status) {
		return status == 429 || status == 503;
	}

	/** The longest wait honoured. */
	public Duration cap() {
		return this.cap;
	}

	/**
	 * The wait an answer asks for: {@code Retry-After}, else the rate-limit headers.
	 * @return the wait, or {@code null} when it names none
	 */
	public static Duration askedWait(Answer answer, Instant now) {
		Duration asked = RetryAfter.parse(answer.header("Retry-After"), now);
		return (asked != null) ? asked : rateLimitWait(answer);
	}

	/** The wait rate-limit headers ask for when no request is left, or {@code null}. */
	public static Duration rateLimitWait(Answer answer) {
		return RetryAfter.rateLimit(answer.header("RateLimit-Remaining"), answer.header("RateLimit-Reset"),
				answer.header("RateLimit"));
	}

	/** The wait after a failed attempt when the server named none. */
	public Duration backoff(int attempt) {
		return this.backoff.after(attempt);
	}

	/** A wait as long as it is honoured to pause a host for. */
	public Duration capped(Duration wait) {
		return (wait.compareTo(this.cap) <= 0) ? wait : this.cap;
	}

	/**
	 * Whether to give up after a retryable answer.
	 * @param attempt the attempt that was answered, from 1
	 * @param asked the wait the server asked for, or {@code null}
	 * @param delay the wait before the next attempt
	 * @param remaining the time left within the total timeout
	 * @return why not to retry, or {@link GiveUp#NONE} to retry after {@code delay}
	 */
	public GiveUp afterAnswer(int attempt, Duration asked, Duration delay, Duration remaining) {
		if (attempt >= this.maxAttempts) {
			return GiveUp.ATTEMPTS;
		}
		if (asked != null && asked.compareTo(this.cap) > 0) {
			return GiveUp.WAIT_OVER_CAP;
		}
		return (delay.compareTo(remaining) >= 0) ? GiveUp.NO_TIME_LEFT : GiveUp.NONE;
	}

	/**
	 * Whether to give up after a failed exchange.
	 * @param attempt the attempt that failed, from 1
	 * @param errorClass the failure's {@link ErrorClasses error class}
	 * @param handedOn whether part of the body went to a sink already
	 * @param delay the wait before the next attempt
	 * @param remaining the time left within the total timeout
	 * @return why not to retry, or {@link GiveUp#NONE} to retry after {@code delay}
	 */
	public GiveUp afterFailure(int attempt, String errorClass, boolean handedOn, Duration delay, Duration remaining) {
		if (ErrorClasses.isPermanent(errorClass)) {
			return GiveUp.PERMANENT;
		}
		if (handedOn) {
			return GiveUp.HANDED_ON;
		}
		if (attempt >= this.maxAttempts) {
			return GiveUp.ATTEMPTS;
		}
		return (delay.compareTo(remaining) >= 0) ? GiveUp.NO_TIME_LEFT : GiveUp.NONE;
	}

}
