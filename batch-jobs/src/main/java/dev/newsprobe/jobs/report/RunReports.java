package dev.newsprobe.jobs.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.report.internal.CsvWriter;
import dev.newsprobe.jobs.report.internal.JsonReport;
import dev.newsprobe.jobs.report.internal.MarkdownReport;
import dev.newsprobe.jobs.report.internal.ReportQueries;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Makes the report of an {@code articleAuditJob} execution: {@code report-ID.md} for people,
 * {@code report-ID.json} for programs, {@code broken-links-ID.csv} with every citation of a broken
 * URL. Used by the job's report step and by {@code newsprobe report ID}. Writing again rewrites the
 * same files; each is written to a temporary file in the directory and renamed over the old one,
 * so a reader never sees half a report.
 */
public final class RunReports {

	static final String MARKDOWN_KEY = "newsprobe.report.markdown";

	private final ReportQueries queries;

	private final TransactionTemplate transaction;

	private final Path defaultDirectory;

	private final int top;

	RunReports(ReportQueries queries, PlatformTransactionManager transactionManager,
			Path defaultDirectory, int top) {
		this.queries = queries;
		this.transaction = new TransactionTemplate(transactionManager);
		this.defaultDirectory = defaultDirectory;
		this.top = top;
	}

	/** The directory reports go to unless told otherwise ({@code newsprobe.report.dir}). */
	public Path defaultDirectory() {
		return this.defaultDirectory;
	}

	/**
	 * Writes the report of an execution.
	 * @param execution the job execution, with its step executions
	 * @param directory where; created if missing
	 * @param byReportStep whether the run's own report step is writing it
	 * @return the files written
	 */
	public ReportFiles write(JobExecution execution, Path directory, boolean byReportStep) {
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the report directory " + directory + " (" + ex.getMessage() + ")", ex);
		}
		long id = execution.getId();
		ReportFiles files = new ReportFiles(directory.resolve(ReportFiles.markdownName(id)),
				directory.resolve(ReportFiles.jsonName(id)), directory.resolve(ReportFiles.csvName(id)), 0);
		return this.transaction.execute(status -> {
			RunReport report = read(execution, byReportStep);
			long rows = replace(files.brokenLinksCsv(), out -> writeCsv(id, out));
			replace(files.json(), out -> {
				out.write(JsonReport.render(report));
				return 0;
			});
			replace(files.markdown(), out -> {
				out.write(MarkdownReport.render(report));
				return 0;
			});
			return new ReportFiles(files.markdown(), files.json(), files.brokenLinksCsv(), rows);
		});
	}

	/** The Markdown report of an execution, written nowhere. */
	public String markdown(JobExecution execution) {
		return this.transaction.execute(status -> MarkdownReport.render(read(execution, false)));
	}

	/** The report of an execution, as data. */
	public RunReport report(JobExecution execution) {
		return this.transaction.execute(status -> read(execution, false));
	}

	/** The Markdown report the execution's report step wrote, if it ran. */
	public Optional<Path> writtenBy(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter(step -> step.getStepName().equals(ReportStepConfiguration.REPORT_STEP))
			.map(step -> step.getExecutionContext().getString(MARKDOWN_KEY, null))
			.filter(path -> path != null)
			.map(Path::of)
			.reduce((first, second) -> second);
	}

	private RunReport read(JobExecution execution, boolean byReportStep) {
		long id = execution.getId();
		ReportQueries.Scope run = this.queries.scope(id);
		this.queries.prepare(id);
		List<RunReport.Step> steps = this.queries.steps(run, ReportStepConfiguration.REPORT_STEP);
		return new RunReport(run(execution, run, steps, byReportStep),
				this.queries.files(run, steps, IngestStepConfiguration.INGEST_STEP, IngestStepConfiguration.SWEEP_STEP),
				this.queries.urls(run), this.queries.changes(run, this.top),
				this.queries.brokenLinks(id, ReportFiles.csvName(id), this.top), this.queries.providers(id, this.top),
				this.queries.hosts(id, this.top), this.queries.imageCache(id), this.queries.slowestHosts(run, this.top));
	}

	private RunReport.Run run(JobExecution execution, ReportQueries.Scope run, List<RunReport.Step> steps,
			boolean byReportStep) {
		Map<String, String> parameters = new LinkedHashMap<>();
		for (JobParameter<?> parameter : execution.getJobParameters()) {
			parameters.put(parameter.name(), String.valueOf(parameter.value()));
		}
		String job = execution.getJobInstance().getJobName();
		return new RunReport.Run(job, execution.getId(), execution.getStatus().name(), offset(execution.getStartTime()),
				offset(execution.getEndTime()), OffsetDateTime.now().withNano(0), byReportStep, parameters, run.executions(),
				this.queries.previousExecution(job, run), steps);
	}

	private long writeCsv(long executionId, Writer out) throws IOException {
		CsvWriter csv = new CsvWriter(out);
		csv.record("url", "verdict", "status_code", "final_url", "reason", "checked_at", "article_path", "role", "line",
				"provider_domain");
		long[] rows = new long[1];
		try {
			this.queries.forEachBrokenCitation(executionId, rs -> {
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

	/**
	 * Writes a file through a temporary one in the same directory (its own, so two commands writing
	 * the same report never mix), renamed over it when complete.
	 */
	private static long replace(Path file, Content content) {
		Path temporary = null;
		try {
			// not Files.createTempFile: its owner-only permissions would stay on the report
			temporary = file.resolveSibling("." + file.getFileName() + "." + java.util.UUID.randomUUID() + ".tmp");
			long result;
			try (Writer out = new BufferedWriter(Files.newBufferedWriter(temporary, StandardCharsets.UTF_8,
					java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE), 1 << 16)) {
				result = content.write(out);
			}
			try {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
			return result;
		}
		catch (IOException ex) {
			try {
				if (temporary != null) {
					Files.deleteIfExists(temporary);
				}
			}
			catch (IOException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static OffsetDateTime offset(LocalDateTime time) {
		return (time != null) ? time.atZone(ZoneId.systemDefault()).toOffsetDateTime() : null;
	}

	@FunctionalInterface
	private interface Content {

		long write(Writer out) throws IOException;

	}

}
