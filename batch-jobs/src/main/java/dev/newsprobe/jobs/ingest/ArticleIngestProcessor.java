package dev.newsprobe.jobs.ingest;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ArticleSource;
import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.core.article.ParseResult;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads one candidate file: an unchanged file (same content hash as when it was last ingested or
 * rejected, and not marked gone) is filtered out without being parsed; a changed one is parsed into an article or a rejection. Never throws
 * for bad content, so one bad file never fails a chunk.
 */
public final class ArticleIngestProcessor implements ItemProcessor<ArticleCandidate, IngestItem> {

	private final ArticleParser parser;

	public ArticleIngestProcessor(ArticleParser parser) {
		this.parser = parser;
	}

	@Override
	public IngestItem process(ArticleCandidate candidate) {
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
