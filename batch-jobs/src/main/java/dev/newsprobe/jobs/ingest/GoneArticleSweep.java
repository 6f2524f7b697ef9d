package dev.newsprobe.jobs.ingest;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.jobs.ingest.internal.ArticleRepository;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.auditlog.Change;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;

/**
 * Marks gone the articles whose file has disappeared from under the input roots, with an audit
 * event each, and forgets rejected files that disappeared. Articles outside the roots of this run
 * are left alone. Idempotent, so a restart
 * can simply run it again.
 */
public final class GoneArticleSweep implements Tasklet {

	private final List<Path> roots;

	private final ArticleRepository repository;

	private final AuditLog auditLog;

	public GoneArticleSweep(List<Path> roots, ArticleRepository repository, AuditLog auditLog) {
		this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
		this.repository = repository;
		this.auditLog = auditLog;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		List<Long> gone = new ArrayList<>();
		List<Change> changes = new ArrayList<>();
		for (Path root : this.roots) {
			this.repository.forEachLiveUnder(root.toString(), article -> {
				contribution.incrementReadCount();
				if (!Files.exists(Path.of(article.path()), LinkOption.NOFOLLOW_LINKS)) {
					gone.add(article.id());
					changes.add(new Change("article", article.path(), "gone", "false", "true"));
				}
			});
		}
		List<String> vanishedRejected = new ArrayList<>();
		for (Path root : this.roots) {
			this.repository.rejectedUnder(root.toString())
				.stream()
				.filter(path -> !Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS))
				.forEach(vanishedRejected::add);
		}
		this.repository.forgetRejected(vanishedRejected);
		this.repository.markGone(gone);
		var stepExecution = chunkContext.getStepContext().getStepExecution();
		this.auditLog.record(changes, stepExecution.getJobExecutionId(), stepExecution.getStepName());
		contribution.incrementWriteCount(gone.size());
		return RepeatStatus.FINISHED;
	}

}
