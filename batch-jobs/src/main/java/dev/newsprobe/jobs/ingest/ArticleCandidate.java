package dev.newsprobe.jobs.ingest;

import java.nio.file.Path;

import dev.newsprobe.core.files.FileStat;

/**
 * One article file found under the input roots, with what the database knows of it.
 *
 * @param file the file
 * @param stat what the walk saw of it, {@code null} when it could not be stated (see {@code problem})
 * @param known the stored state, {@code null} for a file never ingested
 * @param problem why the file could not even be listed or is not a regular file, or {@code null}
 */
public record ArticleCandidate(Path file, FileStat stat, KnownArticle known, String problem) {

	/** The article's identity: the file's path as stored in {@code article.path}. */
	public String path() {
		return this.file.toString();
	}

	/** Whether the file is known to be unchanged by its stat alone, so it needs no read. */
	public boolean unchangedByStat() {
		return this.problem == null && this.known != null && this.known.isUnchangedByStat(this.stat);
	}

}
