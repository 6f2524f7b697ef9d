package dev.newsprobe.core.article;

/**
 * The bytes of an article file as read from disk, with their hash, or why they could not be read.
 * Reading and parsing are separate so that a caller can skip an unchanged file by its hash
 * without parsing it.
 *
 * @param path the file
 * @param bytes the content, {@code null} when unreadable
 * @param contentHash hex SHA-256 of the content, {@code null} when unreadable
 * @param problem why the file could not be read (a rejecting finding), {@code null} when it was
 */
public record ArticleSource(String path, byte[] bytes, String contentHash, Finding problem) {

	/** A source for bytes already in memory. */
	public static ArticleSource of(String path, byte[] bytes) {
		return new ArticleSource(path, bytes, ArticleParser.sha256(bytes), null);
	}

	/** Whether the bytes were read. */
	public boolean readable() {
		return this.problem == null;
	}

}
