package dev.newsprobe.jobs.partition;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How the ingest and probe steps are partitioned.
 *
 * @param count partitions per partitioned step; 1 runs each as a single step (the default), more
 * run that many partitions at once on this machine, or on the workers with {@code remote}
 * @param remote this process is the manager of a remote run: partitions go to RabbitMQ and any
 * {@code newsprobe worker} runs them (set by {@code audit --remote})
 * @param worker this process is a worker taking partitions from RabbitMQ (set by {@code newsprobe worker})
 * @param queue the RabbitMQ queue of partition requests; its dead-letter queue is this name plus {@code .dead}
 * @param pollInterval how often the manager reads the job repository for the partitions' progress
 * @param workerTimeout how long the manager waits for a worker to take the first partition of a step
 * before it fails the step
 */
@ConfigurationProperties("newsprobe.partition")
public record PartitionProperties(@DefaultValue("1") int count, @DefaultValue("false") boolean remote,
		@DefaultValue("false") boolean worker, @DefaultValue("newsprobe.partitions") String queue,
		@DefaultValue("2s") Duration pollInterval, @DefaultValue("5m") Duration workerTimeout) {

	public PartitionProperties {
		if (count < 1) {
			throw new IllegalArgumentException("newsprobe.partition.count must be at least 1, was " + count);
		}
		if (pollInterval.isNegative() || pollInterval.isZero()) {
			throw new IllegalArgumentException("newsprobe.partition.poll-interval must be positive, was " + pollInterval);
		}
	}

	/** The dead-letter queue, where requests no worker can read end up. */
	public String deadLetterQueue() {
		return this.queue + ".dead";
	}

}
