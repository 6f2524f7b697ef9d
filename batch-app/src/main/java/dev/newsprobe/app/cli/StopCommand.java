package dev.newsprobe.app.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import dev.newsprobe.jobs.operate.OperationsProperties;
import dev.newsprobe.jobs.operate.RunningExecutions;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsprobe stop ID}: asks a running execution, in whatever process runs it, to stop. */
@Command(name = "stop", mixinStandardHelpOptions = true,
		header = "Asks a running job execution, in whichever process runs it, to stop after its chunk.", sortOptions = false,
		description = { "Asks a running job execution to stop. Its process, on this machine or another one sharing",
				"the database, notices at the next chunk boundary: the current chunk commits, the execution ends",
				"STOPPED and can be resumed with 'newsprobe restart ID'. Refused for an execution that is not",
				"running, or whose process is gone (use 'newsprobe recover' for those)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:asked (with --wait: and it has stopped)",
				"1:refused (not running, or its process is gone), --wait timed out, or the database could not be reached",
				"2:usage error or unknown ID" })
final class StopCommand implements Callable<Integer> {

	private static final long POLL_MILLIS = 250;

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "The running job execution (see 'newsprobe status').")
	long id;

	@Option(names = "--wait", description = "Wait until the execution's process has stopped it.")
	boolean await;

	@Option(names = "--timeout", paramLabel = "DURATION",
			description = "With --wait, how long to wait, e.g. 60s or PT2M (default: newsprobe.operations.stop-timeout).")
	String timeout;

	private final NewsprobeRuntime runtime;

	StopCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		Duration limit = (this.timeout != null) ? Durations.parse(this.spec.commandLine(), "--timeout", this.timeout) : null;
		this.runtime.lookOnly();
		return Executions.refusing(this.spec.commandLine(), () -> stop(limit));
	}

	private int stop(Duration limit) throws Exception {
		JobRepository repository = this.runtime.bean(JobRepository.class);
		RunningExecutions running = this.runtime.bean(RunningExecutions.class);
		JobExecution execution = Executions.find(repository, this.id);
		String name = Executions.describe(execution);
		var out = this.spec.commandLine().getOut();
		BatchStatus status = execution.getStatus();
		if (!status.isRunning()) {
			String ended = (execution.getEndTime() != null) ? " since " + Executions.TIME.format(execution.getEndTime()) : "";
			throw new Executions.Refusal(ExitCodes.FAILED, name + " is not running: it is " + status + ended
					+ "; there is nothing to stop.");
		}
		var state = running.of(execution).orElseThrow();
		if (state.orphaned()) {
			throw new Executions.Refusal(ExitCodes.FAILED, name + " is recorded as " + status + ", but "
					+ state.orphanedBecause() + ", so nothing can stop it. Mark it failed with 'newsprobe recover'.");
		}
		if (status == BatchStatus.STOPPING) {
			out.printf("%s was already asked to stop; it stops after its current chunk.%n", name);
		}
		else {
			if (!running.requestStop(execution.getId())) {
				throw new Executions.Refusal(ExitCodes.FAILED, name + " ended while being asked to stop.");
			}
			out.printf("Asked %s to stop%s. It stops after its current chunk commits and ends STOPPED; "
					+ "resume it with 'newsprobe restart %d'.%n", name,
					(state.heartbeat() != null) ? " (" + state.heartbeat().process() + ")" : "", execution.getId());
		}
		out.flush();
		if (!this.await) {
			return ExitCodes.COMPLETED;
		}
		Duration wait = (limit != null) ? limit : this.runtime.bean(OperationsProperties.class).stopTimeout();
		long deadline = System.nanoTime() + wait.toNanos();
		while (System.nanoTime() < deadline) {
			JobExecution now = repository.getJobExecution(execution.getId());
			if (!now.getStatus().isRunning() && !running.stillRunningInItsProcess(execution.getId())) {
				out.printf("%s is %s.%n", name, now.getStatus());
				out.flush();
				return ExitCodes.COMPLETED;
			}
			Thread.sleep(POLL_MILLIS);
		}
		throw new Executions.Refusal(ExitCodes.FAILED, name + " has not stopped within " + wait.toSeconds()
				+ " s; its current chunk is still running. 'newsprobe status " + execution.getId() + "' shows it.");
	}

}
