package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import dev.newsprobe.app.launch.AuditLauncher;
import dev.newsprobe.app.launch.AuditLauncher.Launch;
import dev.newsprobe.app.launch.AuditLauncher.LaunchRefusedException;
import dev.newsprobe.jobs.definition.CacheRefreshJobConfiguration;
import dev.newsprobe.jobs.probe.ProbeSummaries;
import dev.newsprobe.jobs.reconcile.ReconcileSummaries;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code newsprobe refresh}: runs {@code cacheRefreshJob} and prints a summary. */
@Command(name = "refresh", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Runs cacheRefreshJob, the cheap job to run often: revalidates only the URLs whose freshness",
				"has expired (conditional requests where validators are known: an unchanged URL costs a 304),",
				"then compares every article image's declared isCached with the verified state.",
				"Reads no article files; URLs never probed wait for the next audit.", "",
				"Resumes the latest refresh if it failed or was stopped, else starts a new one." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed", "1:failed", "2:usage or configuration error", "3:stopped (restartable)" })
final class RefreshCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	private final NewsprobeRuntime runtime;

	RefreshCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		Job job = this.runtime.bean(CacheRefreshJobConfiguration.JOB_NAME, Job.class);
		AuditLauncher launcher = new AuditLauncher(this.runtime.bean(JobOperator.class), this.runtime.bean(JobRepository.class));
		Launch launch;
		try {
			launch = launcher.launch(job);
		}
		catch (LaunchRefusedException ex) {
			NewsprobeRuntime.warn(err, ex.getMessage());
			return ExitCodes.FAILED;
		}
		JobExecution execution = launch.execution();
		if (launch.action() == AuditLauncher.Action.RESTARTED) {
			out.printf("Restarted %s from its last commit (instance %d).%n", job.getName(),
					execution.getJobInstance().getInstanceId());
		}
		printOutcome(this.runtime, out, execution);
		AuditCommand.printFailure(err, execution, this.runtime.bean(JobRepository.class));
		return ExitCodes.of(execution.getStatus());
	}

	/** The summary of a {@code cacheRefreshJob} execution: URLs revalidated, images reconciled. */
	static void printOutcome(NewsprobeRuntime runtime, PrintWriter out, JobExecution execution) {
		out.printf("%n%s execution %d %s in %s%n", execution.getJobInstance().getJobName(), execution.getId(),
				execution.getStatus(),
				AuditCommand.human(AuditCommand.duration(execution.getStartTime(), execution.getEndTime())));
		ProbeSummaries probes = runtime.bean(ProbeSummaries.class);
		AuditCommand.printVerdicts(out, probes.verdicts(execution), probes.notModified(execution));
		AuditCommand.printReconciliation(out, execution, runtime.bean(ReconcileSummaries.class).of(execution));
	}

}
