package dev.newsprobe.core.http;

import java.time.Duration;

/**
 * Hears what the HTTP layer does for one call, for metrics: every request answered or failed, every retry, every
 * change of a host's limit.
 * Called on the layer's own threads, so an implementation must be quick and thread-safe; what it throws is
 * ignored.
 */
public interface CallListener {

	/** A listener that does nothing. */
	CallListener NONE = new CallListener() {
	};

	/**
	 * One HTTP request ended.
	 * @param host the host and port asked ({@code example.com:443})
	 * @param method the request method
	 * @param status the status answered, or 0 when no answer came (connect error, timeout, reset)
	 * @param latency from sending the request to the end of its answer (or its failure)
	 */
	default void requestCompleted(String host, String method, int status, Duration latency) {
	}

	/**
	 * A retry was scheduled.
	 * @param host the host and port that answered badly
	 * @param reason the status code ({@code 503}), {@code timeout} or {@code connect}
	 */
	default void retryScheduled(String host, String reason) {
	}

	/**
	 * A host's limit of requests in flight changed: cut by a 429, a 503 or a timeout, or grown back by good
	 * answers (newsprobe's adaptive politeness).
	 * @param host the host and port
	 * @param limit its limit now
	 * @param configuredLimit the limit it grows back to ({@code per-host-concurrency})
	 */
	default void hostLimitChanged(String host, int limit, int configuredLimit) {
	}

	/**
	 * Calls a listener; whatever it throws must not cost a call its outcome.
	 * @param call the listener call
	 */
	static void quietly(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			// metrics are never worth a verdict
		}
	}

}
