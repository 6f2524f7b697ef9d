package dev.newsprobe.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.newsprobe.app.run.AuditLauncher;
import dev.newsprobe.app.run.AuditLauncher.Launch;
import dev.newsprobe.app.run.AuditLauncher.LaunchRefusedException;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.ingest.IngestSummaries;
import dev.newsprobe.jobs.ingest.IngestSummary;
import dev.newsprobe.jobs.probe.ProbeSummaries;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code newsprobe audit}: runs {@code articleAuditJob} on the input roots and prints a summary. */
@Command(name = "audit", mixinStandardHelpOptions = true, sortOptions = false,
		description = { "Runs articleAuditJob: reads the article files under the input roots into PostgreSQL",
				"(unchanged files are skipped by content hash), records every bad file with its reason,",
				"marks vanished files gone, and prints a summary.", "",
				"Without --run-date, resumes the latest run if it failed or was stopped, else starts a new one.",
				"With --run-date, the run is that night's: completed means nothing to do (exit 0),",
				"failed or stopped means restart it, none means start it." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed", "1:failed", "2:usage or configuration error", "3:stopped (restartable)" })
final class AuditCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-i", "--input" }, paramLabel = "DIR", required = true,
			description = "An input root: a directory of article files (*.md, *.markdown), searched recursively. Repeatable.")
	List<Path> inputs = new ArrayList<>();

	@Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
			description = "The night this run is for (what schedulers pass): one job instance per night and roots.")
	LocalDate runDate;

	private final NewsprobeRuntime runtime;

	AuditCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		List<Path> roots = checkedRoots();
		var out = this.spec.commandLine().getOut();
		var err = this.spec.commandLine().getErr();
		Job job = this.runtime.bean(ArticleAuditJobConfiguration.JOB_NAME, Job.class);
		AuditLauncher launcher = new AuditLauncher(this.runtime.bean(JobOperator.class), this.runtime.bean(JobRepository.class));
		Launch launch;
		try {
			launch = launcher.launch(job, roots, this.runDate);
		}
		catch (LaunchRefusedException ex) {
			NewsprobeRuntime.warn(err, ex.getMessage());
			return ExitCodes.FAILED;
		}
		JobExecution execution = launch.execution();
		switch (launch.action()) {
			case ALREADY_COMPLETED -> {
				out.printf("%s for %s already completed (execution %d, ended %s); nothing to do.%n", job.getName(),
						this.runDate, execution.getId(), execution.getEndTime());
				out.flush();
				return ExitCodes.COMPLETED;
			}
			case RESTARTED -> out.printf("Restarted %s from its last commit (instance %d).%n", job.getName(),
					execution.getJobInstance().getInstanceId());
			case STARTED -> {
			}
		}
		printSummary(out, execution, this.runtime.bean(IngestSummaries.class).of(execution));
		printVerdicts(out, this.runtime.bean(ProbeSummaries.class).verdicts(execution));
		Executions.hint(err, execution);
		return ExitCodes.of(execution.getStatus());
	}

	private List<Path> checkedRoots() {
		List<Path> roots = new ArrayList<>();
		for (Path input : this.inputs) {
			Path root = input.toAbsolutePath().normalize();
			if (!Files.exists(root)) {
				throw new ParameterException(this.spec.commandLine(), "input root " + input + " does not exist");
			}
			if (!Files.isReadable(root)) {
				throw new ParameterException(this.spec.commandLine(), "input root " + input + " cannot be read");
			}
			roots.add(root);
		}
		return roots;
	}

	static void printSummary(java.io.PrintWriter out, JobExecution execution, IngestSummary summary) {
		Duration took = duration(execution.getStartTime(), execution.getEndTime());
		out.printf("%n%s execution %d %s in %s%n", execution.getJobInstance().getJobName(), execution.getId(),
				execution.getStatus(), human(took));
		out.printf("  files   %,d seen: %,d parsed, %,d unchanged, %,d rejected (%,d rejected in all)%n", summary.filesSeen(),
				summary.parsed(), summary.unchanged(), summary.rejected(), summary.stillRejected());
		out.printf("  issues  %,d warnings (invalid URLs, AMP-cache mismatches, duplicate webUrls, lenient values)%n",
				summary.warnings());
		out.printf("  urls    %,d new, %,d distinct in all%n", summary.newUrls(), summary.totalUrls());
		out.printf("  gone    %,d articles whose file disappeared%n", summary.gone());
		if (summary.rejected() + summary.warnings() > 0) {
			out.printf("  details SELECT path, line, code, reason FROM newsprobe.ingest_error WHERE job_execution_id = %d;%n",
					execution.getId());
		}
		out.flush();
	}

	static void printVerdicts(java.io.PrintWriter out, java.util.Map<String, Long> verdicts) {
		long probed = verdicts.values().stream().mapToLong(Long::longValue).sum();
		out.printf("  probed  %,d URLs%s%n", probed, verdicts.isEmpty() ? "" : ": " + String.join(", ",
				verdicts.entrySet().stream().map(e -> String.format("%,d %s", e.getValue(), e.getKey())).toList()));
		out.flush();
	}

	static Duration duration(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return Duration.ZERO;
		}
		return Duration.between(start, (end != null) ? end : LocalDateTime.now());
	}

	static String human(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 60_000) {
			return String.format("%.1f s", millis / 1000.0);
		}
		return String.format("%d min %02d s", millis / 60_000, (millis / 1000) % 60);
	}

}
