package dev.newsprobe.core.probe;

import dev.newsprobe.core.http.CallListener;

/**
 * Hears what a prober does, for metrics and progress: every URL started and finished, and (as a
 * {@link CallListener}) every HTTP request answered or failed and every retry. Called on the prober's own
 * threads, so an implementation must be quick and thread-safe; what it throws is ignored.
 */
public interface ProbeListener extends CallListener {

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
	 * A URL's probe reached its verdict.
	 * @param request what was probed
	 * @param result the verdict with its evidence
	 */
	default void probeFinished(ProbeRequest request, ProbeResult result) {
	}

}
