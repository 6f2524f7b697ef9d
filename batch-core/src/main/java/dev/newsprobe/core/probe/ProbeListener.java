package dev.newsprobe.core.probe;

import java.time.Duration;

/**
 * Hears what a prober does, for metrics and progress: every URL started and finished, every HTTP
 * request answered or failed, every retry. Called on the prober's own threads, so an
 * implementation must be quick and thread-safe; what it throws is ignored.
 */
public interface ProbeListener {

	/** A listener that does nothing. */
	ProbeListener NONE = new ProbeListener() {
	};

	/**
	 * A URL's probe started; it is in flight until {@link #probeFinished}.
	 * @param request what is probed
	 */
	default void probeStarted(ProbeRequest request) {
	}

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
	 * A retry was scheduled for a URL.
	 * @param host the host and port that answered badly
	 * @param reason the status code ({@code 503}), {@code timeout} or {@code connect}
	 */
	default void retryScheduled(String host, String reason) {
	}

	/**
	 * A URL's probe reached its verdict.
	 * @param request what was probed
	 * @param result the verdict with its evidence
	 */
	default void probeFinished(ProbeRequest request, ProbeResult result) {
	}

}
