package dev.newsprobe.jobs.partition;

import java.util.Collection;
import java.util.Set;

import dev.newsprobe.jobs.probe.HostPartitioner;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.step.StepExecution;

/**
 * Runs local partitions with one machine's probe concurrency shared between them: each partition's
 * prober may have {@code share} requests in flight, so the partitions together keep to
 * {@code newsprobe.probe.concurrency}. Restarted partitions get the share of this run.
 */
final class LocalShare implements PartitionHandler {

	private final PartitionHandler delegate;

	private final int share;

	LocalShare(PartitionHandler delegate, int share) {
		this.delegate = delegate;
		this.share = share;
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution managerStepExecution)
			throws Exception {
		return this.delegate.handle(new StepExecutionSplitter() {

			@Override
			public String getStepName() {
				return splitter.getStepName();
			}

			@Override
			public Set<StepExecution> split(StepExecution stepExecution, int gridSize) throws JobExecutionException {
				Set<StepExecution> partitions = splitter.split(stepExecution, gridSize);
				partitions.forEach(partition -> partition.getExecutionContext().putInt(HostPartitioner.CONCURRENCY, LocalShare.this.share));
				return partitions;
			}

		}, managerStepExecution);
	}

}
