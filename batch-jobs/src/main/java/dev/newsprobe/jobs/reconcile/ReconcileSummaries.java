package dev.newsprobe.jobs.reconcile;

import java.util.Map;

import dev.newsprobe.jobs.reconcile.internal.ReconciliationRepository;
import org.springframework.batch.core.job.JobExecution;

/** What reconciliation stands at and what a run changed, for run summaries. */
public final class ReconcileSummaries {

	private final ReconciliationRepository repository;

	ReconcileSummaries(ReconciliationRepository repository) {
		this.repository = repository;
	}

	/**
	 * The summary after a run.
	 * @param execution the run
	 * @return images now disagreeing, now unknown, changed by the run, and of unverified declared size
	 */
	public ReconcileSummary of(JobExecution execution) {
		Map<String, Long> states = this.repository.stateCounts();
		return new ReconcileSummary(states.getOrDefault("DISAGREE", 0L), states.getOrDefault("UNKNOWN", 0L),
				this.repository.changes(execution.getId()), this.repository.sizesUnverified());
	}

	/**
	 * Reconciliation after a run.
	 *
	 * @param disagreements images of live articles whose declared isCached disagrees with the verified state
	 * @param unknown images whose verified state is not known (unprobed or inconclusive)
	 * @param changed images whose state the run found changed
	 * @param sizesUnverified images served whose declared size could not be verified (their size could not be read)
	 */
	public record ReconcileSummary(long disagreements, long unknown, long changed, long sizesUnverified) {
	}

}
