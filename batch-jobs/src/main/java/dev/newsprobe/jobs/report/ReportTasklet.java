package dev.newsprobe.jobs.report;

import java.nio.file.Path;

import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The report step's work: one set of queries, the files written whole, the reports the directory
 * no longer keeps removed. Run again (a restart), it rewrites the same files. Where it wrote is kept
 * in the step's execution context for the run summary; {@link ReportFinisher} rewrites the report
 * with the run's final status when the run has ended.
 */
final class ReportTasklet implements Tasklet {

	private final RunReports reports;

	private final Path directory;

	ReportTasklet(RunReports reports, Path directory) {
		this.reports = reports;
		this.directory = directory;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		ReportFiles files = this.reports.writeForStep(step.getJobExecution(), this.directory);
		step.getExecutionContext().putString(RunReports.MARKDOWN_KEY, files.markdown().toAbsolutePath().toString());
		step.getExecutionContext().putString(RunReports.HTML_KEY, files.html().toAbsolutePath().toString());
		return RepeatStatus.FINISHED;
	}

}
