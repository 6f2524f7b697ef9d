package dev.newsprobe.core.article;

import dev.newsprobe.core.files.FileStat;

/**
 * The bytes of an article file as read from disk, with their hash, or why they could not be read.
 * Reading and parsing are separate so that a caller can skip an unchanged file by its hash
 * without parsing it.
 *
 * @param path the file
 * @param bytes the content, {@code null} when unreadable
 * @param contentHash hex SHA-256 of the content, {@code null} when unreadable
 * @param problem why the file could not be read (a rejecting finding), {@code null} when it was
 * @param stat the file's stat just before it was read (what its content goes with), {@code null}
 * when unreadable or not read from a file
 */
public record ArticleSource(String path, byte[] bytes, String contentHash, Finding problem, FileStat stat) {

	/** A source for bytes already in memory. */
	public static ArticleSource of(String path, byte[] bytes) {
		return of(path, bytes, null);
	}

	/** A source for bytes read from a file with the given stat. */
	public static ArticleSource of(String path, byte[] bytes, FileStat stat) {
		return new ArticleSource(path, bytes, ArticleParser.sha256(bytes), null, stat);
	}

	/** Whether the bytes were read. */
	public boolean readable() {
		return this.problem == null;
	}

}
