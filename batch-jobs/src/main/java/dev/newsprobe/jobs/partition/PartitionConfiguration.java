package dev.newsprobe.jobs.partition;

import dev.newsprobe.jobs.ingest.ArticleFilePartitioner;
import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.probe.HostPartitioner;
import dev.newsprobe.jobs.probe.ProbePartitionConfiguration;
import dev.newsprobe.jobs.probe.ProbeProperties;
import dev.newsprobe.jobs.run.RunParameters;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.messaging.MessageChannel;

/**
 * The steps {@code articleAuditJob} runs for ingest and probe: the chunk steps themselves, or
 * managers of their partitions on local threads or on remote workers (see {@link PartitionProperties}
 * and {@link PartitionedSteps}). Ingest is split by file ranges ({@link ArticleFilePartitioner}),
 * probe by host ({@link HostPartitioner}).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PartitionProperties.class)
@Import({ ProbePartitionConfiguration.class, RemotePartitionConfiguration.class })
public class PartitionConfiguration {

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	Partitioner articleFilePartitioner(@Value("#{jobParameters['" + RunParameters.INPUT + "']}") String input) {
		return new ArticleFilePartitioner(RunParameters.decodeRoots(input));
	}

	@Bean
	PartitionedSteps partitionedSteps(PartitionProperties properties, JobRepository jobRepository,
			ProbeProperties probeProperties,
			@Qualifier(RemotePartitionConfiguration.REQUESTS) ObjectProvider<MessageChannel> requests) {
		return new PartitionedSteps(properties, jobRepository, probeProperties.concurrency(), requests.getIfAvailable());
	}

	/** {@value IngestStepConfiguration#INGEST_STEP} as the job runs it. */
	@Bean
	Step articleAuditIngestStep(PartitionedSteps partitionedSteps, Step articleAuditIngestChunkStep,
			Partitioner articleFilePartitioner) {
		return partitionedSteps.of(articleAuditIngestChunkStep, articleFilePartitioner);
	}

	/** The probe step as the job runs it. */
	@Bean
	Step articleAuditProbeStep(PartitionedSteps partitionedSteps, Step articleAuditProbeChunkStep,
			HostPartitioner probeHostPartitioner) {
		return partitionedSteps.of(articleAuditProbeChunkStep, probeHostPartitioner);
	}

}
