package dev.newsprobe.jobs.ingest;

/**
 * What the database already holds about an article file.
 *
 * @param id the article's id, {@code null} when the file was never ingested successfully
 * @param contentHash the hash of the bytes last ingested, {@code null} with {@code id}
 * @param gone whether the article had been marked gone
 * @param rejectedHash the hash of the file's content when it was last rejected, {@code null} when
 * its current content is not known to be bad (or was too large to be hashed)
 */
public record KnownArticle(Long id, String contentHash, boolean gone, String rejectedHash) {

	/** Whether content with this hash was already handled: ingested and live, or rejected. */
	public boolean isUnchanged(String hash) {
		if (hash == null) {
			return false;
		}
		return hash.equals(this.rejectedHash) || (this.id != null && !this.gone && hash.equals(this.contentHash));
	}

	/** Whether an article row exists for the file. */
	public boolean ingested() {
		return this.id != null;
	}

}
