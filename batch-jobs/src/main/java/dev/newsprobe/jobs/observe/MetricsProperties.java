package dev.newsprobe.jobs.observe;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the jobs' metrics are kept.
 *
 * @param maxHostTags how many distinct hosts get a tag of their own in the prober's metrics; the others count as {@code other}
 * @param itemTimers whether Spring Batch also times every single item read and processed
 * ({@code spring.batch.item.*}); off by default, the job, step and chunk timers say enough at a
 * fraction of the cost
 */
@ConfigurationProperties("newsprobe.metrics")
public record MetricsProperties(@DefaultValue("200") int maxHostTags, @DefaultValue("false") boolean itemTimers) {

	public MetricsProperties {
		if (maxHostTags < 0) {
			throw new IllegalArgumentException("newsprobe.metrics.max-host-tags must not be negative, not " + maxHostTags);
		}
	}

}
