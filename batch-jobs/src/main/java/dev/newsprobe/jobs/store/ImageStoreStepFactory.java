package dev.newsprobe.jobs.store;

import java.util.Map;

import dev.newsprobe.jobs.store.internal.ImageCopyRepository;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Builds the image store step under the name a job gives it (each job names its own steps, e.g.
 * {@code articleAuditJob.reconcileImageStore}); the reader and writer are step-scoped, so every step
 * execution gets its own.
 */
public final class ImageStoreStepFactory {

	private final JobRepository jobRepository;

	private final PlatformTransactionManager transactionManager;

	private final ItemStreamReader<PendingMirror> reader;

	private final ItemWriter<PendingMirror> writer;

	private final StoreProperties properties;

	private final ImageCopyRepository repository;

	ImageStoreStepFactory(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ItemStreamReader<PendingMirror> reader, ItemWriter<PendingMirror> writer, StoreProperties properties,
			ImageCopyRepository repository) {
		this.jobRepository = jobRepository;
		this.transactionManager = transactionManager;
		this.reader = reader;
		this.writer = writer;
		this.properties = properties;
		this.repository = repository;
	}

	/**
	 * The step, chunked and restartable; its exit description counts the copies it recorded by state.
	 * @param name the step's name; should contain {@code reconcile} so operators find it
	 * @return the step
	 */
	public Step create(String name) {
		return new StepBuilder(name, this.jobRepository).<PendingMirror, PendingMirror>chunk(this.properties.chunkSize())
			.transactionManager(this.transactionManager)
			.reader(this.reader)
			.writer(this.writer)
			.listener(new StepExecutionListener() {

				@Override
				public ExitStatus afterStep(StepExecution stepExecution) {
					if (!ImageStoreStepFactory.this.properties.enabled()) {
						return stepExecution.getExitStatus()
							.addExitDescription("image store disabled (newsprobe.store.enabled=false)");
					}
					Map<String, Long> counts = ImageStoreStepFactory.this.repository
						.stateCounts(stepExecution.getJobExecutionId());
					return stepExecution.getExitStatus().addExitDescription("image copies by state: " + counts);
				}

			})
			.build();
	}

}
