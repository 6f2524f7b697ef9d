package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.newsprobe.app.launch.AuditLauncher;
import dev.newsprobe.app.launch.AuditLauncher.LaunchRefusedException;
import dev.newsprobe.app.launch.AuditLauncher.Plan;
import dev.newsprobe.app.launch.AuditLauncher.RunOptions;
import dev.newsprobe.app.metrics.MetricsFile;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.operate.RunningExecutions;
import dev.newsprobe.jobs.report.FailOn;
import dev.newsprobe.jobs.report.RunReport;
import dev.newsprobe.jobs.report.RunReports;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.writeback.WriteBackMode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code newsprobe audit}: runs {@code articleAuditJob} on the input roots and prints a summary. */
@Command(name = "audit", mixinStandardHelpOptions = true,
		header = "Runs the nightly audit (articleAuditJob) on the input roots and prints a summary.", sortOptions = false,
		description = { "Runs articleAuditJob: reads the article files under the input roots into PostgreSQL",
				"(unchanged files are skipped by their stat or content hash), records every bad file with its reason,",
				"marks vanished files gone, probes every URL that is due (fresh ones are not asked again;",
				"stale ones are revalidated with conditional requests), compares each image's declared",
				"isCached with the verified state, writes the run's report (report-ID.md, report-ID.json,",
				"broken-links-ID.csv) and prints a summary.",
				"With --write-back, also fixes stale isCached flags (and moved URLs) in the files.", "",
				"Without --run-date, resumes the latest run if it failed or was stopped, else starts a new one.",
				"With --run-date, the run is that night's: completed means nothing to do (exit 0),",
				"failed or stopped means restart it, none means start it." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed (bad files and broken links are findings, not failures)",
				"1:failed: fix the cause and run the same command again, it resumes after the last commit; or refused (a"
						+ " run of the same roots is running), or the database could not be reached",
				"2:usage or configuration error (an option, a missing input root, a database that does not exist, a wrong"
						+ " password, missing rights, settings that conflict with those of the run it would resume); nothing ran",
				"3:stopped (SIGTERM, Ctrl-C or 'newsprobe stop'): the same command resumes it",
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

	@Option(names = "--with-current-settings",
			description = "When this resumes a run: go on with this command's settings (probe policy, freshness, store, "
					+ "partitions, ...) instead of those the run started with, which a resumed run otherwise keeps.")
	boolean withCurrentSettings;

	private final NewsprobeRuntime runtime;

	/** The application the run went in, whose metrics are written; {@code null} until one starts. */
	private ConfigurableApplicationContext ranIn;

	/** The execution the command ended with, for {@code --fail-on}. */
	private JobExecution completed;

	AuditCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		List<Path> roots = InputRoots.check(this.spec.commandLine(), this.inputs, "--input");
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
			int code = Executions.refusing(this.spec.commandLine(), () -> run(roots, writeBackMode));
			return (failOnFindings != null && code == ExitCodes.COMPLETED) ? failOn(failOnFindings) : code;
		}
		finally {
			writeMetrics();
		}
	}

	private int run(List<Path> roots, WriteBackMode writeBackMode) throws Exception {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		if (this.remote && !Broker.answers(this.runtime.context(), err)) {
			return ExitCodes.FAILED;
		}
		String job = ArticleAuditJobConfiguration.JOB_NAME;
		AuditLauncher launcher = new AuditLauncher(this.runtime.bean(JobRepository.class),
				this.runtime.bean(RunningExecutions.class));
		PlannedRun.Ran ran;
		try {
			Plan plan = launcher.plan(job, roots, this.runDate,
					new RunOptions(this.recheckAll, writeBackMode.enabled() ? writeBackMode.toString() : null,
							this.allowMassGone));
			if (plan instanceof Plan.AlreadyCompleted done) {
				this.completed = done.last();
				out.printf("%s for %s already completed (execution %d, ended %s); nothing to do.%n", job, this.runDate,
						done.last().getId(), Executions.TIME.format(done.last().getEndTime()));
				out.flush();
				return ExitCodes.COMPLETED;
			}
			ran = PlannedRun.carryOut(this.runtime, launcher, plan, job, this.withCurrentSettings, out);
		}
		catch (LaunchRefusedException ex) {
			NewsprobeRuntime.warn(err, ex.getMessage());
			return ExitCodes.FAILED;
		}
		this.ranIn = ran.in();
		JobExecution execution = ran.launch().execution();
		this.completed = execution;
		if (ran.launch().action() == AuditLauncher.Action.RESTARTED) {
			if (this.recheckAll && execution.getJobParameters().getParameter(RunParameters.RECHECK_ALL) == null) {
				NewsprobeRuntime.warn(err, "--recheck-all does not apply to a resumed run; it applies to the next new one.");
			}
			WriteBackMode kept = WriteBackMode.parse(execution.getJobParameters().getString(RunParameters.WRITE_BACK));
			if (!kept.equals(writeBackMode)) {
				NewsprobeRuntime.warn(err, "the resumed run keeps the write-back it was started with ("
						+ (kept.enabled() ? kept : "none") + "); --write-back applies to new runs");
			}
		}
		return new RunSummary(ran.in(), out, err).print(execution);
	}

	/** Exit code 4 when the completed run's report has the findings {@code --fail-on} names, else 0; says which. */
	private int failOn(FailOn failOn) {
		var out = this.spec.commandLine().getOut();
		JobExecution execution = this.completed;
		if (execution == null) {
			return ExitCodes.COMPLETED;
		}
		RunReports reports = (this.ranIn != null) ? this.ranIn.getBean(RunReports.class) : this.runtime.bean(RunReports.class);
		RunReport.Findings findings = reports.findings(execution);
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
		if (this.metricsFile == null || this.ranIn == null) {
			return;
		}
		try {
			MetricsFile.write(this.metricsFile, this.ranIn.getBean(PrometheusMeterRegistry.class).scrape());
		}
		catch (java.io.IOException | RuntimeException ex) {
			NewsprobeRuntime.warn(this.spec.commandLine().getErr(), "could not write the metrics to " + this.metricsFile
					+ ": " + ex.getMessage());
		}
	}

}
