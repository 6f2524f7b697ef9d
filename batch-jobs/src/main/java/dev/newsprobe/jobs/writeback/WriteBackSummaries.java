package dev.newsprobe.jobs.writeback;

import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository;
import org.springframework.batch.core.job.JobExecution;

/** What a job execution's write-back did, for run summaries. */
public final class WriteBackSummaries {

	/**
	 * The counts.
	 *
	 * @param mode what was asked for
	 * @param files files rewritten
	 * @param values values changed in them
	 * @param refused files or values left alone (see {@code write_back_refusal})
	 */
	public record Summary(WriteBackMode mode, long files, long values, long refused) {
	}

	private final WriteBackRepository repository;

	WriteBackSummaries(WriteBackRepository repository) {
		this.repository = repository;
	}

	/** The summary of one execution. */
	public Summary of(JobExecution execution) {
		WriteBackMode mode = WriteBackMode.parse(execution.getJobParameters().getString(RunParameters.WRITE_BACK));
		long[] counts = this.repository.counts(execution.getId(), WriteBackStepConfiguration.WRITE_BACK_STEP);
		return new Summary(mode, counts[0], counts[1], counts[2]);
	}

}
