package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsprobe status}: the recent job executions, newest first, from the job repository. */
@Command(name = "status", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Lists recent job executions, newest first: status, start, duration, and the items",
				"read, written, filtered (unchanged) and skipped by their steps." },
		exitCodeListHeading = "%nExit codes:%n", exitCodeList = { "0:listed", "2:usage or configuration error" })
final class StatusCommand implements Callable<Integer> {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	@Spec
	CommandSpec spec;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many executions to list (default ${DEFAULT-VALUE}).")
	int limit;

	@Option(names = "--job", paramLabel = "NAME", description = "Only executions of this job, e.g. articleAuditJob.")
	String job;

	private final NewsprobeRuntime runtime;

	StatusCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		JobRepository repository = this.runtime.bean(JobRepository.class);
		List<JobExecution> executions = new ArrayList<>();
		for (String name : repository.getJobNames()) {
			if (this.job != null && !this.job.equals(name)) {
				continue;
			}
			for (JobInstance instance : repository.getJobInstances(name, 0, this.limit)) {
				for (JobExecution execution : repository.getJobExecutions(instance)) {
					executions.add(repository.getJobExecution(execution.getId()));
				}
			}
		}
		executions.sort(Comparator.comparing(JobExecution::getId).reversed());
		PrintWriter out = this.spec.commandLine().getOut();
		if (executions.isEmpty()) {
			out.println((this.job != null) ? "No executions of " + this.job + " yet." : "No job executions yet.");
			out.flush();
			return ExitCodes.COMPLETED;
		}
		out.printf("%-9s %-16s %-9s %-19s %10s %9s %9s %9s %7s  %s%n", "EXECUTION", "JOB", "STATUS", "STARTED", "DURATION",
				"READ", "WRITTEN", "UNCHANGED", "SKIPPED", "PARAMETERS");
		for (JobExecution execution : executions.subList(0, Math.min(this.limit, executions.size()))) {
			long read = 0;
			long written = 0;
			long filtered = 0;
			long skipped = 0;
			for (StepExecution step : execution.getStepExecutions()) {
				read += step.getReadCount();
				written += step.getWriteCount();
				filtered += step.getFilterCount();
				skipped += step.getSkipCount();
			}
			out.printf("%-9d %-16s %-9s %-19s %10s %,9d %,9d %,9d %,7d  %s%n", execution.getId(),
					execution.getJobInstance().getJobName(), execution.getStatus(),
					(execution.getStartTime() != null) ? TIME.format(execution.getStartTime()) : "-",
					AuditCommand.human(AuditCommand.duration(execution.getStartTime(), execution.getEndTime())), read, written,
					filtered, skipped, parameters(execution));
		}
		out.flush();
		return ExitCodes.COMPLETED;
	}

	private static String parameters(JobExecution execution) {
		List<String> parts = new ArrayList<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parts.add(parameter.name() + "=" + parameter.value());
		}
		return String.join(" ", parts);
	}

}
