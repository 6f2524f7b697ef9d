package dev.newsprobe.jobs.ingest;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.ingest.internal.ArticleRepository.LiveArticle;
import dev.newsprobe.jobs.ingest.internal.IngestErrorRepository.Problem;
import dev.newsprobe.jobs.ingest.internal.IngestRepositories;
import dev.newsprobe.jobs.ingest.internal.SortedFileWalk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

/**
 * Marks gone the articles whose file has disappeared from under the input roots, with an audit
 * event each, and forgets rejected files (and recorded stats) that disappeared. Articles outside
 * the roots of this run are left alone. Idempotent, so a restart can simply run it again.
 * <p>
 * A root that holds no article file at all is a warning ({@code NO_ARTICLE_FILES}), for an
 * unmounted disk and an empty directory look the same. A root that is missing or holds no article
 * file while articles were ingested from it, or whose vanished files would be more than
 * {@code newsprobe.ingest.max-gone-share} of its live articles (and more than
 * {@value #SMALL_SWEEP}), is held: the step fails saying so, and nothing is marked gone, unless the
 * run was started with {@value #ALLOW_MASS_GONE}{@code =true} ({@code audit --allow-mass-gone}).
 */
public final class GoneArticleSweep implements Tasklet {

	/** Non-identifying job parameter: {@code true} confirms that many articles really are gone. */
	public static final String ALLOW_MASS_GONE = "allowMassGone";

	/** A sweep marking at most this many articles of a root gone is never held, whatever their share. */
	static final int SMALL_SWEEP = 10;

	private static final Logger log = LoggerFactory.getLogger(GoneArticleSweep.class);

	private final List<Path> roots;

	private final IngestRepositories tables;

	private final AuditLog auditLog;

	private final double maxGoneShare;

	private final boolean allowMassGone;

	/**
	 * @param roots the run's input roots
	 * @param tables ingest's tables
	 * @param auditLog where changes are recorded
	 * @param maxGoneShare the share of a root's live articles above which marking them gone is held
	 * @param allowMassGone whether the operator confirmed that many articles may be marked gone
	 */
	public GoneArticleSweep(List<Path> roots, IngestRepositories tables, AuditLog auditLog, double maxGoneShare,
			boolean allowMassGone) {
		this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
		this.tables = tables;
		this.auditLog = auditLog;
		this.maxGoneShare = maxGoneShare;
		this.allowMassGone = allowMassGone;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		StepExecution stepExecution = chunkContext.getStepContext().getStepExecution();
		List<Long> gone = new ArrayList<>();
		List<String> gonePaths = new ArrayList<>();
		List<Change> changes = new ArrayList<>();
		List<String> held = new ArrayList<>();
		List<Problem> warnings = new ArrayList<>();
		for (Path root : this.roots) {
			List<LiveArticle> vanished = new ArrayList<>();
			long[] live = { 0 };
			this.tables.articles().forEachLiveUnder(root.toString(), article -> {
				contribution.incrementReadCount();
				live[0]++;
				if (!Files.exists(Path.of(article.path()), LinkOption.NOFOLLOW_LINKS)) {
					vanished.add(article);
				}
			});
			boolean missing = !Files.exists(root);
			boolean empty = !missing && !new SortedFileWalk(List.of(root)).hasNext();
			if (missing || empty) {
				String what = missing ? "input root " + root + " does not exist" : "no article files found under " + root;
				log.warn("{}{}", what, (live[0] > 0) ? "" : "; nothing to ingest there");
				warnings.add(new Problem(root.toString(), 0, FindingCode.NO_ARTICLE_FILES.name(), false,
						what + " (an empty directory, or a disk that is not mounted?)"));
			}
			String reason = heldReason(root, live[0], vanished.size(), missing, empty);
			if (reason != null && !this.allowMassGone) {
				held.add(reason);
				continue;
			}
			if (reason != null) {
				log.warn("{}; marked gone as confirmed by --allow-mass-gone", reason);
			}
			for (LiveArticle article : vanished) {
				gone.add(article.id());
				gonePaths.add(article.path());
				changes.add(new Change("article", article.path(), "gone", "false", "true"));
			}
		}
		this.tables.errors().insert(warnings, stepExecution.getJobExecutionId());
		if (!held.isEmpty()) {
			throw new MassGoneException(String.join("; ", held) + ". Nothing was marked gone. If they are really gone, run the"
					+ " same command again with --allow-mass-gone (which marks them gone); if the disk was not mounted, mount it"
					+ " and run it again");
		}
		List<String> vanishedRejected = new ArrayList<>();
		for (Path root : this.roots) {
			this.tables.rejected()
				.under(root.toString())
				.stream()
				.filter(path -> !Files.exists(Path.of(path), LinkOption.NOFOLLOW_LINKS))
				.forEach(vanishedRejected::add);
		}
		this.tables.rejected().forget(vanishedRejected);
		this.tables.stats().forget(vanishedRejected);
		this.tables.stats().forget(gonePaths);
		this.tables.articles().markGone(gone);
		this.auditLog.record(changes, stepExecution.getJobExecutionId(), stepExecution.getStepName());
		contribution.incrementWriteCount(gone.size());
		return RepeatStatus.FINISHED;
	}

	/** Why marking a root's vanished articles gone must be confirmed, or {@code null} when it need not. */
	private String heldReason(Path root, long live, int vanished, boolean missing, boolean empty) {
		if (live == 0 || vanished == 0) {
			return null;
		}
		if (missing) {
			return String.format(Locale.ROOT, "input root %s does not exist, so all %,d live articles ingested from it would be"
					+ " marked gone (is it unmounted?)", root, live);
		}
		if (empty) {
			return String.format(Locale.ROOT, "input root %s holds no article files, so all %,d live articles ingested from it"
					+ " would be marked gone (is it unmounted?)", root, live);
		}
		double share = (double) vanished / live;
		if (vanished > SMALL_SWEEP && share > this.maxGoneShare) {
			return String.format(Locale.ROOT, "the files of %,d of the %,d live articles under %s (%.1f %%) have vanished,"
					+ " more than newsprobe.ingest.max-gone-share (%.0f %%)", vanished, live, root, share * 100,
					this.maxGoneShare * 100);
		}
		return null;
	}

	/** The sweep held back: too many articles would be marked gone without the operator's confirmation. */
	public static final class MassGoneException extends IllegalStateException {

		MassGoneException(String message) {
			super(message);
		}

	}

}
