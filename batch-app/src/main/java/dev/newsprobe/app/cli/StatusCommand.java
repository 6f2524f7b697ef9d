package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import dev.newsprobe.jobs.definition.RunSettings;
import dev.newsprobe.jobs.definition.RunSettingsRecorder;
import dev.newsprobe.jobs.operate.Heartbeat;
import dev.newsprobe.jobs.operate.RunningExecutions;
import dev.newsprobe.jobs.operate.RunningExecutions.Running;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code newsprobe status}: what runs now and since when, the recent job executions newest first,
 * or one execution with its steps.
 */
@Command(name = "status", mixinStandardHelpOptions = true,
		header = "Shows what runs now and the recent job executions, or one execution step by step.", sortOptions = false,
		description = { "Without ID: what is running now (since when, in which process, how fresh its heartbeat",
				"is), then the recent job executions, newest first, with the items their steps read, wrote,",
				"filtered (unchanged) and skipped.",
				"With ID: that execution in detail, one line per step, and why it failed or stopped." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:listed", "1:the database could not be reached",
				"2:usage or configuration error, an unknown ID, or no database in NEWSPROBE_HOME" })
final class StatusCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A job execution to show in detail.")
	Long id;

	@Option(names = "--limit", paramLabel = "N", defaultValue = "10", description = "How many executions to list (default ${DEFAULT-VALUE}).")
	int limit;

	@Option(names = "--job", paramLabel = "NAME", description = "Only executions of this job, e.g. articleAuditJob.")
	String job;

	@Option(names = "--status", paramLabel = "STATUS",
			description = "Only executions with this status: ${COMPLETION-CANDIDATES}.")
	BatchStatus status;

	private final NewsprobeRuntime runtime;

	StatusCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		if (this.limit < 1) {
			throw new picocli.CommandLine.ParameterException(this.spec.commandLine(), "--limit must be at least 1");
		}
		this.runtime.lookOnly();
		return Executions.refusing(this.spec.commandLine(), () -> (this.id != null) ? detail(this.id) : list());
	}

	private int list() {
		JobRepository repository = this.runtime.bean(JobRepository.class);
		PrintWriter out = this.spec.commandLine().getOut();
		printRunning(out);
		List<JobExecution> executions = new ArrayList<>();
		for (String name : repository.getJobNames()) {
			if (this.job != null && !this.job.equals(name)) {
				continue;
			}
			// With a status filter the matching executions may be older than the last few instances: look further.
			int instances = (this.status != null) ? Math.max(this.limit * 20, 200) : this.limit;
			for (JobInstance instance : repository.getJobInstances(name, 0, instances)) {
				for (JobExecution execution : repository.getJobExecutions(instance)) {
					if (this.status == null || execution.getStatus() == this.status) {
						executions.add(execution);
					}
				}
			}
		}
		executions.sort(Comparator.comparing(JobExecution::getId).reversed());
		if (executions.isEmpty()) {
			String what = ((this.status != null) ? this.status + " " : "") + "executions"
					+ ((this.job != null) ? " of " + this.job : "");
			out.println("No " + what + " yet." + ((this.job != null && !repository.getJobNames().contains(this.job))
					? " Known jobs: " + String.join(", ", repository.getJobNames()) + "." : ""));
			out.flush();
			return ExitCodes.COMPLETED;
		}
		out.printf("%-9s %-16s %-9s %-19s %10s %9s %9s %9s %7s  %s%n", "EXECUTION", "JOB", "STATUS", "STARTED", "DURATION",
				"READ", "WRITTEN", "UNCHANGED", "SKIPPED", "PARAMETERS");
		for (JobExecution listed : executions.subList(0, Math.min(this.limit, executions.size()))) {
			JobExecution execution = repository.getJobExecution(listed.getId());
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
					(execution.getStartTime() != null) ? Executions.TIME.format(execution.getStartTime()) : "-",
					Durations.human(execution.getStartTime(), execution.getEndTime()), read, written,
					filtered, skipped, parameters(execution));
		}
		out.flush();
		return ExitCodes.COMPLETED;
	}

	private void printRunning(PrintWriter out) {
		List<Running> running = this.runtime.bean(RunningExecutions.class).scan();
		running = running.stream()
			.filter(r -> this.job == null || this.job.equals(r.execution().getJobInstance().getJobName()))
			.toList();
		if (running.isEmpty()) {
			out.println("Running now: nothing.");
			out.println();
			return;
		}
		out.println("Running now:");
		for (Running r : running) {
			JobExecution execution = r.execution();
			String step = execution.getStepExecutions()
				.stream()
				.filter(s -> s.getStatus().isRunning())
				.map(s -> ", step " + s.getStepName() + " (" + String.format("%,d", s.getWriteCount()) + " written)")
				.findFirst()
				.orElse("");
			out.printf("  %s %s since %s (%s)%s%n", Executions.describe(execution), execution.getStatus(),
					Executions.since(execution),
					Durations.human(execution.getStartTime(), null), step);
			out.printf("      %s%n", r.orphaned() ? "ORPHANED: " + r.orphanedBecause() + " -> 'newsprobe recover'"
					: Executions.alive(r));
		}
		out.println();
	}

	private int detail(long executionId) {
		JobRepository repository = this.runtime.bean(JobRepository.class);
		RunningExecutions running = this.runtime.bean(RunningExecutions.class);
		JobExecution execution = Executions.find(repository, executionId);
		PrintWriter out = this.spec.commandLine().getOut();
		out.printf("%s: %s (exit code %s)%n", Executions.describe(execution), execution.getStatus(),
				execution.getExitStatus().getExitCode());
		out.printf("  instance   %d, parameters %s%n", execution.getJobInstance().getInstanceId(), parameters(execution));
		out.printf("  started    %s%n", Executions.since(execution));
		out.printf("  ended      %s%n", (execution.getEndTime() != null) ? Executions.TIME.format(execution.getEndTime()) : "-");
		out.printf("  duration   %s%n", Durations.human(execution.getStartTime(), execution.getEndTime()));
		Heartbeat beat = running.heartbeatOf(executionId).orElse(null);
		if (beat != null) {
			out.printf("  process    %s%s%n", beat.process(), (beat.endedAt() != null) ? ", run ended there"
					: ", last heartbeat " + beat.age().toSeconds() + " s ago");
		}
		running.of(execution).ifPresent(r -> out.printf(r.orphaned() ? "  ORPHANED   %s; 'newsprobe recover' marks it failed.%n"
				: "  alive      %s%n", r.orphaned() ? r.orphanedBecause() : Executions.alive(r)));
		out.printf("  settings   %s%n", this.runtime.bean(RunSettingsRecorder.class)
			.of(executionId)
			.map(RunSettings::describe)
			.orElse("(not recorded: it ran before newsprobe recorded them)"));
		String description = firstLine(execution.getExitStatus().getExitDescription());
		if (!description.isEmpty()) {
			out.printf("  exit       %s%n", description);
		}
		out.println();
		out.printf("  %-32s %-9s %9s %9s %9s %7s %7s %9s %10s%n", "STEP", "STATUS", "READ", "WRITTEN", "UNCHANGED",
				"SKIPPED", "COMMITS", "ROLLBACKS", "DURATION");
		List<StepExecution> steps = new ArrayList<>(execution.getStepExecutions());
		steps.sort(Comparator.comparing(StepExecution::getId));
		for (StepExecution step : steps) {
			out.printf("  %-32s %-9s %,9d %,9d %,9d %,7d %,7d %,9d %10s%n", step.getStepName(), step.getStatus(),
					step.getReadCount(), step.getWriteCount(), step.getFilterCount(), step.getSkipCount(),
					step.getCommitCount(), step.getRollbackCount(),
					Durations.human(step.getStartTime(), step.getEndTime()));
			String stepExit = firstLine(step.getExitStatus().getExitDescription());
			if (!stepExit.isEmpty() && step.getStatus() != BatchStatus.COMPLETED) {
				out.printf("      %s%n", stepExit);
			}
		}
		if (steps.isEmpty()) {
			out.println("  (no step has run)");
		}
		out.flush();
		return ExitCodes.COMPLETED;
	}

	private static String firstLine(String text) {
		if (text == null || text.isBlank()) {
			return "";
		}
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 300) ? line.substring(0, 300) + "..." : line;
	}

	private static String parameters(JobExecution execution) {
		List<String> parts = new ArrayList<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parts.add(parameter.name() + "=" + parameter.value());
		}
		return String.join(" ", parts);
	}

}
