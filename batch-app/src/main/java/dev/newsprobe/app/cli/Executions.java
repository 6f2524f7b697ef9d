package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.Map;

import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.definition.CacheRefreshJobConfiguration;
import dev.newsprobe.jobs.operate.Heartbeat;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import picocli.CommandLine;

/** What the operator commands share: finding an execution by id, and saying how a run ended. */
final class Executions {

	static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private Executions() {
	}

	/** A refusal: the message is for the operator, the code is the process's exit code. */
	static final class Refusal extends RuntimeException {

		final int exitCode;

		Refusal(int exitCode, String message) {
			super(message);
			this.exitCode = exitCode;
		}

	}

	/** The execution with an id, with its steps; an unknown id is a usage error. */
	static JobExecution find(JobRepository repository, long id) {
		JobExecution execution;
		try {
			execution = repository.getJobExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			// Spring Batch 6 answers an unknown id so, rather than with null, in some of its queries
			execution = null;
		}
		if (execution == null) {
			throw new Refusal(ExitCodes.USAGE,
					"there is no job execution " + id + "; 'newsprobe status' lists the recent ones.");
		}
		return execution;
	}

	/** Runs a command body, turning a refusal into its message and exit code. */
	static int refusing(CommandLine commandLine, java.util.concurrent.Callable<Integer> body) throws Exception {
		try {
			return body.call();
		}
		catch (Refusal refusal) {
			NewsprobeRuntime.warn(commandLine.getErr(), refusal.getMessage());
			return refusal.exitCode;
		}
	}

	static String describe(JobExecution execution) {
		return execution.getJobInstance().getJobName() + " execution " + execution.getId();
	}

	static String since(JobExecution execution) {
		return (execution.getStartTime() != null) ? TIME.format(execution.getStartTime()) : "(not yet started)";
	}

	static String heartbeat(Heartbeat beat) {
		return beat.process() + ", last heartbeat " + beat.age().toSeconds() + " s ago";
	}

	/** Prints how a run the command launched ended, and what to do next, and gives its exit code. */
	static int printOutcome(NewsprobeRuntime runtime, PrintWriter out, PrintWriter err, JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		if (ArticleAuditJobConfiguration.JOB_NAME.equals(job)) {
			AuditCommand.printOutcome(runtime, out, execution);
		}
		else if (CacheRefreshJobConfiguration.JOB_NAME.equals(job)) {
			RefreshCommand.printOutcome(runtime, out, execution);
		}
		else {
			out.printf("%n%s %s in %s%n", describe(execution), execution.getStatus(),
					AuditCommand.human(AuditCommand.duration(execution.getStartTime(), execution.getEndTime())));
			for (StepExecution step : execution.getStepExecutions()) {
				out.printf("  %-32s %-9s read %,d, written %,d, skipped %,d%n", step.getStepName(), step.getStatus(),
						step.getReadCount(), step.getWriteCount(), step.getSkipCount());
			}
			out.flush();
		}
		hint(err, execution);
		if (!execution.getAllFailureExceptions().isEmpty()) {
			PartitionFailures.print(err, runtime.bean(org.springframework.batch.core.repository.JobRepository.class),
					execution);
		}
		return ExitCodes.of(execution.getStatus());
	}

	/** Says what to do about a run that did not complete. */
	static void hint(PrintWriter err, JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPED) {
			NewsprobeRuntime.warn(err, describe(execution) + " stopped after its last commit; resume it with 'newsprobe restart "
					+ execution.getId() + "'.");
		}
		else if (!execution.getAllFailureExceptions().isEmpty()) {
			Throwable cause = execution.getAllFailureExceptions().get(0);
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			NewsprobeRuntime.warn(err, "the run failed: " + cause.getClass().getSimpleName() + ": " + cause.getMessage());
			NewsprobeRuntime.warn(err, "fix the cause and run the same command again (or 'newsprobe restart "
					+ execution.getId() + "'): it resumes after the last commit.");
		}
	}

	/** The exit code of several runs: any failure fails, else any stop stops. */
	static int worst(int a, int b) {
		Map<Integer, Integer> rank = Map.of(ExitCodes.COMPLETED, 0, ExitCodes.STOPPED, 1, ExitCodes.USAGE, 2,
				ExitCodes.FAILED, 3);
		return (rank.getOrDefault(a, 3) >= rank.getOrDefault(b, 3)) ? a : b;
	}

}
