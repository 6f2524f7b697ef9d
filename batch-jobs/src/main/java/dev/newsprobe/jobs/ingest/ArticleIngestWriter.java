package dev.newsprobe.jobs.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.ingest.internal.FileStatRepository.StatRow;
import dev.newsprobe.jobs.ingest.internal.IngestErrorRepository.Problem;
import dev.newsprobe.jobs.ingest.internal.IngestRepositories;
import dev.newsprobe.jobs.ingest.internal.RejectedFileRepository.RejectedFile;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes one chunk of ingested files in the chunk's transaction: article rows (upserted by path),
 * their related articles, images and links (replaced), one {@code url_state} row per new distinct
 * URL, one {@code ingest_error} row per problem, a {@code rejected_file} row per file that could
 * not be read, a {@code file_stat} row per file read (so an unchanged one is not read next time),
 * and an {@code audit_event} per article created or changed. A chunk replayed after a failure
 * writes the same rows once, because the failed attempt rolled back as a whole.
 */
public final class ArticleIngestWriter implements ItemWriter<IngestItem> {

	private final IngestRepositories tables;

	private final AuditLog auditLog;

	private final Supplier<Map<String, StatRow>> statRefreshes;

	private final long executionId;

	private final String stepName;

	/**
	 * @param tables the tables
	 * @param auditLog where changes are recorded
	 * @param statRefreshes the new stats of files found unchanged by reading them since the last chunk
	 * @param executionId the job execution the rows belong to
	 * @param stepName the step recorded in audit events
	 */
	public ArticleIngestWriter(IngestRepositories tables, AuditLog auditLog, Supplier<Map<String, StatRow>> statRefreshes,
			long executionId, String stepName) {
		this.tables = tables;
		this.auditLog = auditLog;
		this.statRefreshes = statRefreshes;
		this.executionId = executionId;
		this.stepName = stepName;
	}

	@Override
	public void write(Chunk<? extends IngestItem> chunk) {
		List<Article> articles = new ArrayList<>();
		List<String> extras = new ArrayList<>();
		List<KnownArticle> known = new ArrayList<>();
		List<Problem> problems = new ArrayList<>();
		List<RejectedFile> rejectedFiles = new ArrayList<>();
		Map<String, StatRow> stats = new LinkedHashMap<>(this.statRefreshes.get());
		for (IngestItem item : chunk) {
			if (item.statRow() != null) {
				stats.put(item.statRow().path(), item.statRow());
			}
			if (item instanceof IngestItem.Parsed parsed) {
				articles.add(parsed.article());
				extras.add(parsed.extraJson());
				known.add(parsed.candidate().known());
				for (Finding finding : parsed.article().findings()) {
					problems.add(problem(parsed.article().path(), finding));
				}
			}
			else if (item instanceof IngestItem.Rejected rejected) {
				Finding finding = rejected.rejection().finding();
				problems.add(problem(rejected.candidate().path(), finding));
				rejectedFiles.add(new RejectedFile(rejected.candidate().path(), rejected.rejection().contentHash(),
						finding.code().name(), finding.describe()));
			}
		}
		if (!articles.isEmpty()) {
			List<Long> ids = ids(known);
			this.tables.articles().upsert(articles, extras, ids, this.executionId);
			this.tables.children().replace(articles, ids);
			this.tables.urls().insert(articles, this.executionId);
			this.auditLog.record(changes(articles, known), this.executionId, this.stepName);
			List<String> nowReadable = new ArrayList<>();
			for (int i = 0; i < articles.size(); i++) {
				if (known.get(i) != null && known.get(i).rejectedHash() != null) {
					nowReadable.add(articles.get(i).path());
				}
			}
			this.tables.rejected().forget(nowReadable);
			problems.addAll(duplicateWebUrls(articles));
		}
		this.tables.rejected().upsert(rejectedFiles, this.executionId);
		this.tables.errors().insert(problems, this.executionId);
		this.tables.stats().upsert(stats.values());
	}

	private List<Long> ids(List<KnownArticle> known) {
		int fresh = (int) known.stream().filter(k -> k == null || !k.ingested()).count();
		List<Long> allocated = this.tables.articles().allocateIds(fresh);
		List<Long> ids = new ArrayList<>(known.size());
		int next = 0;
		for (KnownArticle state : known) {
			ids.add((state != null && state.ingested()) ? state.id() : allocated.get(next++));
		}
		return ids;
	}

	private static List<Change> changes(List<Article> articles, List<KnownArticle> known) {
		List<Change> changes = new ArrayList<>();
		for (int i = 0; i < articles.size(); i++) {
			Article article = articles.get(i);
			KnownArticle before = known.get(i);
			String oldHash = (before != null) ? before.contentHash() : null;
			if (!article.contentHash().equals(oldHash)) {
				changes.add(new Change("article", article.path(), "content_hash", oldHash, article.contentHash()));
			}
			if (before != null && before.ingested() && before.gone()) {
				changes.add(new Change("article", article.path(), "gone", "true", "false"));
			}
		}
		return changes;
	}

	private List<Problem> duplicateWebUrls(List<Article> articles) {
		Set<String> webUrls = new LinkedHashSet<>();
		articles.stream().map(Article::webUrl).filter(url -> url != null && !url.isBlank()).forEach(webUrls::add);
		Map<String, List<String>> pathsByUrl = this.tables.articles().livePathsByWebUrl(webUrls);
		Set<String> reported = new HashSet<>();
		List<Problem> problems = new ArrayList<>();
		for (Article article : articles) {
			List<String> paths = pathsByUrl.getOrDefault(article.webUrl(), List.of());
			for (String path : paths) {
				// every file sharing the URL gets one row, including earlier files this chunk did not touch
				if (reported.add(path)) {
					List<String> others = paths.stream().filter(other -> !other.equals(path)).toList();
					if (!others.isEmpty()) {
						problems.add(new Problem(path, 0, FindingCode.DUPLICATE_WEB_URL.name(), false,
								"webUrl '" + article.webUrl() + "' is also the webUrl of " + String.join(", ", others)));
					}
				}
			}
		}
		return problems;
	}

	private static Problem problem(String path, Finding finding) {
		return new Problem(path, finding.line(), finding.code().name(), finding.code().rejects(), finding.describe());
	}

}
