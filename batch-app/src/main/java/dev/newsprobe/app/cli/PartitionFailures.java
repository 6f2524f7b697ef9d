package dev.newsprobe.app.cli;

import java.io.PrintWriter;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

/** Says why the partitions of a failed run failed (a worker that stopped, no worker at all, ...). */
final class PartitionFailures {

	private PartitionFailures() {
	}

	static void print(PrintWriter err, JobRepository repository, JobExecution execution) {
		JobExecution stored = repository.getJobExecution(execution.getId());
		if (stored == null) {
			return;
		}
		for (StepExecution step : stored.getStepExecutions()) {
			if (step.getStepName().contains(":partition") && step.getStatus() == BatchStatus.FAILED) {
				String description = step.getExitStatus().getExitDescription();
				String first = (description == null || description.isBlank()) ? "failed"
						: description.strip().lines().findFirst().orElse("failed");
				NewsprobeRuntime.warn(err, step.getStepName() + ": " + first);
			}
		}
	}

}
