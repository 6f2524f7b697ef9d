package dev.newsprobe.jobs.partition;

import java.time.LocalDateTime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpRejectAndDontRequeueException;
import org.springframework.amqp.support.AmqpHeaders;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.Message;

/**
 * Decides, on a worker, whether a partition request is run. Only a partition still waiting
 * ({@code STARTING}) of a running job execution is: a request for a finished partition or a job that
 * has ended (a manager that gave up, a request left in the queue) is stale and dropped with a log line.
 * A request delivered again for a partition that is {@code STARTED} means the worker running it went
 * away without answering (killed, or its connection lost): the partition is marked FAILED, so the
 * manager ends the step as failed and a restart re-runs it from its last commit. It is not resumed
 * here, so a partition that kills its worker cannot go on to kill the others. A request naming no
 * step execution is rejected into the dead-letter queue.
 */
final class PartitionRequestGate {

	private static final Logger log = LoggerFactory.getLogger(PartitionRequestGate.class);

	private final JobRepository jobRepository;

	PartitionRequestGate(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/** Whether to run the partition a message asks for. */
	boolean accept(Message<?> message) {
		if (!(message.getPayload() instanceof StepExecutionRequest request)) {
			throw new AmqpRejectAndDontRequeueException("not a partition request: " + message.getPayload());
		}
		StepExecution partition = this.jobRepository.getStepExecution(request.getStepExecutionId());
		if (partition == null) {
			throw new AmqpRejectAndDontRequeueException("no step execution " + request.getStepExecutionId()
					+ " in the job repository: is this worker on the manager's database?");
		}
		JobExecution job = this.jobRepository.getJobExecution(partition.getJobExecutionId());
		BatchStatus status = partition.getStatus();
		if (job == null || !job.getStatus().isRunning()) {
			log.warn("stale request for " + partition.getStepName() + " (step execution " + partition.getId()
					+ "): its job execution " + partition.getJobExecutionId() + " is " + ((job != null) ? job.getStatus() : "gone")
					+ "; dropped");
			return false;
		}
		if (status == BatchStatus.STARTING) {
			return true;
		}
		if (status.isRunning() && Boolean.TRUE.equals(message.getHeaders().get(AmqpHeaders.REDELIVERED))) {
			String reason = "the worker running this partition stopped before it ended (killed, or lost its connection);"
					+ " run the same command again to re-run it from its last commit";
			partition.setStatus(BatchStatus.FAILED);
			partition.setExitStatus(ExitStatus.FAILED.addExitDescription(reason));
			partition.setEndTime(LocalDateTime.now());
			this.jobRepository.update(partition);
			log.warn(partition.getStepName() + " (step execution " + partition.getId() + "): " + reason);
			return false;
		}
		log.warn("request for " + partition.getStepName() + " (step execution " + partition.getId() + "), which is "
				+ status + ", dropped");
		return false;
	}

}
