package dev.newsprobe.jobs.ingest;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ParseResult;
import dev.newsprobe.core.files.FileStat;
import dev.newsprobe.jobs.ingest.internal.FileStatRepository.StatRow;

/** What the ingest processor hands to the writer for one changed file. */
public sealed interface IngestItem {

	/** The file and its stored state. */
	ArticleCandidate candidate();

	/** The stat of the read and the hash it gave, {@code null} when the file was not read. */
	StatRow statRow();

	/**
	 * The file was read into an article.
	 *
	 * @param candidate the file and its stored state
	 * @param article what it holds
	 * @param read its stat just before it was read
	 * @param extraJson the article's unknown keys as JSON, made with the file (not in the chunk's
	 * write), so that what one file's values do to the encoder costs that file only
	 */
	record Parsed(ArticleCandidate candidate, Article article, FileStat read, String extraJson) implements IngestItem {

		@Override
		public StatRow statRow() {
			return (this.read != null) ? new StatRow(this.candidate.path(), this.read, this.article.contentHash()) : null;
		}

	}

	/** The file could not be read; one {@code ingest_error} row records why. */
	record Rejected(ArticleCandidate candidate, ParseResult.Rejected rejection, FileStat read) implements IngestItem {

		@Override
		public StatRow statRow() {
			return (this.read != null && this.rejection.contentHash() != null)
					? new StatRow(this.candidate.path(), this.read, this.rejection.contentHash()) : null;
		}

	}

	/**
	 * The file was read and found unchanged (its stat alone could not say so): nothing is written
	 * but its new stat, and the processor filters it out as unchanged.
	 */
	record Unchanged(ArticleCandidate candidate, StatRow statRow) implements IngestItem {
	}

}
