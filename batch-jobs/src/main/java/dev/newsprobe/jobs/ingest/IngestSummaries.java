package dev.newsprobe.jobs.ingest;

import dev.newsprobe.jobs.ingest.internal.IngestCountRepository;
import org.springframework.batch.core.job.JobExecution;

/** Gives the {@link IngestSummary} of job executions. */
public final class IngestSummaries {

	private final IngestCountRepository counts;

	IngestSummaries(IngestCountRepository counts) {
		this.counts = counts;
	}

	/** The ingest summary of one job execution. */
	public IngestSummary of(JobExecution execution) {
		return IngestSummary.of(execution, this.counts);
	}

}
