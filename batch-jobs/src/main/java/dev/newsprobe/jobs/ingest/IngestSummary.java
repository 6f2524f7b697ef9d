package dev.newsprobe.jobs.ingest;

import dev.newsprobe.jobs.ingest.internal.IngestCountRepository;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

/**
 * What one execution of the ingest steps did, as printed at the end of every run.
 *
 * @param filesSeen article files read from the input roots by this execution
 * @param parsed files parsed into articles (new or changed)
 * @param unchanged files skipped because their content hash had not changed (including files
 * still rejected for the same content)
 * @param rejected files that could not be read, each with an {@code ingest_error} row
 * @param warnings non-rejecting problems recorded (invalid URLs, AMP-cache mismatches, ...)
 * @param newUrls distinct URLs seen for the first time
 * @param totalUrls distinct URLs known in all
 * @param gone articles whose file disappeared
 * @param stillRejected files under the roots whose current content is rejected (this run or before)
 */
public record IngestSummary(long filesSeen, long parsed, long unchanged, long rejected, long warnings, long newUrls,
		long totalUrls, long gone, long stillRejected) {

	/**
	 * Reads the summary of a job execution from its step executions and the result tables.
	 * @param execution the job execution
	 * @param repository the result tables
	 * @return the summary; zeros for steps the execution did not run
	 */
	static IngestSummary of(JobExecution execution, IngestCountRepository repository) {
		long read = 0;
		long filtered = 0;
		long written = 0;
		long gone = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().equals(IngestStepConfiguration.INGEST_STEP)) {
				read = step.getReadCount();
				filtered = step.getFilterCount();
				written = step.getWriteCount();
			}
			else if (step.getStepName().equals(IngestStepConfiguration.SWEEP_STEP)) {
				gone = step.getWriteCount();
			}
		}
		long rejected = repository.rejectedIn(execution.getId());
		return new IngestSummary(read, written - rejected, filtered, rejected, repository.warningsIn(execution.getId()),
				repository.newUrlsIn(execution.getId()), repository.totalUrls(), gone, repository.rejectedFiles());
	}

}
