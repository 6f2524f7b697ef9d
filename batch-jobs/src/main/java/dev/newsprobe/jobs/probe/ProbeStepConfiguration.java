package dev.newsprobe.jobs.probe;

import javax.sql.DataSource;

import dev.newsprobe.core.probe.HttpProber;
import dev.newsprobe.core.probe.ProbePolicy;
import dev.newsprobe.jobs.audit.AuditLog;
import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The probe step, {@code articleAuditJob.probe}: every distinct URL that is due is probed once; the
 * reader keeps a chunk's worth of probes running ahead of the chunk being written.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProbeProperties.class)
public class ProbeStepConfiguration {

	/** Name of the probe step of {@code articleAuditJob}. */
	public static final String PROBE_STEP = "articleAuditJob.probe";

	@Bean
	ProbeRepository probeRepository(DataSource dataSource) {
		return new ProbeRepository(new JdbcTemplate(dataSource));
	}

	@Bean
	ProbeSummaries probeSummaries(ProbeRepository repository) {
		return new ProbeSummaries(repository);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ProbingReader probingReader(ProbeRepository repository, ProbeProperties properties,
			@Value("#{stepExecutionContext['" + HostPartitioner.HOST_BUCKETS + "']}") String hostBuckets,
			@Value("#{stepExecutionContext['" + HostPartitioner.CONCURRENCY + "']}") Integer concurrency) {
		byte[] buckets = HostPartitioner.hostBuckets(hostBuckets);
		ProbingReader.DueUrls source = new ProbingReader.DueUrls() {

			@Override
			public java.util.List<DueUrl> due(java.time.Instant cutoff, String after, int limit) {
				return repository.due(cutoff, after, limit, buckets);
			}

			@Override
			public void prepare() {
				repository.refreshStatistics();
			}

		};
		ProbePolicy policy = (concurrency != null) ? properties.policy().withConcurrency(concurrency) : properties.policy();
		return new ProbingReader(source, () -> new HttpProber(policy), properties.chunkSize());
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ProbeResultWriter probeResultWriter(ProbeRepository repository, AuditLog auditLog, ProbeProperties properties,
			@Value("#{stepExecution.jobExecutionId}") long executionId, @Value("#{stepExecution.stepName}") String stepName) {
		return new ProbeResultWriter(repository, auditLog, properties, executionId, stepName);
	}

	@Bean
	Step articleAuditProbeChunkStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<PendingProbe> probingReader, ItemWriter<PendingProbe> probeResultWriter,
			ProbeProperties properties) {
		return new StepBuilder(PROBE_STEP, jobRepository).<PendingProbe, PendingProbe>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(probingReader)
			.writer(probeResultWriter)
			.build();
	}

}
