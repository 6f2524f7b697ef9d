package dev.newsprobe.jobs.writeback;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.writeback.FileRewriter;
import dev.newsprobe.core.writeback.FrontMatterEditor;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.ingest.IngestProperties;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemProcessor;
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
 * The write-back step, {@code articleAuditJob.writeBack}: only when the run was started with
 * {@code audit --write-back}, rewrites the {@code isCached} flags that disagree with the verified
 * state (and, with {@code --write-back=cached,moved}, moved URLs) in the article files, each file
 * atomically, each change audited. Without the parameter it reads nothing and changes nothing.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WriteBackProperties.class)
public class WriteBackStepConfiguration {

	/** Name of the write-back step of {@code articleAuditJob}. */
	public static final String WRITE_BACK_STEP = "articleAuditJob.writeBack";

	@Bean
	WriteBackRepository writeBackRepository(DataSource dataSource,
			@Value("${newsprobe.store.enabled:false}") boolean storeEnabled) {
		return new WriteBackRepository(new JdbcTemplate(dataSource), storeEnabled);
	}

	@Bean
	WriteBackSummaries writeBackSummaries(WriteBackRepository repository) {
		return new WriteBackSummaries(repository);
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	WriteBackReader writeBackReader(@Value("#{jobParameters['" + RunParameters.INPUT + "']}") String input,
			@Value("#{jobParameters['" + RunParameters.WRITE_BACK + "']}") String writeBack, WriteBackRepository repository) {
		WriteBackMode mode = WriteBackMode.parse(writeBack);
		List<String> roots = RunParameters.decodeRoots(input).stream().map(Path::toString).toList();
		WriteBackReader.Source source = new WriteBackReader.Source() {

			@Override
			public long maxArticleId() {
				return repository.maxArticleId();
			}

			@Override
			public List<WriteBackItem> items(long after, long upTo) {
				return repository.disagreements(roots, after, upTo, mode.cached(), mode.moved());
			}

		};
		return new WriteBackReader(source, mode, RunParameters.decodeRoots(input));
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ArticleWriteBack articleWriteBack(@Value("#{jobParameters['" + RunParameters.INPUT + "']}") String input,
			ArticleParser articleParser, IngestProperties ingestProperties) {
		return new ArticleWriteBack(fileRewriter(input, ingestProperties), articleParser,
				new FrontMatterEditor(ingestProperties.parserLimits()));
	}

	private static FileRewriter fileRewriter(String input, IngestProperties ingestProperties) {
		return new FileRewriter(RunParameters.decodeRoots(input), ingestProperties.maxFileSize().toBytes());
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	WriteBackWriter writeBackWriter(@Value("#{jobParameters['" + RunParameters.INPUT + "']}") String input,
			IngestProperties ingestProperties, WriteBackRepository repository, AuditLog auditLog,
			@Value("#{stepExecution.jobExecutionId}") long executionId, @Value("#{stepExecution.stepName}") String stepName) {
		return new WriteBackWriter(fileRewriter(input, ingestProperties), repository, auditLog, executionId, stepName);
	}

	@Bean
	Step articleAuditWriteBackStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<WriteBackItem> writeBackReader, ItemProcessor<WriteBackItem, WriteBackOutcome> articleWriteBack,
			ItemWriter<WriteBackOutcome> writeBackWriter, WriteBackProperties properties) {
		return new StepBuilder(WRITE_BACK_STEP, jobRepository).<WriteBackItem, WriteBackOutcome>chunk(properties.chunkSize())
			.transactionManager(transactionManager)
			.reader(writeBackReader)
			.processor(articleWriteBack)
			.writer(writeBackWriter)
			.build();
	}

}
