package dev.newsprobe.jobs.probe;

import java.util.Map;

import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import org.springframework.batch.core.job.JobExecution;

/** Counts of verdicts a job execution's probe step gave, for run summaries. */
public final class ProbeSummaries {

	private final ProbeRepository repository;

	ProbeSummaries(ProbeRepository repository) {
		this.repository = repository;
	}

	/** Verdict name to count, most frequent first. */
	public Map<String, Long> verdicts(JobExecution execution) {
		return this.repository.verdictCounts(execution.getId());
	}

	/** How many probes were conditional requests answered 304: revalidated without a body. */
	public long notModified(JobExecution execution) {
		return this.repository.notModifiedCount(execution.getId());
	}

}
