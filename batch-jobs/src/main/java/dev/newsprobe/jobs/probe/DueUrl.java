package dev.newsprobe.jobs.probe;

import dev.newsprobe.core.probe.ProbeRequest;

/**
 * A URL due for probing, with what is known of it.
 *
 * @param request what to ask the prober
 * @param verdict its verdict before this probe, or {@code null} when never probed
 * @param finalUrl its final URL before this probe, or {@code null}
 */
public record DueUrl(ProbeRequest request, String verdict, String finalUrl) {

	/** The URL. */
	public String url() {
		return this.request.url();
	}

}
