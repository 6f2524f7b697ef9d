package dev.newsprobe.jobs.probe;

import java.time.Instant;
import java.util.List;

import javax.sql.DataSource;

import dev.newsprobe.core.cache.FreshnessPolicy;
import dev.newsprobe.core.http.HostPoliteness;
import dev.newsprobe.core.probe.HttpProber;
import dev.newsprobe.core.probe.ProbePolicy;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.observe.ProbeListeners;
import dev.newsprobe.jobs.observe.ProbeMetrics;
import dev.newsprobe.jobs.observe.ProgressReporters;
import dev.newsprobe.jobs.observe.StepProgress;
import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import dev.newsprobe.jobs.run.RunParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
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
 * The probe steps: {@code articleAuditJob.probe} probes every distinct URL that is due once (every
 * URL with the job parameter {@value RunParameters#RECHECK_ALL}{@code =true});
 * {@code cacheRefreshJob.probe} revalidates the cache entries whose freshness expired. The reader
 * keeps a chunk's worth of probes running ahead of the chunk being written.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ProbeProperties.class, FreshnessProperties.class })
public class ProbeStepConfiguration {

	/** Name of the probe step of {@code articleAuditJob}. */
	public static final String PROBE_STEP = "articleAuditJob.probe";

	/** Name of the probe step of {@code cacheRefreshJob}. */
	public static final String REFRESH_PROBE_STEP = "cacheRefreshJob.probe";

	@Bean
	ProbeRepository probeRepository(DataSource dataSource) {
		return new ProbeRepository(new JdbcTemplate(dataSource));
	}

	@Bean
	ProbeSummaries probeSummaries(ProbeRepository repository) {
		return new ProbeSummaries(repository);
	}

	@Bean
	FreshnessPolicy freshnessPolicy(FreshnessProperties properties) {
		return properties.policy();
	}

	@Bean
	StepProgress probeProgress(ProgressReporters progress, ProbeRepository repository) {
		return progress.countingVerdicts("URLs", step -> repository.countDue(scopeOf(step), Instant.now()));
	}

	/** Which URLs a probe step reads: the refresh's expired ones, all of them, or the due ones. */
	private static ProbeScope scopeOf(StepExecution step) {
		if (REFRESH_PROBE_STEP.equals(step.getStepName())) {
			return ProbeScope.EXPIRED;
		}
		String recheckAll = step.getJobParameters().getString(RunParameters.RECHECK_ALL);
		return "true".equalsIgnoreCase(recheckAll) ? ProbeScope.ALL : ProbeScope.DUE;
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ProbingReader probingReader(ProbeRepository repository, ProbeProperties properties, ProbeMetrics probeMetrics,
			StepProgress probeProgress, @Value("#{jobParameters['" + RunParameters.RECHECK_ALL + "']}") String recheckAll,
			@Value("#{stepExecutionContext['" + HostPartitioner.HOST_BUCKETS + "']}") String hostBuckets,
			@Value("#{stepExecutionContext['" + HostPartitioner.CONCURRENCY + "']}") Integer concurrency,
			@Value("#{stepExecution}") StepExecution step) {
		ProbeScope scope = "true".equalsIgnoreCase(recheckAll) ? ProbeScope.ALL : ProbeScope.DUE;
		return reader(repository, properties, scope, HostPartitioner.hostBuckets(hostBuckets), concurrency, probeMetrics,
				probeProgress, step);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ProbingReader refreshProbingReader(ProbeRepository repository, ProbeProperties properties, ProbeMetrics probeMetrics,
			StepProgress probeProgress, @Value("#{stepExecution}") StepExecution step) {
		return reader(repository, properties, ProbeScope.EXPIRED, null, null, probeMetrics, probeProgress, step);
	}

	private static ProbingReader reader(ProbeRepository repository, ProbeProperties properties, ProbeScope scope,
			byte[] buckets, Integer concurrency, ProbeMetrics probeMetrics, StepProgress probeProgress,
			StepExecution step) {
		ProbingReader.DueUrls source = new ProbingReader.DueUrls() {

			@Override
			public List<DueUrl> due(Instant cutoff, String after, int limit) {
				return repository.due(scope, cutoff, after, limit, buckets);
			}

			@Override
			public void prepare() {
				repository.refreshStatistics();
			}

			@Override
			public void slowedDown(List<HostPoliteness> hosts) {
				repository.recordPoliteness(step.getJobExecutionId(), step.getStepName(), hosts);
			}

		};
		ProbePolicy policy = (concurrency != null) ? properties.policy().withConcurrency(concurrency) : properties.policy();
		return new ProbingReader(source,
				() -> new HttpProber(policy, ProbeListeners.of(probeMetrics, probeProgress.probeListener())),
				properties.chunkSize());
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ProbeResultWriter probeResultWriter(ProbeRepository repository, AuditLog auditLog, FreshnessPolicy freshnessPolicy,
			@Value("#{stepExecution.jobExecutionId}") long executionId, @Value("#{stepExecution.stepName}") String stepName) {
		return new ProbeResultWriter(repository, auditLog, freshnessPolicy, executionId, stepName);
	}

	@Bean
	Step articleAuditProbeChunkStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<PendingProbe> probingReader, ItemWriter<PendingProbe> probeResultWriter,
			ProbeProperties properties, StepProgress probeProgress) {
		return new StepBuilder(PROBE_STEP, jobRepository).<PendingProbe, PendingProbe>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(probingReader)
			.writer(probeResultWriter)
			.listener(probeProgress)
			.build();
	}

	@Bean
	Step cacheRefreshProbeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<PendingProbe> refreshProbingReader, ItemWriter<PendingProbe> probeResultWriter,
			ProbeProperties properties, StepProgress probeProgress) {
		return new StepBuilder(REFRESH_PROBE_STEP, jobRepository).<PendingProbe, PendingProbe>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(refreshProbingReader)
			.writer(probeResultWriter)
			.listener(probeProgress)
			.build();
	}

}
