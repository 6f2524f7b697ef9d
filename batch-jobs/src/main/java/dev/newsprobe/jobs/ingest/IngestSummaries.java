package dev.newsprobe.jobs.ingest;

import dev.newsprobe.jobs.ingest.internal.ArticleRepository;
import org.springframework.batch.core.job.JobExecution;

/** Gives the {@link IngestSummary} of job executions. */
public final class IngestSummaries {

	private final ArticleRepository repository;

	IngestSummaries(ArticleRepository repository) {
		this.repository = repository;
	}

	/** The ingest summary of one job execution. */
	public IngestSummary of(JobExecution execution) {
		return IngestSummary.of(execution, this.repository.counts());
	}

}
