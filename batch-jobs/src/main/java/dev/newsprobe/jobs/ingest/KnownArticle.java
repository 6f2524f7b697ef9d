package dev.newsprobe.jobs.ingest;

import dev.newsprobe.core.files.FileStat;

/**
 * What the database already holds about an article file.
 *
 * @param id the article's id, {@code null} when the file was never ingested successfully
 * @param contentHash the hash of the bytes last ingested, {@code null} with {@code id}
 * @param gone whether the article had been marked gone
 * @param rejectedHash the hash of the file's content when it was last rejected, {@code null} when
 * its current content is not known to be bad (or was too large to be hashed)
 * @param lastRead the file's stat when ingest last read it, {@code null} when not recorded
 * @param lastReadHash the hash of what that read gave, {@code null} with {@code lastRead}
 */
public record KnownArticle(Long id, String contentHash, boolean gone, String rejectedHash, FileStat lastRead,
		String lastReadHash) {

	/** What the database holds of a file whose last read was not recorded. */
	public KnownArticle(Long id, String contentHash, boolean gone, String rejectedHash) {
		this(id, contentHash, gone, rejectedHash, null, null);
	}

	/** Whether content with this hash was already handled: ingested and live, or rejected. */
	public boolean isUnchanged(String hash) {
		if (hash == null) {
			return false;
		}
		return hash.equals(this.rejectedHash) || (this.id != null && !this.gone && hash.equals(this.contentHash));
	}

	/**
	 * Whether the file is unchanged without reading it: the walk found the file last read (same
	 * device and inode) with the same size, modification and change times, the times of that read
	 * were old enough to trust ({@link FileStat#settledBefore}: a write in the same clock tick as
	 * the read could have left them), and what that read gave is still handled
	 * ({@link #isUnchanged}).
	 * @param walked what the walk saw, {@code null} when unknown
	 */
	public boolean isUnchangedByStat(FileStat walked) {
		return walked != null && this.lastRead != null && walked.sameContentAs(this.lastRead)
				&& this.lastRead.settledBefore(FileStat.RACY_MARGIN_NANOS) && isUnchanged(this.lastReadHash);
	}

	/** Whether an article row exists for the file. */
	public boolean ingested() {
		return this.id != null;
	}

}
