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

/** {@code newsprobe abandon ID}: gives up on a run for good, so that it is never restarted. */
@Command(name = "abandon", mixinStandardHelpOptions = true,
		header = "Gives up on a FAILED or STOPPED job execution for good.", sortOptions = false,
		description = { "Marks a FAILED or STOPPED job execution ABANDONED: it is never restarted, and the next",
				"'newsprobe audit' without --run-date starts a new run instead of resuming it. An execution left",
				"running by a process that is gone (see 'newsprobe recover') is marked failed first. Refused for",
				"a running or COMPLETED execution." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:abandoned (or already was)",
				"1:refused (running, COMPLETED), or the database could not be reached", "2:usage error or unknown ID" })
final class AbandonCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "The job execution to abandon (see 'newsprobe status').")
	long id;

	private final NewsprobeRuntime runtime;

	AbandonCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		this.runtime.lookOnly();
		return Executions.refusing(this.spec.commandLine(), this::abandon);
	}

	private int abandon() throws Exception {
		JobRepository repository = this.runtime.bean(JobRepository.class);
		RunningExecutions running = this.runtime.bean(RunningExecutions.class);
		JobExecution execution = Executions.find(repository, this.id);
		String name = Executions.describe(execution);
		var out = this.spec.commandLine().getOut();
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.ABANDONED) {
			out.printf("%s is already ABANDONED; nothing to do.%n", name);
			out.flush();
			return ExitCodes.COMPLETED;
		}
		if (status == BatchStatus.COMPLETED) {
			throw new Executions.Refusal(ExitCodes.FAILED, name + " COMPLETED; only a FAILED or STOPPED run can be abandoned.");
		}
		if (status.isRunning()) {
			var state = running.of(execution).orElseThrow();
			if (!state.orphaned()) {
				throw new Executions.Refusal(ExitCodes.FAILED, name + " is running (" + status + " since "
						+ Executions.since(execution)
						+ ", " + Executions.alive(state)
						+ "); a running execution cannot be abandoned. Stop it first with 'newsprobe stop " + execution.getId()
						+ " --wait'.");
			}
			execution = running.markFailed(state);
			out.printf("%s was left %s by a process that is gone (%s); marked FAILED.%n", name, status,
					state.orphanedBecause());
		}
		else if (running.stillRunningInItsProcess(execution.getId())) {
			throw new Executions.Refusal(ExitCodes.FAILED, name + " is " + status
					+ " but its process is still finishing its current chunk; try again in a moment.");
		}
		JobExecution abandoned = this.runtime.bean(JobOperator.class).abandon(execution);
		out.printf("%s is now %s: it will never be restarted. A new 'newsprobe audit' starts a new run.%n", name,
				abandoned.getStatus());
		out.flush();
		return ExitCodes.COMPLETED;
	}

}
