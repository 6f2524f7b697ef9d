package dev.newsprobe.jobs.ingest.internal;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The tables ingest writes, one repository each (or per concern: an article's child rows go
 * together). A chunk's writer calls those it needs; a new table of ingest's is a new repository
 * here and one call in the writer.
 *
 * @param articles {@code article}
 * @param children {@code related_article}, {@code article_image}, {@code article_link}
 * @param urls new URLs into {@code url_state}
 * @param errors {@code ingest_error}
 * @param rejected {@code rejected_file}
 * @param stats {@code file_stat}
 * @param known what the database knows of a batch of files (all of the above, read together)
 * @param counts the run summary's counts
 */
public record IngestRepositories(ArticleRepository articles, ArticleChildRepository children, NewUrlRepository urls,
		IngestErrorRepository errors, RejectedFileRepository rejected, FileStatRepository stats, KnownFileRepository known,
		IngestCountRepository counts) {

	/** The repositories on one database. */
	public static IngestRepositories of(JdbcTemplate jdbc) {
		return new IngestRepositories(new ArticleRepository(jdbc), new ArticleChildRepository(jdbc), new NewUrlRepository(jdbc),
				new IngestErrorRepository(jdbc), new RejectedFileRepository(jdbc), new FileStatRepository(jdbc),
				new KnownFileRepository(jdbc), new IngestCountRepository(jdbc));
	}

}
