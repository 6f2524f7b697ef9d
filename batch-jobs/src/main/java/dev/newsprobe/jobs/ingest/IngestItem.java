package dev.newsprobe.jobs.ingest;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ParseResult;

/** What the ingest processor hands to the writer for one changed file. */
public sealed interface IngestItem {

	/** The file and its stored state. */
	ArticleCandidate candidate();

	/** The file was read into an article. */
	record Parsed(ArticleCandidate candidate, Article article) implements IngestItem {
	}

	/** The file could not be read; one {@code ingest_error} row records why. */
	record Rejected(ArticleCandidate candidate, ParseResult.Rejected rejection) implements IngestItem {
	}

}
