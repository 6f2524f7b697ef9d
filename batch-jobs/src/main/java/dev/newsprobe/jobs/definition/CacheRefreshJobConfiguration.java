package dev.newsprobe.jobs.definition;

import dev.newsprobe.jobs.auditlog.AuditConfiguration;
import dev.newsprobe.jobs.observe.LogContext;
import dev.newsprobe.jobs.observe.ObservabilityConfiguration;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import dev.newsprobe.jobs.reconcile.ReconcileStepConfiguration;
import dev.newsprobe.jobs.store.ImageStoreStepConfiguration;
import dev.newsprobe.jobs.store.ImageStoreStepFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code cacheRefreshJob}, the cheap job to run often: revalidate only the cache entries whose
 * freshness expired (conditional requests where validators are known), bring the image store up
 * to date with what that found (when the store is enabled: mirror newly verified images,
 * revalidate copies that are due), then reconcile the images' declared {@code isCached} with the
 * refreshed state. No files are read.
 */
@Configuration(proxyBeanMethods = false)
@Import({ RunSettingsConfiguration.class, AuditConfiguration.class, ObservabilityConfiguration.class,
		ProbeStepConfiguration.class, ImageStoreStepConfiguration.class, ReconcileStepConfiguration.class })
public class CacheRefreshJobConfiguration {

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "cacheRefreshJob";

	/** Name of the image store step of {@code cacheRefreshJob}. */
	public static final String REFRESH_RECONCILE_IMAGE_STORE_STEP = "cacheRefreshJob.reconcileImageStore";

	@Bean
	Step cacheRefreshReconcileImageStoreStep(ImageStoreStepFactory steps) {
		return steps.create(REFRESH_RECONCILE_IMAGE_STORE_STEP);
	}

	@Bean
	Job cacheRefreshJob(JobRepository jobRepository, Step cacheRefreshProbeStep, Step cacheRefreshReconcileImageStoreStep,
			Step cacheRefreshReconcileStep, LogContext logContext, RunSettingsRecorder runSettings) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(logContext)
			.listener(runSettings)
			.start(cacheRefreshProbeStep)
			.next(cacheRefreshReconcileImageStoreStep)
			.next(cacheRefreshReconcileStep)
			.build();
	}

}
