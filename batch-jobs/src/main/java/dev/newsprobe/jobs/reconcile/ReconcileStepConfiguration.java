package dev.newsprobe.jobs.reconcile;

import javax.sql.DataSource;

import dev.newsprobe.jobs.reconcile.internal.ReconciliationRepository;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The reconcile steps, {@code articleAuditJob.reconcile} and {@code cacheRefreshJob.reconcile}:
 * every live article image's declared {@code isCached} compared with the verified state of its URL
 * ({@code newsprobe.image_verified_cached}); disagreements and unknowns recorded in
 * {@code image_reconciliation}, each change of state audited once.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReconcileProperties.class)
public class ReconcileStepConfiguration {

	/** Name of the reconcile step of {@code articleAuditJob}. */
	public static final String AUDIT_RECONCILE_STEP = "articleAuditJob.reconcile";

	/** Name of the reconcile step of {@code cacheRefreshJob}. */
	public static final String REFRESH_RECONCILE_STEP = "cacheRefreshJob.reconcile";

	@Bean
	ReconciliationRepository reconciliationRepository(DataSource dataSource,
			@Value("${newsprobe.store.enabled:false}") boolean storeEnabled) {
		return new ReconciliationRepository(new JdbcTemplate(dataSource), storeEnabled);
	}

	@Bean
	ReconcileSummaries reconcileSummaries(ReconciliationRepository repository) {
		return new ReconcileSummaries(repository);
	}

	@Bean
	Step articleAuditReconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReconciliationRepository repository, ReconcileProperties properties) {
		return step(AUDIT_RECONCILE_STEP, jobRepository, transactionManager, repository, properties);
	}

	@Bean
	Step cacheRefreshReconcileStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReconciliationRepository repository, ReconcileProperties properties) {
		return step(REFRESH_RECONCILE_STEP, jobRepository, transactionManager, repository, properties);
	}

	private static Step step(String name, JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ReconciliationRepository repository, ReconcileProperties properties) {
		return new StepBuilder(name, jobRepository)
			.tasklet(new ReconcileTasklet(repository, properties.chunkSize()), transactionManager)
			.build();
	}

}
