package dev.newsprobe.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.newsprobe.jobs.operate.RunningExecutions;
import dev.newsprobe.jobs.operate.RunningExecutions.Running;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsprobe recover}: finds runs whose process died (SIGKILL, crash, power loss) and marks them failed. */
@Command(name = "recover", mixinStandardHelpOptions = true,
		header = "Marks FAILED the runs whose process is gone; with --restart, resumes them.", sortOptions = false,
		description = { "Finds job executions the job repository still holds as running although their process is",
				"gone: its pid on this machine is no longer alive, or its last heartbeat is older than",
				"newsprobe.operations.heartbeat-timeout (default 60 s; processes beat every",
				"newsprobe.operations.heartbeat-interval, default 5 s). Marks each, and its running steps, FAILED",
				"with the reason in the exit description; with --restart, resumes each from its last commit.",
				"Executions with a live process are left alone." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:nothing orphaned, or all recovered (and, with --restart, completed)",
				"1:a recovery or a restarted run failed, or the database could not be reached",
				"2:usage or configuration error, or settings that conflict with a run's (see --with-current-settings)",
				"3:a restarted run was stopped (restartable)" })
final class RecoverCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--restart", description = "Restart each recovered execution, one after another, and wait for them.")
	boolean restart;

	@Option(names = "--with-current-settings",
			description = "With --restart: go on with this command's settings instead of those each run started with, "
					+ "which a restart otherwise keeps.")
	boolean withCurrentSettings;

	private final NewsprobeRuntime runtime;

	RecoverCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		this.runtime.lookOnly();
		var out = this.spec.commandLine().getOut();
		var err = this.spec.commandLine().getErr();
		RunningExecutions executions = this.runtime.bean(RunningExecutions.class);
		List<Running> running = executions.scan();
		List<Running> orphans = running.stream().filter(Running::orphaned).toList();
		if (orphans.isEmpty()) {
			if (running.isEmpty()) {
				out.println("Nothing to recover: no job execution is running.");
			}
			else {
				out.printf("Nothing to recover: %d execution(s) running, each with a live process (heartbeat within %d s)"
						+ " or holding its lock: %s.%n", running.size(), executions.timeout().toSeconds(),
						String.join(", ", running.stream().map(r -> String.valueOf(r.execution().getId())).toList()));
				for (Running alive : running) {
					out.printf("  %s: %s%n", Executions.describe(alive.execution()), Executions.alive(alive));
				}
			}
			out.flush();
			return ExitCodes.COMPLETED;
		}
		int code = ExitCodes.COMPLETED;
		List<JobExecution> recovered = new ArrayList<>();
		for (Running orphan : orphans) {
			JobExecution execution = orphan.execution();
			try {
				recovered.add(executions.markFailed(orphan));
				out.printf("%s (%s since %s) was orphaned: %s. Marked it and its running steps FAILED.%n",
						Executions.describe(execution), execution.getStatus(), Executions.since(execution),
						orphan.orphanedBecause());
			}
			catch (IllegalStateException ex) {
				NewsprobeRuntime.warn(err, "could not recover " + Executions.describe(execution) + ": " + ex.getMessage());
				code = ExitCodes.FAILED;
			}
		}
		out.flush();
		if (!this.restart) {
			for (JobExecution execution : recovered) {
				out.printf("Resume %s with 'newsprobe restart %d' (or 'newsprobe recover --restart').%n",
						Executions.describe(execution), execution.getId());
			}
			out.flush();
			return code;
		}
		for (JobExecution execution : recovered) {
			try {
				ConfigurableApplicationContext runIn = ResumeSettings.choose(this.runtime, execution, this.withCurrentSettings,
						out);
				out.printf("Restarting %s from its last commit...%n", Executions.describe(execution));
				out.flush();
				JobExecution next = runIn.getBean(JobOperator.class)
					.restart(runIn.getBean(JobRepository.class).getJobExecution(execution.getId()));
				code = Executions.worst(code, new RunSummary(runIn, out, err).print(next));
				if (next.getStatus() == BatchStatus.STOPPED) {
					// stopped by SIGTERM or 'newsprobe stop': the operator wants this process to end, not to go on
					NewsprobeRuntime.warn(err, "not restarting the other recovered executions; 'newsprobe restart ID' resumes each.");
					break;
				}
			}
			catch (Executions.Refusal refusal) {
				NewsprobeRuntime.warn(err, "not restarting " + Executions.describe(execution) + ": " + refusal.getMessage());
				code = Executions.worst(code, refusal.exitCode);
			}
			catch (Exception ex) {
				NewsprobeRuntime.warn(err, "could not restart " + Executions.describe(execution) + ": " + ex.getMessage());
				code = ExitCodes.FAILED;
			}
		}
		return code;
	}

}
