package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.newsprobe.app.launch.AuditLauncher;
import dev.newsprobe.app.launch.AuditLauncher.LaunchRefusedException;
import dev.newsprobe.jobs.definition.CacheRefreshJobConfiguration;
import dev.newsprobe.jobs.operate.RunningExecutions;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsprobe refresh}: runs {@code cacheRefreshJob} and prints a summary. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
		header = "Revalidates the expired cache entries (cacheRefreshJob) and prints a summary.", sortOptions = false,
		description = { "Runs cacheRefreshJob, the cheap job to run often: revalidates only the URLs whose freshness",
				"has expired (conditional requests where validators are known: an unchanged URL costs a 304),",
				"then compares every article image's declared isCached with the verified state.",
				"Reads no article files; URLs never probed wait for the next audit.", "",
				"Resumes the latest refresh if it failed or was stopped, else starts a new one." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed",
				"1:failed: run it again, it resumes after the last commit; or refused (a refresh is running), or the"
						+ " database could not be reached",
				"2:usage or configuration error (a database that does not exist, a wrong password, missing rights, settings"
						+ " that conflict with those of the refresh it would resume); nothing ran",
				"3:stopped (SIGTERM, Ctrl-C or 'newsprobe stop'): the same command resumes it" })
final class RefreshCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--with-current-settings",
			description = "When this resumes a refresh: go on with this command's settings instead of those it started with.")
	boolean withCurrentSettings;

	private final NewsprobeRuntime runtime;

	RefreshCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		return Executions.refusing(this.spec.commandLine(), this::refresh);
	}

	private int refresh() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		String job = CacheRefreshJobConfiguration.JOB_NAME;
		AuditLauncher launcher = new AuditLauncher(this.runtime.bean(JobRepository.class),
				this.runtime.bean(RunningExecutions.class));
		PlannedRun.Ran ran;
		try {
			ran = PlannedRun.carryOut(this.runtime, launcher, launcher.plan(job), job, this.withCurrentSettings, out);
		}
		catch (LaunchRefusedException ex) {
			NewsprobeRuntime.warn(err, ex.getMessage());
			return ExitCodes.FAILED;
		}
		return new RunSummary(ran.in(), out, err).print(ran.launch().execution());
	}

}
