package dev.newsprobe.jobs.ingest;

import java.nio.file.Path;

/**
 * One article file found under the input roots, with what the database knows of it.
 *
 * @param file the file
 * @param known the stored state, {@code null} for a file never ingested
 * @param problem why the file could not even be listed (e.g. an unreadable directory), or {@code null}
 */
public record ArticleCandidate(Path file, KnownArticle known, String problem) {

	/** The article's identity: the file's path as stored in {@code article.path}. */
	public String path() {
		return this.file.toString();
	}

}
