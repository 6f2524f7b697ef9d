package dev.newsprobe.jobs.reconcile;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the reconcile steps compare declared {@code isCached} flags with the verified state.
 *
 * @param chunkSize articles whose images are reconciled per transaction (one SQL statement each); a restart resumes after the last committed one
 */
@ConfigurationProperties("newsprobe.reconcile")
public record ReconcileProperties(@DefaultValue("5000") int chunkSize) {

	public ReconcileProperties {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("newsprobe.reconcile.chunk-size must be at least 1, not " + chunkSize);
		}
	}

}
