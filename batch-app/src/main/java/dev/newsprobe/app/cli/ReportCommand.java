package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.report.ReportFiles;
import dev.newsprobe.jobs.report.RunReports;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code newsprobe report ID}: makes the report of a past {@code articleAuditJob} execution again. */
@Command(name = "report", mixinStandardHelpOptions = true,
		header = "Makes the report of a past articleAuditJob execution again.", sortOptions = false,
		description = { "Makes the report of an articleAuditJob execution again, from the database: report-TAG-ID.html,",
				"report-TAG-ID.md, report-TAG-ID.json and broken-links-TAG-ID.csv.gz in the report directory (TAG",
				"names the database; the same files the run's report step wrote, rewritten whole) and its",
				"index.html, or the Markdown on standard output with --stdout. Verdicts are those as of the",
				"execution; the citing articles are the archive under the run's input roots as it is now.",
				"'newsprobe status' lists the executions." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:written", "1:the execution is still running, or the report could not be written",
				"2:usage error: no such execution, or not an articleAuditJob execution" })
final class ReportCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Parameters(index = "0", paramLabel = "ID", description = "The job execution id (the EXECUTION column of 'newsprobe status').")
	long executionId;

	@Option(names = "--report-dir", paramLabel = "DIR",
			description = "Where to write the files (default: newsprobe.report.dir, else NEWSPROBE_HOME/reports).")
	Path reportDir;

	@Option(names = "--stdout", description = "Print the Markdown report to standard output and write no file.")
	boolean stdout;

	private final NewsprobeRuntime runtime;

	ReportCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		if (this.reportDir != null && this.stdout) {
			throw new ParameterException(this.spec.commandLine(), "--stdout writes no file; leave out --report-dir");
		}
		if (this.reportDir != null && Files.exists(this.reportDir) && !Files.isDirectory(this.reportDir)) {
			throw new ParameterException(this.spec.commandLine(), "report directory " + this.reportDir + " is not a directory");
		}
		this.runtime.lookOnly();
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		JobExecution execution = find(this.runtime.bean(JobRepository.class), this.executionId);
		if (execution == null) {
			NewsprobeRuntime.warn(err, "there is no job execution " + this.executionId + "; 'newsprobe status' lists them.");
			return ExitCodes.USAGE;
		}
		String job = execution.getJobInstance().getJobName();
		if (!ArticleAuditJobConfiguration.JOB_NAME.equals(job)) {
			NewsprobeRuntime.warn(err, "execution " + this.executionId + " is of " + job + "; reports are made for "
					+ ArticleAuditJobConfiguration.JOB_NAME + " executions only.");
			return ExitCodes.USAGE;
		}
		if (execution.getStatus().isRunning()) {
			NewsprobeRuntime.warn(err, "execution " + this.executionId + " is still running (" + execution.getStatus()
					+ " since " + execution.getStartTime() + "); its report step writes the report when it ends."
					+ " If its process is gone, mark it failed first ('newsprobe status' shows it).");
			return ExitCodes.FAILED;
		}
		RunReports reports = this.runtime.bean(RunReports.class);
		if (this.stdout) {
			out.print(reports.markdown(execution));
			out.flush();
			return ExitCodes.COMPLETED;
		}
		Path directory = (this.reportDir != null) ? this.reportDir.toAbsolutePath().normalize() : reports.defaultDirectory();
		ReportFiles files;
		try {
			files = reports.write(execution, directory, false);
		}
		catch (UncheckedIOException ex) {
			NewsprobeRuntime.warn(err, ex.getMessage());
			return ExitCodes.FAILED;
		}
		out.printf("Report of %s execution %d (%s):%n  %s%n  %s%n  %s%n  %s (%,d broken link citations)%n", job,
				this.executionId, execution.getStatus(), files.html(), files.markdown(), files.json(), files.brokenLinksCsv(),
				files.brokenLinkRows());
		out.flush();
		return ExitCodes.COMPLETED;
	}

	/** The execution, or {@code null}: the JDBC repository answers an unknown id with an exception. */
	private static JobExecution find(JobRepository repository, long id) {
		try {
			return repository.getJobExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

}
