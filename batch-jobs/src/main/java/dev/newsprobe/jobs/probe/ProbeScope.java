package dev.newsprobe.jobs.probe;

/**
 * Which URLs a probe step checks. Whatever the scope, only URLs cited by a live article are
 * probed, each at most once per step, and offline verdicts ({@code INVALID_URL}) never.
 */
public enum ProbeScope {

	/** URLs whose {@code next_check_at} has come: new ones and those whose freshness expired. */
	DUE,

	/** Every URL, fresh or not ({@code audit --recheck-all}). */
	ALL,

	/**
	 * Cache entries whose freshness expired: URLs probed before and due again, revalidated with
	 * their validators ({@code cacheRefreshJob}). URLs never probed wait for an audit.
	 */
	EXPIRED

}
