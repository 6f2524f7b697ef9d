package dev.newsprobe.jobs.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.report.internal.CsvWriter;
import dev.newsprobe.jobs.report.internal.Headlines;
import dev.newsprobe.jobs.report.internal.HtmlReport;
import dev.newsprobe.jobs.report.internal.JsonReport;
import dev.newsprobe.jobs.report.internal.MarkdownReport;
import dev.newsprobe.jobs.report.internal.ReportDirectory;
import dev.newsprobe.jobs.report.internal.ReportQueries;
import dev.newsprobe.jobs.run.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the report of an {@code articleAuditJob} execution: {@code report-TAG-ID.html} and
 * {@code report-TAG-ID.md} for people, {@code report-TAG-ID.json} for programs,
 * {@code broken-links-TAG-ID.csv.gz} with every citation of a broken URL, and the directory's
 * {@code index.html}. Used by the job's report step (and, at the end of the run, to rewrite the
 * report with the run's final status) and by {@code newsprobe report ID}. Writing again rewrites
 * the same files; each is written to a temporary file in the directory and renamed over the old
 * one, so a reader never sees half a report.
 */
public final class RunReports {

	static final String MARKDOWN_KEY = "newsprobe.report.markdown";

	static final String HTML_KEY = "newsprobe.report.html";

	private static final Logger logger = LoggerFactory.getLogger(RunReports.class);

	private final ReportQueries queries;

	private final TransactionTemplate transaction;

	private final Path defaultDirectory;

	private final ReportProperties properties;

	/** Reports the report step wrote in this process, waiting for the end of their run. */
	private final Map<Long, Pending> pending = new ConcurrentHashMap<>();

	RunReports(ReportQueries queries, PlatformTransactionManager transactionManager, Path defaultDirectory,
			ReportProperties properties) {
		this.queries = queries;
		this.transaction = new TransactionTemplate(transactionManager);
		this.defaultDirectory = defaultDirectory;
		this.properties = properties;
	}

	/** The directory reports go to unless told otherwise ({@code newsprobe.report.dir}). */
	public Path defaultDirectory() {
		return this.defaultDirectory;
	}

	/**
	 * Writes the report of an execution and the directory's index.
	 * @param execution the job execution, with its step executions
	 * @param directory where; created if missing
	 * @param byReportStep whether the run's own report step is writing it
	 * @return the files written
	 */
	public ReportFiles write(JobExecution execution, Path directory, boolean byReportStep) {
		return write(execution, directory, byReportStep, null);
	}

	/**
	 * What the report step does: writes the report, keeps it until the run ends (when
	 * {@link #finish} rewrites it with the final status), removes the reports this directory no
	 * longer keeps and writes the index.
	 */
	ReportFiles writeForStep(JobExecution execution, Path directory) {
		ReportFiles files = write(execution, directory, true, report -> this.pending.put(execution.getId(),
				new Pending(report, directory)));
		ReportDirectory reports = new ReportDirectory(directory);
		String tag = tagOf(files);
		reports.retain(tag, this.properties.keep(), execution.getId())
			.forEach(file -> logger.info("Removed old report file {} (newsprobe.report.keep={})", file, this.properties.keep()));
		reports.writeIndex();
		return files;
	}

	/**
	 * At the end of a run: rewrites the report its report step wrote in this process with the
	 * run's final status and end, and the index. Does nothing for a run whose report step did not
	 * write one here.
	 * @param execution the job execution, its final status set
	 */
	void finish(JobExecution execution) {
		Pending report = this.pending.remove(execution.getId());
		if (report == null) {
			return;
		}
		RunReport ended = report.report()
			.withRun(report.report().run().ended(execution.getStatus().name(), offset(execution.getEndTime())));
		ReportFiles files = ReportFiles.in(report.directory(), ended.run().database().tag(), execution.getId());
		writeDocuments(ended, files);
		new ReportDirectory(report.directory()).writeIndex();
	}

	private ReportFiles write(JobExecution execution, Path directory, boolean byReportStep,
			java.util.function.Consumer<RunReport> made) {
		ReportDirectory reports = new ReportDirectory(directory);
		reports.create();
		ReportFiles written = this.transaction.execute(status -> {
			RunReport report = read(execution, byReportStep, true);
			ReportFiles files = ReportFiles.in(directory, report.run().database().tag(), execution.getId());
			long rows = timed("broken-links CSV", () -> ReportDirectory.replaceCompressed(files.brokenLinksCsv(),
					out -> writeCsv(scope(execution), out)));
			writeDocuments(report, files);
			if (made != null) {
				made.accept(report);
			}
			return files.withRows(rows);
		});
		if (!byReportStep) {
			reports.writeIndex();
		}
		return written;
	}

	private static void writeDocuments(RunReport report, ReportFiles files) {
		ReportDirectory.replace(files.json(), out -> {
			out.write(JsonReport.render(report));
			return null;
		});
		ReportDirectory.replace(files.markdown(), out -> {
			out.write(MarkdownReport.render(report));
			return null;
		});
		ReportDirectory.replace(files.html(), out -> {
			out.write(HtmlReport.render(report));
			return null;
		});
	}

	/** The Markdown report of an execution, written nowhere. */
	public String markdown(JobExecution execution) {
		return this.transaction.execute(status -> MarkdownReport.render(read(execution, false, false)));
	}

	/** The report of an execution, as data, written nowhere. */
	public RunReport report(JobExecution execution) {
		return this.transaction.execute(status -> read(execution, false, false));
	}

	/**
	 * What {@code audit --fail-on} decides on: the findings the execution's report recorded, or
	 * those of its report made now when none was recorded (a run from before reports were recorded).
	 */
	public RunReport.Findings findings(JobExecution execution) {
		RunReport.Findings recorded = this.queries.findings(execution.getId());
		return (recorded != null) ? recorded : report(execution).findings();
	}

	/** The report the execution's report step wrote, if it ran: its HTML file. */
	public Optional<Path> writtenBy(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(ReportStepConfiguration.REPORT_STEP))
			.map(step -> step.getExecutionContext().getString(HTML_KEY, null))
			.filter(path -> path != null)
			.map(Path::of)
			.reduce((first, second) -> second);
	}

	private ReportQueries.Scope scope(JobExecution execution) {
		String input = execution.getJobParameters().getString(RunParameters.INPUT);
		List<String> roots = (input == null || input.isBlank()) ? List.of()
				: RunParameters.decodeRoots(input).stream().map(Path::toString).toList();
		return this.queries.scope(execution.getId(), roots);
	}

	/**
	 * Reads the report of an execution.
	 * @param record whether to record what it counts for later reports' trends and {@code --fail-on}
	 * (a report only read, as {@code report --stdout} does, changes nothing)
	 */
	private RunReport read(JobExecution execution, boolean byReportStep, boolean record) {
		int top = this.properties.top();
		ReportQueries.Scope run = scope(execution);
		String input = execution.getJobParameters().getString(RunParameters.INPUT);
		String inputKey = (input != null) ? input : "";
		timed("prepare", () -> {
			this.queries.prepare(run);
			return null;
		});
		List<RunReport.Step> steps = this.queries.steps(run, ReportStepConfiguration.REPORT_STEP);
		RunReport.Run header = run(execution, run, steps, byReportStep, input);
		RunReport.Urls urls = timed("urls", () -> this.queries.urls(run));
		RunReport.Changes changes = timed("changes", () -> this.queries.changes(run, top));
		RunReport.BrokenLinks broken = timed("broken links", () -> this.queries.brokenLinks(run,
				ReportFiles.csvName(header.database().tag(), execution.getId()), top));
		RunReport.MovedLinks moved = timed("moved links", () -> this.queries.movedLinks(run, top));
		RunReport.RejectedFiles rejected = timed("rejected files", () -> this.queries.rejectedFiles(run, top));
		RunReport.ImageCache images = timed("image cache", () -> this.queries.imageCache(run));
		if (record) {
			this.queries.record(run, header, urls, changes, broken, moved, rejected, images, inputKey);
		}
		RunReport.Trend recorded = timed("trend", () -> this.queries.trend(run, inputKey, this.properties.trend()));
		RunReport.Trend trend = record ? recorded : withThisRun(recorded, header, urls);
		RunReport.Files files = this.queries.files(run, steps, IngestStepConfiguration.INGEST_STEP,
				IngestStepConfiguration.SWEEP_STEP);
		RunReport.ToFix toFix = timed("what to fix", () -> this.queries.toFix(run, top));
		RunReport.Ranked<RunReport.Provider> providers = timed("providers", () -> this.queries.providers(run, top));
		RunReport.Ranked<RunReport.Host> hosts = timed("hosts", () -> this.queries.hosts(run, top));
		List<RunReport.SlowHost> slowest = timed("slowest hosts", () -> this.queries.slowestHosts(run, top));
		List<RunReport.RateLimitedHost> rateLimited = timed("rate-limiting hosts",
				() -> this.queries.rateLimitedHosts(run, top));
		return new RunReport(header, Headlines.of(header, trend, urls, changes), files, urls, changes, toFix, broken, moved,
				rejected, providers, hosts, images, slowest, rateLimited, trend);
	}

	/** Runs one part of the report, logging its time at debug level: where the time of a large report goes. */
	private static <T> T timed(String what, java.util.function.Supplier<T> part) {
		long started = System.nanoTime();
		T result = part.get();
		logger.debug("report: {} in {} ms", what, (System.nanoTime() - started) / 1_000_000);
		return result;
	}

	/** A trend read without recording this report: its last point is this report's, whatever was recorded. */
	private static RunReport.Trend withThisRun(RunReport.Trend trend, RunReport.Run run, RunReport.Urls urls) {
		List<RunReport.TrendRun> points = new java.util.ArrayList<>(trend.runs()
			.stream()
			.filter(point -> point.executionId() != run.executionId())
			.toList());
		points.add(new RunReport.TrendRun(run.executionId(), run.night(), urls.total(), urls.byClass().getOrDefault("ok", 0L),
				urls.byClass().getOrDefault("attention", 0L), urls.byClass().getOrDefault("broken", 0L),
				urls.byClass().getOrDefault("unchecked", 0L)));
		return new RunReport.Trend(points, trend.providers());
	}

	private RunReport.Run run(JobExecution execution, ReportQueries.Scope run, List<RunReport.Step> steps,
			boolean byReportStep, String input) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parameters.put(parameter.name(), String.valueOf(parameter.value()));
		}
		String job = execution.getJobInstance().getJobName();
		Object runDate = (execution.getJobParameters().getParameter(RunParameters.RUN_DATE) != null)
				? execution.getJobParameters().getParameter(RunParameters.RUN_DATE).value() : null;
		return new RunReport.Run(job, execution.getId(), execution.getStatus().name(), offset(execution.getStartTime()),
				offset(execution.getEndTime()), OffsetDateTime.now().withNano(0), byReportStep, this.queries.database(),
				run.roots(), (runDate != null) ? runDate.toString() : null, parameters, run.executions(),
				(input != null) ? this.queries.previousExecution(job, run, RunParameters.INPUT, input) : null, steps);
	}

	private long writeCsv(ReportQueries.Scope run, Writer out) throws IOException {
		CsvWriter csv = new CsvWriter(out);
		csv.record("url", "verdict", "status_code", "final_url", "reason", "checked_at", "article_path", "role", "line",
				"provider_domain");
		long[] rows = new long[1];
		try {
			this.queries.forEachBrokenCitation(run, rs -> {
				try {
					java.sql.Timestamp checked = rs.getTimestamp(6);
					csv.record(rs.getString(1), rs.getString(2), rs.getObject(3), rs.getString(4), rs.getString(5),
							(checked != null) ? checked.toInstant().toString() : null, rs.getString(7), rs.getString(8),
							rs.getObject(9), rs.getString(10));
					rows[0]++;
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		return rows[0];
	}

	private static String tagOf(ReportFiles files) {
		ReportFiles.Name name = ReportFiles.Name.of(files.json().getFileName().toString());
		return name.tag();
	}

	private static OffsetDateTime offset(LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toOffsetDateTime() : null;
	}

	/** A report written by the report step, and where. */
	private record Pending(RunReport report, Path directory) {
	}

}
