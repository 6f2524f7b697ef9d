package dev.newsprobe.jobs.definition;

import dev.newsprobe.jobs.audit.AuditConfiguration;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import dev.newsprobe.jobs.reconcile.ReconcileStepConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code cacheRefreshJob}, the cheap job to run often: revalidate only the cache entries whose
 * freshness expired (conditional requests where validators are known), then reconcile the images'
 * declared {@code isCached} with the refreshed state. No files are read.
 */
@Configuration(proxyBeanMethods = false)
@Import({ AuditConfiguration.class, ProbeStepConfiguration.class, ReconcileStepConfiguration.class })
public class CacheRefreshJobConfiguration {

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "cacheRefreshJob";

	@Bean
	Job cacheRefreshJob(JobRepository jobRepository, Step cacheRefreshProbeStep, Step cacheRefreshReconcileStep) {
		return new JobBuilder(JOB_NAME, jobRepository).start(cacheRefreshProbeStep).next(cacheRefreshReconcileStep).build();
	}

}
