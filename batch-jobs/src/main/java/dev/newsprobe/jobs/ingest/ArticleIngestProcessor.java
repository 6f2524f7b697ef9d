package dev.newsprobe.jobs.ingest;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ArticleSource;
import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.core.article.ParseResult;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads candidate files (on the reader's read-ahead thread, see {@link ArticleFileReader}) and hands
 * the outcome to the writer: an unchanged file (same content hash as when it was last ingested or
 * rejected, and not marked gone) is filtered out without being parsed; a changed one is parsed into an article or a rejection. Never throws
 * for bad content, so one bad file never fails a chunk.
 */
public final class ArticleIngestProcessor implements ItemProcessor<PreparedArticle, IngestItem> {

	private final ArticleParser parser;

	public ArticleIngestProcessor(ArticleParser parser) {
		this.parser = parser;
	}

	/** Waits for the reading the reader started ahead; {@code null} for an unchanged file. */
	@Override
	public IngestItem process(PreparedArticle prepared) {
		return prepared.outcome().join();
	}

	/**
	 * Reads one candidate: {@code null} when unchanged, else the article or the rejection.
	 * @param candidate the file and its stored state
	 * @return what reading it gave
	 */
	public IngestItem ingest(ArticleCandidate candidate) {
		if (candidate.problem() != null) {
			return new IngestItem.Rejected(candidate, new ParseResult.Rejected(candidate.path(), null,
					new Finding(FindingCode.UNREADABLE, 0, candidate.problem())));
		}
		ArticleSource source = this.parser.read(candidate.file());
		KnownArticle known = candidate.known();
		if (known != null && known.isUnchanged(source.contentHash())) {
			return null;
		}
		ParseResult result = this.parser.parse(source);
		if (result instanceof ParseResult.Parsed parsed) {
			return new IngestItem.Parsed(candidate, parsed.article());
		}
		return new IngestItem.Rejected(candidate, (ParseResult.Rejected) result);
	}

}
