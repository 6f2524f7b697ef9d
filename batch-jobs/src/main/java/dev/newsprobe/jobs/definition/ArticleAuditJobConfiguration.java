package dev.newsprobe.jobs.definition;

import dev.newsprobe.jobs.auditlog.AuditConfiguration;
import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.observe.LogContext;
import dev.newsprobe.jobs.observe.ObservabilityConfiguration;
import dev.newsprobe.jobs.partition.PartitionConfiguration;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import dev.newsprobe.jobs.reconcile.ReconcileStepConfiguration;
import dev.newsprobe.jobs.report.ReportFinisher;
import dev.newsprobe.jobs.report.ReportStepConfiguration;
import dev.newsprobe.jobs.store.ImageStoreStepConfiguration;
import dev.newsprobe.jobs.writeback.WriteBackStepConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code articleAuditJob}, the nightly audit: ingest the archive, mark vanished files gone, probe
 * every distinct URL that is due, mirror verified images into the image store (when enabled),
 * reconcile the images' declared {@code isCached} with the verified state, (only with
 * {@code audit --write-back}) write the disagreeing {@code isCached} flags and moved URLs back
 * into the files, and write the run's report.
 */
@Configuration(proxyBeanMethods = false)
@Import({ RunSettingsConfiguration.class, AuditConfiguration.class, ObservabilityConfiguration.class,
		IngestStepConfiguration.class, ProbeStepConfiguration.class, PartitionConfiguration.class,
		ImageStoreStepConfiguration.class, ReconcileStepConfiguration.class, WriteBackStepConfiguration.class,
		ReportStepConfiguration.class })
public class ArticleAuditJobConfiguration {

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "articleAuditJob";

	@Bean
	Job articleAuditJob(JobRepository jobRepository, Step articleAuditIngestStep, Step articleAuditIngestSweepStep,
			Step articleAuditProbeStep, Step articleAuditReconcileImageStoreStep, Step articleAuditReconcileStep,
			Step articleAuditWriteBackStep, Step articleAuditReportStep, LogContext logContext, RunSettingsRecorder runSettings,
			ReportFinisher reportFinisher) {
		return new JobBuilder(JOB_NAME, jobRepository).listener(logContext)
			.listener(runSettings)
			.listener(reportFinisher)
			.start(articleAuditIngestStep)
			.next(articleAuditIngestSweepStep)
			.next(articleAuditProbeStep)
			.next(articleAuditReconcileImageStoreStep)
			.next(articleAuditReconcileStep)
			.next(articleAuditWriteBackStep)
			.next(articleAuditReportStep)
			.build();
	}

}
