package dev.newsprobe.jobs.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.newsprobe.core.store.CopyState;
import dev.newsprobe.core.store.ImageDownloader;
import dev.newsprobe.core.store.ImageMirror;
import dev.newsprobe.core.store.ImageStore;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.probe.ProbeProperties;
import dev.newsprobe.jobs.store.internal.ImageCopyRepository;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Scope;
import org.springframework.context.annotation.ScopedProxyMode;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The image store step, {@code articleAuditJob.reconcileImageStore}: when {@code newsprobe.store.enabled},
 * mirrors the verified images that have no current copy and revalidates the copies that are due, downloads
 * running a chunk ahead of the chunk being recorded. Disabled, it reads nothing. Other jobs add the same step
 * under their own name with {@link ImageStoreStepFactory}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ StoreProperties.class, ProbeProperties.class })
public class ImageStoreStepConfiguration {

	/** Name of the image store step of {@code articleAuditJob}. */
	public static final String RECONCILE_IMAGE_STORE_STEP = "articleAuditJob.reconcileImageStore";

	@Bean(destroyMethod = "close")
	ImageStoreProvider imageStoreProvider(StoreProperties properties, Environment environment) {
		return new ImageStoreProvider(properties, properties.directoryUnder(environment.getProperty("newsprobe.home")));
	}

	@Bean
	ImageCopyRepository imageCopyRepository(DataSource dataSource) {
		return new ImageCopyRepository(new JdbcTemplate(dataSource));
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	MirroringReader mirroringReader(ImageStoreProvider stores, ImageCopyRepository repository, AuditLog auditLog,
			StoreProperties properties, ProbeProperties probe, PlatformTransactionManager transactionManager,
			@Value("#{stepExecution.jobExecutionId}") long executionId, @Value("#{stepExecution.stepName}") String stepName) {
		TransactionTemplate transaction = new TransactionTemplate(transactionManager);
		MirroringReader.Candidates candidates = new MirroringReader.Candidates() {

			@Override
			public List<MirrorCandidate> due(Instant cutoff, String after, int limit) {
				return repository.due(cutoff, after, limit);
			}

			@Override
			public void prepare(ImageStore store) {
				transaction.executeWithoutResult(status -> forgetMissingCopies(store, repository, auditLog, properties,
						executionId, stepName));
			}

		};
		long maxImageBytes = properties.maxImageBytes().toBytes();
		return new MirroringReader(properties.enabled(), candidates, stores::store,
				() -> new ImageDownloader(probe.policy().http(), probe.policy().imageSniffBytes()),
				(downloader, store) -> new ImageMirror(downloader, store, maxImageBytes), properties.chunkSize());
	}

	@Bean
	@Scope(value = "step", proxyMode = ScopedProxyMode.INTERFACES)
	ItemWriter<PendingMirror> imageCopyWriter(ImageStoreProvider stores, ImageCopyRepository repository,
			AuditLog auditLog, StoreProperties properties, @Value("#{stepExecution.jobExecutionId}") long executionId,
			@Value("#{stepExecution.stepName}") String stepName) {
		if (!properties.enabled()) {
			return chunk -> {
			};
		}
		return new ImageCopyWriter(repository, auditLog, stores.store(), properties, executionId, stepName);
	}

	@Bean
	ImageStoreStepFactory imageStoreStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<PendingMirror> mirroringReader, ItemWriter<PendingMirror> imageCopyWriter,
			StoreProperties properties, ImageCopyRepository repository) {
		return new ImageStoreStepFactory(jobRepository, transactionManager, mirroringReader, imageCopyWriter, properties,
				repository);
	}

	@Bean
	Step articleAuditReconcileImageStoreStep(ImageStoreStepFactory steps) {
		return steps.create(RECONCILE_IMAGE_STORE_STEP);
	}

	/**
	 * Records as evicted the copies whose bytes are no longer in the store (the cap evicted them in a
	 * chunk that then rolled back, or someone removed them), so that no row claims a copy the store lacks.
	 */
	static void forgetMissingCopies(ImageStore store, ImageCopyRepository repository, AuditLog auditLog,
			StoreProperties properties, long executionId, String stepName) {
		List<String> missing = repository.heldCopies().values().stream().distinct().filter(sha -> !store.has(sha)).toList();
		List<Change> changes = new ArrayList<>();
		for (ImageCopyRepository.Dropped dropped : repository.drop(missing, "no longer in the image store", Instant.now(),
				executionId)) {
			changes.add(new Change(ImageCopyWriter.ENTITY, dropped.url(), "sha256", dropped.sha256(), null));
			changes.add(new Change(ImageCopyWriter.ENTITY, dropped.url(), "state", dropped.state(), CopyState.EVICTED.name()));
		}
		auditLog.record(changes, executionId, stepName);
	}

}
