package dev.newsprobe.jobs.definition;

import dev.newsprobe.jobs.audit.AuditConfiguration;
import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.partition.PartitionConfiguration;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * {@code articleAuditJob}, the nightly audit: ingest the archive, mark vanished files gone, then
 * probe every distinct URL that is due. (Reconciliation and the report join as they are built.)
 */
@Configuration(proxyBeanMethods = false)
@Import({ AuditConfiguration.class, IngestStepConfiguration.class, ProbeStepConfiguration.class,
		PartitionConfiguration.class })
public class ArticleAuditJobConfiguration {

	/** The job's name in the job repository. */
	public static final String JOB_NAME = "articleAuditJob";

	@Bean
	Job articleAuditJob(JobRepository jobRepository, Step articleAuditIngestStep, Step articleAuditIngestSweepStep,
			Step articleAuditProbeStep) {
		return new JobBuilder(JOB_NAME, jobRepository).start(articleAuditIngestStep)
			.next(articleAuditIngestSweepStep)
			.next(articleAuditProbeStep)
			.build();
	}

}
