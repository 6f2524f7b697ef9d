package dev.newsprobe.jobs.reconcile;

import dev.newsprobe.jobs.reconcile.internal.ReconciliationRepository;
import dev.newsprobe.jobs.reconcile.internal.ReconciliationRepository.RangeResult;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * The reconcile step's work: one range of articles per call, each in its own transaction, set-based
 * in the database. The last article id done is saved with every commit under {@value #LAST_ARTICLE},
 * so a restart resumes after it; a range replayed after a crash changes nothing twice.
 */
public final class ReconcileTasklet implements Tasklet {

	/** The key of the restart state: the last article id whose images are reconciled. */
	public static final String LAST_ARTICLE = "reconcile.last.article.id";

	private final ReconciliationRepository repository;

	private final int chunkSize;

	ReconcileTasklet(ReconciliationRepository repository, int chunkSize) {
		this.repository = repository;
		this.chunkSize = chunkSize;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		var step = chunkContext.getStepContext().getStepExecution();
		ExecutionContext context = step.getExecutionContext();
		long after = context.containsKey(LAST_ARTICLE) ? context.getLong(LAST_ARTICLE) : 0L;
		Long upTo = this.repository.nextRangeEnd(after, this.chunkSize);
		if (upTo == null) {
			return RepeatStatus.FINISHED;
		}
		RangeResult result = this.repository.reconcile(after, upTo, step.getJobExecutionId(), step.getStepName());
		contribution.incrementWriteCount(result.images());
		context.putLong(LAST_ARTICLE, upTo);
		return RepeatStatus.CONTINUABLE;
	}

}
