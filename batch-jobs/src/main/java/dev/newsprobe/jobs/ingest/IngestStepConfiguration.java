package dev.newsprobe.jobs.ingest;

import javax.sql.DataSource;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.core.files.FileStats;
import dev.newsprobe.core.files.SafeFileReader;
import dev.newsprobe.jobs.ingest.internal.IngestRepositories;
import dev.newsprobe.jobs.observe.ProgressReporters;
import dev.newsprobe.jobs.observe.StepProgress;
import dev.newsprobe.jobs.run.RunParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
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
 * The ingest steps of a job: {@code <job>.ingest} reads changed article files into the database,
 * {@code <job>.ingestSweep} marks gone the articles whose file disappeared. Readers and writers
 * are step-scoped: each step execution gets its own, built from its job parameters.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(IngestProperties.class)
public class IngestStepConfiguration {

	/** Name of the ingest step of {@code articleAuditJob}. */
	public static final String INGEST_STEP = "articleAuditJob.ingest";

	/** Name of the step marking vanished files gone. */
	public static final String SWEEP_STEP = "articleAuditJob.ingestSweep";

	/** Reads article files safely (no link followed, regular files only, a blocking open bounded); closed with the context. */
	@Bean(destroyMethod = "close")
	SafeFileReader articleFileOpener() {
		return new SafeFileReader(new FileStats(), ArticleParser.OPEN_TIMEOUT);
	}

	@Bean
	ArticleParser articleParser(IngestProperties properties, SafeFileReader articleFileOpener) {
		return new ArticleParser(properties.parserLimits(), articleFileOpener);
	}

	@Bean
	IngestRepositories ingestRepositories(DataSource dataSource) {
		return IngestRepositories.of(new JdbcTemplate(dataSource));
	}

	@Bean
	IngestSummaries ingestSummaries(IngestRepositories tables) {
		return new IngestSummaries(tables.counts());
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ArticleFileReader articleFileReader(@Value("#{jobParameters['" + RunParameters.INPUT + "']}") String input,
			IngestRepositories tables, ArticleIngestProcessor articleIngestProcessor, IngestProperties properties) {
		return new ArticleFileReader(RunParameters.decodeRoots(input), tables.known()::find, articleIngestProcessor::ingest,
				properties.chunkSize());
	}

	@Bean
	ArticleIngestProcessor articleIngestProcessor(ArticleParser parser) {
		return new ArticleIngestProcessor(parser);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ArticleIngestWriter articleIngestWriter(IngestRepositories tables, AuditLog auditLog,
			ArticleIngestProcessor articleIngestProcessor, @Value("#{stepExecution.jobExecutionId}") long executionId,
			@Value("#{stepExecution.stepName}") String stepName) {
		return new ArticleIngestWriter(tables, auditLog, articleIngestProcessor::takeStatRefreshes, executionId, stepName);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	GoneArticleSweep goneArticleSweep(@Value("#{jobParameters['" + RunParameters.INPUT + "']}") String input,
			@Value("#{jobParameters['" + GoneArticleSweep.ALLOW_MASS_GONE + "']}") String allowMassGone,
			IngestRepositories tables, AuditLog auditLog, IngestProperties properties) {
		return new GoneArticleSweep(RunParameters.decodeRoots(input), tables, auditLog, properties.maxGoneShare(),
				Boolean.parseBoolean(allowMassGone));
	}

	@Bean
	StepProgress ingestProgress(ProgressReporters progress) {
		return progress.countingReads("files");
	}

	@Bean
	Step articleAuditIngestChunkStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<PreparedArticle> articleFileReader, ArticleIngestProcessor articleIngestProcessor,
			ItemWriter<IngestItem> articleIngestWriter, IngestProperties properties, StepProgress ingestProgress) {
		return new StepBuilder(INGEST_STEP, jobRepository).<PreparedArticle, IngestItem>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(articleFileReader)
			.processor(articleIngestProcessor)
			.writer(articleIngestWriter)
			.listener(ingestProgress)
			.build();
	}

	@Bean
	Step articleAuditIngestSweepStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			Tasklet goneArticleSweep) {
		return new StepBuilder(SWEEP_STEP, jobRepository).tasklet(goneArticleSweep, transactionManager).build();
	}

}
