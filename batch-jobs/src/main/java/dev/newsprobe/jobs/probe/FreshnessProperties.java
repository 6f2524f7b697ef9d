package dev.newsprobe.jobs.probe;

import java.time.Duration;
import java.util.List;

import dev.newsprobe.core.cache.FreshnessPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long what probing found stays fresh, so a URL is not asked again before it is due (see
 * {@link FreshnessPolicy} for the rules).
 *
 * @param defaultTtl how long an OK answer stays fresh when its Cache-Control and Expires say nothing
 * @param minTtl the shortest an OK answer stays fresh (also what no-store, no-cache and max-age=0 give)
 * @param maxTtl the longest an OK answer stays fresh, however long its Cache-Control or Expires allows
 * @param movedTtl how long a MOVED verdict stands before the redirect is checked again
 * @param brokenBackoff waits after 1, 2, 3, ... definite failures in a row (BROKEN, SOFT_404, NOT_AN_IMAGE, SIZE_MISMATCH, FORBIDDEN_ADDRESS); the last repeats
 * @param inconclusiveBackoff waits after 1, 2, 3, ... inconclusive failures in a row (TIMEOUT, CONNECT_ERROR, SERVER_ERROR, BLOCKED, DNS_ERROR, TLS_ERROR); the last repeats
 */
@ConfigurationProperties("newsprobe.freshness")
public record FreshnessProperties(@DefaultValue("20h") Duration defaultTtl, @DefaultValue("1h") Duration minTtl,
		@DefaultValue("7d") Duration maxTtl, @DefaultValue("7d") Duration movedTtl,
		@DefaultValue({ "1d", "3d", "7d", "30d" }) List<Duration> brokenBackoff,
		@DefaultValue({ "1h", "6h", "24h", "3d", "7d" }) List<Duration> inconclusiveBackoff) {

	/** The policy these properties describe; inconsistent values are refused with the property's name. */
	public FreshnessPolicy policy() {
		return new FreshnessPolicy(this.defaultTtl, this.minTtl, this.maxTtl, this.movedTtl, this.brokenBackoff,
				this.inconclusiveBackoff);
	}

}
