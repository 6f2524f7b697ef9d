package dev.newsprobe.jobs.probe;

import dev.newsprobe.core.probe.ProbeRequest;

/**
 * A URL due for probing, with what is known of it.
 *
 * @param request what to ask the prober (with the stored validators when the URL is revalidated)
 * @param verdict its verdict before this probe, or {@code null} when never probed
 * @param finalUrl its final URL before this probe, or {@code null}
 * @param consecutiveFailures its failures in a row before this probe
 * @param cacheControl its stored {@code Cache-Control}, which a 304 without one leaves in force, or {@code null}
 * @param expires its stored {@code Expires}, as for {@code cacheControl}, or {@code null}
 */
public record DueUrl(ProbeRequest request, String verdict, String finalUrl, int consecutiveFailures,
		String cacheControl, String expires) {

	/** The URL. */
	public String url() {
		return this.request.url();
	}

}
