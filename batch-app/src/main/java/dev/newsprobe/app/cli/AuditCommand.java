package dev.newsprobe.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.newsprobe.app.metrics.MetricsFile;
import dev.newsprobe.app.launch.AuditLauncher;
import dev.newsprobe.app.launch.AuditLauncher.Launch;
import dev.newsprobe.app.launch.AuditLauncher.LaunchRefusedException;
import dev.newsprobe.app.launch.AuditLauncher.RunOptions;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.ingest.IngestSummaries;
import dev.newsprobe.jobs.ingest.IngestSummary;
import dev.newsprobe.jobs.probe.ProbeSummaries;
import dev.newsprobe.jobs.reconcile.ReconcileSummaries;
import dev.newsprobe.jobs.reconcile.ReconcileSummaries.ReconcileSummary;
import dev.newsprobe.jobs.report.FailOn;
import dev.newsprobe.jobs.report.RunReport;
import dev.newsprobe.jobs.report.RunReports;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.writeback.WriteBackMode;
import dev.newsprobe.jobs.writeback.WriteBackSummaries;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
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
				"(unchanged files are skipped by their stat or content hash), records every bad file with its reason,",
				"marks vanished files gone, probes every URL that is due (fresh ones are not asked again;",
				"stale ones are revalidated with conditional requests), compares each image's declared",
				"isCached with the verified state, writes the run's report (report-TAG-ID.html, .md, .json and",
				"broken-links-TAG-ID.csv.gz; TAG names the database) and prints a summary.",
				"With --write-back, also fixes stale isCached flags (and moved URLs) in the files.", "",
				"Without --run-date, resumes the latest run if it failed or was stopped, else starts a new one.",
				"With --run-date, the run is that night's: completed means nothing to do (exit 0),",
				"failed or stopped means restart it, none means start it." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed", "1:failed", "2:usage or configuration error", "3:stopped (restartable)",
				"4:completed, with the findings --fail-on names" })
final class AuditCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-i", "--input" }, paramLabel = "DIR", required = true,
			description = "An input root: a directory of article files (*.md, *.markdown), searched recursively. Repeatable.")
	List<Path> inputs = new ArrayList<>();

	@Option(names = "--run-date", paramLabel = "YYYY-MM-DD",
			description = "The night this run is for (what schedulers pass): one job instance per night and roots.")
	LocalDate runDate;

	@Option(names = "--recheck-all",
			description = "Probe every URL in this run, fresh or not (conditional requests where validators are known). "
					+ "A resumed run keeps the options it started with.")
	boolean recheckAll;

	@Option(names = "--write-back", paramLabel = "WHAT", arity = "0..1", fallbackValue = "cached",
			description = { "After probing, fix the article files: 'cached' (the default when WHAT is left out) rewrites",
					"isCached flags that disagree with the verified state; 'moved' replaces moved front-matter URLs",
					"by their new location; 'cached,moved' does both. Only those values change, each file is",
					"replaced atomically, each change is audited. A resumed run keeps the choice it started with." })
	String writeBack;

	@Option(names = "--allow-mass-gone",
			description = "Confirm that many articles really are gone: without it the run fails, marking none gone, when an"
					+ " input root is missing or holds no article file, or when more than newsprobe.ingest.max-gone-share (20 %)"
					+ " of a root's articles vanished (an unmounted disk looks like that). Applies to this attempt only, also"
					+ " when it resumes a failed run.")
	boolean allowMassGone;

	@Option(names = "--report-dir", paramLabel = "DIR",
			description = "Where the run's report goes (default: newsprobe.report.dir, else NEWSPROBE_HOME/reports).")
	Path reportDir;

	@Option(names = "--fail-on", paramLabel = "WHAT",
			description = { "Exit with 4 when the run completes with findings (for CI): 'broken' fails on any broken link",
					"cited under the input roots or any file there that cannot be read; 'attention' also on links that",
					"moved, have the wrong size or are blocked, and on isCached flags that are wrong." })
	String failOn;

	@Option(names = "--metrics-file", paramLabel = "FILE",
			description = "At the end, write the run's metrics (jobs, steps, prober) to FILE in Prometheus's text format,"
					+ " e.g. a *.prom file in node_exporter's textfile collector directory.")
	Path metricsFile;

	@Option(names = "--remote",
			description = "Be the manager of a remote run: partitions go to RabbitMQ (spring.rabbitmq.*) and 'newsprobe worker' processes run them.")
	boolean remote;

	@Option(names = "--partitions", paramLabel = "N",
			description = "Partitions of the ingest and probe steps (default: newsprobe.partition.count, 1 = unpartitioned; 8 with --remote).")
	Integer partitions;

	private final NewsprobeRuntime runtime;

	/** Whether the application started, so that there are metrics to write. */
	private boolean started;

	/** The execution the command ended with, for {@code --fail-on}. */
	private JobExecution completed;

	AuditCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		List<Path> roots = checkedRoots();
		if (this.partitions != null && this.partitions < 1) {
			throw new ParameterException(this.spec.commandLine(), "--partitions must be at least 1, was " + this.partitions);
		}
		if (this.partitions != null) {
			this.runtime.property("newsprobe.partition.count", String.valueOf(this.partitions), true);
		}
		if (this.remote) {
			this.runtime.property("newsprobe.partition.remote", "true", true);
			this.runtime.property("newsprobe.partition.count", "8", false);
		}
		WriteBackMode writeBackMode;
		try {
			writeBackMode = WriteBackMode.parse(this.writeBack);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), ex.getMessage());
		}
		if (this.reportDir != null) {
			if (Files.exists(this.reportDir) && !Files.isDirectory(this.reportDir)) {
				throw new ParameterException(this.spec.commandLine(), "report directory " + this.reportDir + " is not a directory");
			}
			this.runtime.setProperty("newsprobe.report.dir", this.reportDir.toAbsolutePath().normalize().toString());
		}
		checkMetricsFile();
		FailOn failOnFindings = null;
		if (this.failOn != null) {
			try {
				failOnFindings = FailOn.parse(this.failOn);
			}
			catch (IllegalArgumentException ex) {
				throw new ParameterException(this.spec.commandLine(), ex.getMessage());
			}
		}
		try {
			int code = run(roots, writeBackMode);
			return (failOnFindings != null && code == ExitCodes.COMPLETED) ? failOn(failOnFindings) : code;
		}
		finally {
			writeMetrics();
		}
	}

	private Integer run(List<Path> roots, WriteBackMode writeBackMode) throws Exception {
		var out = this.spec.commandLine().getOut();
		var err = this.spec.commandLine().getErr();
		if (this.remote && !WorkerCommand.brokerAnswers(this.runtime, err)) {
			return ExitCodes.FAILED;
		}
		Job job = this.runtime.bean(ArticleAuditJobConfiguration.JOB_NAME, Job.class);
		this.started = true;
		AuditLauncher launcher = new AuditLauncher(this.runtime.bean(JobOperator.class), this.runtime.bean(JobRepository.class));
		Launch launch;
		try {
			launch = launcher.launch(job, roots, this.runDate,
					new RunOptions(this.recheckAll, writeBackMode.enabled() ? writeBackMode.toString() : null, this.allowMassGone));
		}
		catch (LaunchRefusedException ex) {
			NewsprobeRuntime.warn(err, ex.getMessage());
			return ExitCodes.FAILED;
		}
		JobExecution execution = launch.execution();
		this.completed = execution;
		switch (launch.action()) {
			case ALREADY_COMPLETED -> {
				out.printf("%s for %s already completed (execution %d, ended %s); nothing to do.%n", job.getName(),
						this.runDate, execution.getId(), execution.getEndTime());
				out.flush();
				return ExitCodes.COMPLETED;
			}
			case RESTARTED -> {
				out.printf("Restarted %s from its last commit (instance %d).%n", job.getName(),
						execution.getJobInstance().getInstanceId());
				if (this.recheckAll && execution.getJobParameters().getParameter(RunParameters.RECHECK_ALL) == null) {
					NewsprobeRuntime.warn(err, "--recheck-all does not apply to a resumed run; it applies to the next new one.");
				}
				WriteBackMode kept = WriteBackMode.parse(execution.getJobParameters().getString(RunParameters.WRITE_BACK));
				if (!kept.equals(writeBackMode)) {
					NewsprobeRuntime.warn(err, "the resumed run keeps the write-back it was started with ("
							+ (kept.enabled() ? kept : "none") + "); --write-back applies to new runs");
				}
			}
			case STARTED -> {
			}
		}
		printOutcome(this.runtime, out, execution);
		printFailure(err, execution, this.runtime.bean(JobRepository.class));
		return ExitCodes.of(execution.getStatus());
	}

	/** Exit code 4 when the completed run's report has the findings {@code --fail-on} names, else 0; says which. */
	private int failOn(FailOn failOn) {
		var out = this.spec.commandLine().getOut();
		JobExecution execution = this.completed;
		if (execution == null) {
			return ExitCodes.COMPLETED;
		}
		RunReport.Findings findings = this.runtime.bean(RunReports.class).findings(execution);
		List<String> found = failOn.found(findings);
		if (found.isEmpty()) {
			out.printf("  fail-on %s: no findings%n", failOn.word());
			out.flush();
			return ExitCodes.COMPLETED;
		}
		out.printf("  fail-on %s: %s; exit %d%n", failOn.word(), String.join(", ", found), ExitCodes.FINDINGS);
		out.flush();
		return ExitCodes.FINDINGS;
	}

	/** The summary of an {@code articleAuditJob} execution: files, URLs, images, write-back, report. */
	static void printOutcome(NewsprobeRuntime runtime, java.io.PrintWriter out, JobExecution execution) {
		printSummary(out, execution, runtime.bean(IngestSummaries.class).of(execution));
		ProbeSummaries probes = runtime.bean(ProbeSummaries.class);
		printVerdicts(out, probes.verdicts(execution), probes.notModified(execution));
		printReconciliation(out, execution, runtime.bean(ReconcileSummaries.class).of(execution));
		printWriteBack(out, execution, runtime.bean(WriteBackSummaries.class).of(execution));
		runtime.bean(RunReports.class).writtenBy(execution).ifPresent(report -> {
			out.printf("  report  %s (and .md, .json and the broken links' .csv.gz beside it; index.html lists every report)%n",
					report);
			out.flush();
		});
	}

	static void printFailure(java.io.PrintWriter err, JobExecution execution, JobRepository jobRepository) {
		Executions.hint(err, execution);
		if (!execution.getAllFailureExceptions().isEmpty()) {
			PartitionFailures.print(err, jobRepository, execution);
		}
	}

	static void printReconciliation(java.io.PrintWriter out, JobExecution execution, ReconcileSummary summary) {
		out.printf("  images  %,d disagree with their isCached, %,d unknown (unprobed or inconclusive); %,d changed in this run%n",
				summary.disagreements(), summary.unknown(), summary.changed());
		if (summary.disagreements() > 0) {
			out.printf("  details SELECT url, declared_is_cached, verified_cached, verdict FROM newsprobe.image_reconciliation"
					+ " WHERE state = 'DISAGREE';%n");
		}
		if (summary.sizesUnverified() > 0) {
			out.printf("  sizes   %,d declared image sizes unverified (the images' own sizes could not be read):"
					+ " SELECT * FROM newsprobe.v_image_size_checks WHERE size_state = 'unverified';%n",
					summary.sizesUnverified());
		}
		out.flush();
	}

	private void checkMetricsFile() {
		if (this.metricsFile == null) {
			return;
		}
		Path directory = this.metricsFile.toAbsolutePath().normalize().getParent();
		if (directory == null || !Files.isDirectory(directory) || !Files.isWritable(directory)) {
			throw new ParameterException(this.spec.commandLine(), "--metrics-file " + this.metricsFile
					+ ": its directory does not exist or cannot be written");
		}
	}

	private void writeMetrics() {
		if (this.metricsFile == null || !this.started) {
			return;
		}
		try {
			MetricsFile.write(this.metricsFile, this.runtime.bean(PrometheusMeterRegistry.class).scrape());
		}
		catch (java.io.IOException | RuntimeException ex) {
			NewsprobeRuntime.warn(this.spec.commandLine().getErr(), "could not write the metrics to " + this.metricsFile
					+ ": " + ex.getMessage());
		}
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
		try {
			RunParameters.checkInputFits(roots);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(this.spec.commandLine(), ex.getMessage());
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

	static void printVerdicts(java.io.PrintWriter out, java.util.Map<String, Long> verdicts, long notModified) {
		long probed = verdicts.values().stream().mapToLong(Long::longValue).sum();
		out.printf("  probed  %,d URLs%s%s%n", probed, verdicts.isEmpty() ? "" : ": " + String.join(", ",
				verdicts.entrySet().stream().map(e -> String.format("%,d %s", e.getValue(), e.getKey())).toList()),
				(notModified > 0) ? String.format(" (%,d unchanged: 304 to a conditional request)", notModified) : "");
		out.flush();
	}

	static void printWriteBack(java.io.PrintWriter out, JobExecution execution, WriteBackSummaries.Summary summary) {
		if (!summary.mode().enabled()) {
			return;
		}
		out.printf("  written %,d files rewritten (%s), %,d values changed, %,d left alone%n", summary.files(), summary.mode(),
				summary.values(), summary.refused());
		if (summary.refused() > 0) {
			out.printf("  details SELECT path, field, code, reason FROM newsprobe.write_back_refusal WHERE job_execution_id = %d;%n",
					execution.getId());
		}
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
