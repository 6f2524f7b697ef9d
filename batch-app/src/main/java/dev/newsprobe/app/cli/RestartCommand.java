package dev.newsprobe.app.cli;

import java.util.concurrent.Callable;

import dev.newsprobe.jobs.operate.RunningExecutions;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code newsprobe restart ID}: resumes a failed or stopped run from its last commit. */
@Command(name = "restart", mixinStandardHelpOptions = true,
		header = "Resumes a FAILED or STOPPED job execution from its last commit, with its own settings.", sortOptions = false,
		description = { "Restarts a FAILED or STOPPED job execution: a new execution of the same job instance",
				"resumes after the last committed chunk (nothing done twice, nothing lost), runs to its end,",
				"and prints a summary. Refused for a COMPLETED, ABANDONED or still running execution." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:the restarted run completed",
				"1:it failed, or the restart was refused (COMPLETED, ABANDONED, still running), or the database could not"
						+ " be reached",
				"2:usage error, an unknown ID, or settings that conflict with the run's (see --with-current-settings)",
				"3:it was stopped (restartable)" })
final class RestartCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "The job execution to restart (see 'newsprobe status').")
	long id;

	@Option(names = "--with-current-settings",
			description = "Go on with this command's settings (probe policy, freshness, store, partitions, ...) instead of "
					+ "those the run started with, which a restart otherwise keeps.")
	boolean withCurrentSettings;

	private final NewsprobeRuntime runtime;

	RestartCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		this.runtime.lookOnly();
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
		Executions.checkRestartable(execution, this.runtime.bean(RunningExecutions.class));
		ConfigurableApplicationContext runIn = ResumeSettings.choose(this.runtime, execution, this.withCurrentSettings, out);
		out.printf("Restarting %s (%s) from its last commit...%n", Executions.describe(execution), execution.getStatus());
		out.flush();
		JobExecution next = runIn.getBean(JobOperator.class)
			.restart(runIn.getBean(JobRepository.class).getJobExecution(execution.getId()));
		out.printf("%s of job instance %d ran as execution %d.%n", execution.getJobInstance().getJobName(),
				next.getJobInstance().getInstanceId(), next.getId());
		return new RunSummary(runIn, out, this.spec.commandLine().getErr()).print(next);
	}

}
