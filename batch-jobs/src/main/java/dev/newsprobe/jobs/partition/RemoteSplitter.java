package dev.newsprobe.jobs.partition;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import dev.newsprobe.jobs.probe.HostPartitioner;

/**
 * The remote manager's splitter: Spring Batch's own, plus two things a remote run needs. A
 * partition restarted after a local run loses the local concurrency share (a worker uses its own
 * {@code newsprobe.probe.concurrency}). And a watchdog: if no worker has taken any partition of the
 * step within {@code worker-timeout}, the partitions still waiting are marked FAILED with the reason,
 * so the manager's polling ends, the step and the job fail (exit code 1), and requests still queued
 * are recognised as stale by any worker that reads them later.
 */
final class RemoteSplitter implements StepExecutionSplitter {

	private static final Logger log = LoggerFactory.getLogger(RemoteSplitter.class);

	private final StepExecutionSplitter delegate;

	private final JobRepository jobRepository;

	private final PartitionProperties properties;

	RemoteSplitter(StepExecutionSplitter delegate, JobRepository jobRepository, PartitionProperties properties) {
		this.delegate = delegate;
		this.jobRepository = jobRepository;
		this.properties = properties;
	}

	@Override
	public String getStepName() {
		return this.delegate.getStepName();
	}

	@Override
	public Set<StepExecution> split(StepExecution stepExecution, int gridSize) throws JobExecutionException {
		Set<StepExecution> partitions = this.delegate.split(stepExecution, gridSize);
		for (StepExecution partition : partitions) {
			if (partition.getExecutionContext().containsKey(HostPartitioner.CONCURRENCY)) {
				partition.getExecutionContext().remove(HostPartitioner.CONCURRENCY);
				this.jobRepository.updateExecutionContext(partition);
			}
		}
		if (!partitions.isEmpty()) {
			List<Long> ids = partitions.stream().map(StepExecution::getId).toList();
			log.info("sending " + ids.size() + " partitions of " + getStepName() + " to queue '" + this.properties.queue()
					+ "'; waiting for workers ('newsprobe worker')");
			Thread watchdog = new Thread(() -> watch(ids), "newsprobe-partition-watchdog");
			watchdog.setDaemon(true);
			watchdog.start();
		}
		return partitions;
	}

	private void watch(List<Long> ids) {
		long deadline = System.nanoTime() + this.properties.workerTimeout().toNanos();
		long poll = Math.max(50, Math.min(this.properties.pollInterval().toMillis(), this.properties.workerTimeout().toMillis()));
		try {
			while (true) {
				Thread.sleep(poll);
				List<StepExecution> current = ids.stream().map(this.jobRepository::getStepExecution).filter(Objects::nonNull).toList();
				if (current.stream().anyMatch(partition -> partition.getStatus() != BatchStatus.STARTING)) {
					return;
				}
				if (System.nanoTime() >= deadline) {
					String reason = "no worker took a partition of " + getStepName() + " within "
							+ this.properties.workerTimeout().toString().substring(2).toLowerCase(java.util.Locale.ROOT)
							+ ": start workers ('newsprobe worker') on the same RabbitMQ (spring.rabbitmq.*, queue '"
							+ this.properties.queue() + "') and the same database, then run the same command again";
					for (StepExecution partition : current) {
						partition.setStatus(BatchStatus.FAILED);
						partition.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
						partition.setEndTime(LocalDateTime.now());
						this.jobRepository.update(partition);
					}
					log.error(reason);
					return;
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException ex) {
			log.warn("the partition watchdog stopped: " + ex);
		}
	}

}
