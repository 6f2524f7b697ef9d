package dev.newsprobe.app.cli;

import java.time.format.DateTimeFormatter;
import java.util.Map;

import dev.newsprobe.jobs.operate.Heartbeat;
import dev.newsprobe.jobs.operate.RunningExecutions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import picocli.CommandLine;

/** What the operator commands share: finding an execution by id, naming it, and whether it may be restarted. */
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

	/** Refuses, with the reason and what to do instead, unless the execution can be restarted now. */
	static void checkRestartable(JobExecution execution, RunningExecutions running) {
		String name = describe(execution);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			throw new Refusal(ExitCodes.FAILED, name + " COMPLETED at " + TIME.format(execution.getEndTime())
					+ "; a completed run has nothing left to restart. Start a new run with 'newsprobe audit'.");
		}
		if (status == BatchStatus.ABANDONED) {
			throw new Refusal(ExitCodes.FAILED, name + " was ABANDONED; an abandoned run is never restarted. "
					+ "Start a new run with 'newsprobe audit'.");
		}
		if (status.isRunning()) {
			var state = running.of(execution).orElseThrow();
			if (state.orphaned()) {
				throw new Refusal(ExitCodes.FAILED, name + " is recorded as " + status + ", but " + state.orphanedBecause()
						+ ". Mark it failed and resume it with 'newsprobe recover --restart'.");
			}
			throw new Refusal(ExitCodes.FAILED, name + " is " + status + " since " + since(execution) + " (" + alive(state)
					+ "); it cannot be restarted while it runs. Stop it first with 'newsprobe stop " + execution.getId() + "'.");
		}
		if (running.stillRunningInItsProcess(execution.getId())) {
			throw new Refusal(ExitCodes.FAILED, name + " is " + status + " but its process ("
					+ running.heartbeatOf(execution.getId()).map(beat -> beat.process().toString()).orElse("its lock is held")
					+ ") is still finishing its current chunk; try again in a moment.");
		}
		if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
			throw new Refusal(ExitCodes.FAILED, name + " is " + status + "; only FAILED or STOPPED runs can be restarted. "
					+ "Mark it with 'newsprobe abandon " + execution.getId() + "' and start a new run.");
		}
	}

	/** Why a running execution counts as alive, in words: its lock, or its heartbeat. */
	static String alive(RunningExecutions.Running state) {
		if (state.lockHolder() != null) {
			return "its lock is held by " + state.lockHolder()
					+ ((state.heartbeat() != null) ? ", last heartbeat " + state.heartbeat().age().toSeconds() + " s ago" : "");
		}
		return (state.heartbeat() != null) ? heartbeat(state.heartbeat()) : "starting, no heartbeat yet";
	}

	/** The exit code of several runs: any failure fails, else any stop stops. */
	static int worst(int a, int b) {
		Map<Integer, Integer> rank = Map.of(ExitCodes.COMPLETED, 0, ExitCodes.STOPPED, 1, ExitCodes.USAGE, 2,
				ExitCodes.FAILED, 3);
		return (rank.getOrDefault(a, 3) >= rank.getOrDefault(b, 3)) ? a : b;
	}

}
