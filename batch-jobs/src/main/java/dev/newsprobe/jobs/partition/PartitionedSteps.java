package dev.newsprobe.jobs.partition;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.partition.support.SimpleStepExecutionSplitter;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.integration.partition.RemotePartitioningManagerStepBuilder;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.messaging.MessageChannel;

/**
 * Makes the step a job runs from a chunk step and its partitioner, as configured: the chunk step
 * itself ({@code count} 1), a manager running {@code count} partitions of it on local threads
 * (Spring Batch's {@link TaskExecutorPartitionHandler}), or a remote manager sending them to the
 * workers through RabbitMQ and polling the job repository for their end
 * ({@link RemotePartitioningManagerStepBuilder}). The manager has the chunk step's name, and its
 * partitions are named {@code <step>:partition<i>}, so dashboards still find {@code ingest} and
 * {@code probe} in every name.
 */
final class PartitionedSteps {

	private final PartitionProperties properties;

	private final JobRepository jobRepository;

	private final int probeConcurrency;

	private final MessageChannel requests;

	/**
	 * @param properties the partitioning settings
	 * @param jobRepository the job repository
	 * @param probeConcurrency this machine's probe concurrency, shared between local partitions
	 * @param requests where partition requests go in a remote run, or {@code null}
	 */
	PartitionedSteps(PartitionProperties properties, JobRepository jobRepository, int probeConcurrency,
			MessageChannel requests) {
		this.properties = properties;
		this.jobRepository = jobRepository;
		this.probeConcurrency = probeConcurrency;
		this.requests = requests;
	}

	/** The step to run: the chunk step, or a manager of its partitions. */
	Step of(Step step, Partitioner partitioner) {
		String name = step.getName();
		int count = this.properties.count();
		if (this.properties.remote()) {
			SimpleStepExecutionSplitter splitter = new SimpleStepExecutionSplitter(this.jobRepository, name, partitioner);
			return new RemotePartitioningManagerStepBuilder(name, this.jobRepository).partitioner(name, partitioner)
				.splitter(new RemoteSplitter(splitter, this.jobRepository, this.properties))
				.gridSize(count)
				.outputChannel(this.requests)
				.pollInterval(this.properties.pollInterval().toMillis())
				.build();
		}
		if (count <= 1) {
			return step;
		}
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(step);
		handler.setGridSize(count);
		SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("newsprobe-partition-");
		threads.setConcurrencyLimit(count);
		handler.setTaskExecutor(threads);
		int share = Math.max(1, (this.probeConcurrency + count - 1) / count);
		return new StepBuilder(name, this.jobRepository).partitioner(name, partitioner)
			.partitionHandler(new LocalShare(handler, share))
			.gridSize(count)
			.build();
	}

}
