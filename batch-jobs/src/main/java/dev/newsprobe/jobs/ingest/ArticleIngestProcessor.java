package dev.newsprobe.jobs.ingest;

import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ArticleSource;
import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.core.article.ParseResult;
import dev.newsprobe.jobs.ingest.internal.FileStatRepository.StatRow;
import dev.newsprobe.jobs.support.PlainJson;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads candidate files (on the reader's read-ahead thread, see {@link ArticleFileReader}) and hands
 * the outcome to the writer: an unchanged file (same content hash as when it was last ingested or
 * rejected, and not marked gone) is filtered out without being parsed; a changed one is parsed into
 * an article or a rejection. Never throws for a file: bad content is a rejection, and so is
 * anything thrown while reading or parsing it (a library's bug, a stack overflow), as
 * {@code INTERNAL} with what was thrown, so one file never fails a chunk.
 * <p>
 * A file read and found unchanged whose stat could not say so (touched, copied with its times, or
 * last read too soon after it was written) leaves its new stat in {@link #takeStatRefreshes()},
 * for the next chunk's writer: the next run then needs no read.
 */
public final class ArticleIngestProcessor implements ItemProcessor<PreparedArticle, IngestItem> {

	private final ArticleParser parser;

	/** New stats of files found unchanged by reading them, by path; drained by the writers. */
	private final Map<String, StatRow> statRefreshes = new ConcurrentHashMap<>();

	public ArticleIngestProcessor(ArticleParser parser) {
		this.parser = parser;
	}

	/** Waits for the reading the reader started ahead; {@code null} for an unchanged file. */
	@Override
	public IngestItem process(PreparedArticle prepared) {
		IngestItem item;
		try {
			item = prepared.outcome().join();
		}
		catch (CompletionException ex) {
			item = internal(prepared.candidate(), (ex.getCause() != null) ? ex.getCause() : ex);
		}
		if (item instanceof IngestItem.Unchanged unchanged) {
			if (unchanged.statRow() != null) {
				this.statRefreshes.put(unchanged.statRow().path(), unchanged.statRow());
			}
			return null;
		}
		return item;
	}

	/**
	 * Reads one candidate: {@code null} when unchanged, else the article or the rejection.
	 * @param candidate the file and its stored state
	 * @return what reading it gave
	 */
	public IngestItem ingest(ArticleCandidate candidate) {
		try {
			return read(candidate);
		}
		catch (Throwable ex) {
			// the last line of defence: whatever one file makes a library throw costs that file only
			return internal(candidate, ex);
		}
	}

	/** The stats to record of files found unchanged by reading, and forgets them. */
	public Map<String, StatRow> takeStatRefreshes() {
		Map<String, StatRow> taken = new java.util.HashMap<>();
		for (String path : this.statRefreshes.keySet()) {
			StatRow row = this.statRefreshes.remove(path);
			if (row != null) {
				taken.put(path, row);
			}
		}
		return taken;
	}

	private IngestItem read(ArticleCandidate candidate) {
		if (candidate.problem() != null) {
			return new IngestItem.Rejected(candidate, new ParseResult.Rejected(candidate.path(), null,
					new Finding(FindingCode.UNREADABLE, 0, candidate.problem())), null);
		}
		if (candidate.unchangedByStat()) {
			return null;
		}
		ArticleSource source = this.parser.read(candidate.file(), candidate.stat());
		KnownArticle known = candidate.known();
		if (known != null && known.isUnchanged(source.contentHash())) {
			// its stat, taken now, lets the next run skip the read (unless the file is still being written)
			return new IngestItem.Unchanged(candidate, (source.stat() == null) ? null
					: new StatRow(candidate.path(), source.stat(), source.contentHash()));
		}
		ParseResult result = this.parser.parse(source);
		if (result instanceof ParseResult.Parsed parsed) {
			return new IngestItem.Parsed(candidate, parsed.article(), source.stat(), PlainJson.write(parsed.article().extra()));
		}
		return new IngestItem.Rejected(candidate, (ParseResult.Rejected) result, source.stat());
	}

	private static IngestItem internal(ArticleCandidate candidate, Throwable ex) {
		return new IngestItem.Rejected(candidate, new ParseResult.Rejected(candidate.path(), null, new Finding(FindingCode.INTERNAL, 0,
				"newsprobe failed on this file (" + ex.getClass().getName() + ": " + ex.getMessage()
						+ "); it was skipped, the rest of the run goes on. Please report it with the file")), null);
	}

}
