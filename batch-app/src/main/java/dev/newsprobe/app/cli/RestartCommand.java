package dev.newsprobe.app.cli;

import java.util.concurrent.Callable;

import dev.newsprobe.jobs.operate.RunningExecutions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsprobe restart ID}: resumes a failed or stopped run from its last commit. */
@Command(name = "restart", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Restarts a FAILED or STOPPED job execution: a new execution of the same job instance",
				"resumes after the last committed chunk (nothing done twice, nothing lost), runs to its end,",
				"and prints a summary. Refused for a COMPLETED, ABANDONED or still running execution." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:the restarted run completed", "1:it failed, or the restart was refused",
				"2:usage error or unknown ID", "3:it was stopped (restartable)" })
final class RestartCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "The job execution to restart (see 'newsprobe status').")
	long id;

	private final NewsprobeRuntime runtime;

	RestartCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		return Executions.refusing(this.spec.commandLine(), this::restart);
	}

	private int restart() throws Exception {
		JobRepository repository = this.runtime.bean(JobRepository.class);
		JobExecution execution = Executions.find(repository, this.id);
		JobExecution last = repository.getLastJobExecution(execution.getJobInstance());
		var out = this.spec.commandLine().getOut();
		if (last != null && last.getId() != execution.getId()) {
			out.printf("Execution %d is not the latest of its job instance; the latest is %d (%s).%n", execution.getId(),
					last.getId(), last.getStatus());
			execution = last;
		}
		checkRestartable(execution, this.runtime.bean(RunningExecutions.class));
		out.printf("Restarting %s (%s) from its last commit...%n", Executions.describe(execution), execution.getStatus());
		out.flush();
		JobExecution next = this.runtime.bean(JobOperator.class).restart(execution);
		out.printf("%s of job instance %d ran as execution %d.%n", execution.getJobInstance().getJobName(),
				next.getJobInstance().getInstanceId(), next.getId());
		return Executions.printOutcome(this.runtime, out, this.spec.commandLine().getErr(), next);
	}

	/** Refuses, with the reason and what to do instead, unless the execution can be restarted now. */
	static void checkRestartable(JobExecution execution, RunningExecutions running) {
		String name = Executions.describe(execution);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED) {
			throw new Executions.Refusal(ExitCodes.FAILED, name + " COMPLETED at "
					+ Executions.TIME.format(execution.getEndTime()) + "; a completed run has nothing left to restart. "
					+ "Start a new run with 'newsprobe audit'.");
		}
		if (status == BatchStatus.ABANDONED) {
			throw new Executions.Refusal(ExitCodes.FAILED, name + " was ABANDONED; an abandoned run is never restarted. "
					+ "Start a new run with 'newsprobe audit'.");
		}
		if (status.isRunning()) {
			var state = running.of(execution).orElseThrow();
			if (state.orphaned()) {
				throw new Executions.Refusal(ExitCodes.FAILED, name + " is recorded as " + status + ", but "
						+ state.orphanedBecause() + ". Mark it failed and resume it with 'newsprobe recover --restart'.");
			}
			throw new Executions.Refusal(ExitCodes.FAILED, name + " is " + status + " since " + Executions.since(execution)
					+ ((state.heartbeat() != null) ? " (" + Executions.heartbeat(state.heartbeat()) + ")" : "")
					+ "; it cannot be restarted while it runs. Stop it first with 'newsprobe stop " + execution.getId() + "'.");
		}
		if (running.stillRunningInItsProcess(execution.getId())) {
			throw new Executions.Refusal(ExitCodes.FAILED, name + " is " + status + " but its process ("
					+ running.heartbeatOf(execution.getId()).orElseThrow().process()
					+ ") is still finishing its current chunk; try again in a moment.");
		}
		if (status != BatchStatus.FAILED && status != BatchStatus.STOPPED) {
			throw new Executions.Refusal(ExitCodes.FAILED, name + " is " + status
					+ "; only FAILED or STOPPED runs can be restarted. Mark it with 'newsprobe abandon " + execution.getId()
					+ "' and start a new run.");
		}
	}

}
