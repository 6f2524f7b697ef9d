package dev.newsprobe.core.files;

import java.time.Instant;

/**
 * What {@code lstat} says of one path (a symbolic link is described itself, never followed),
 * and when it was asked.
 *
 * @param kind what the path is
 * @param size its size in bytes
 * @param modifiedNanos its modification time, nanoseconds since the epoch
 * @param changedNanos its status change time (ctime), nanoseconds since the epoch; equal to
 * {@code modifiedNanos} where the platform has none
 * @param device the device it is on, 0 where the platform has no such number
 * @param inode its inode number, 0 where the platform has none
 * @param links how many names (hard links) it has, 1 where unknown
 * @param owner its owner's user id, -1 where the platform has none
 * @param group its group id, -1 where the platform has none
 * @param takenAt when the stat was asked for (before the system call)
 */
public record FileStat(FileKind kind, long size, long modifiedNanos, long changedNanos, long device, long inode, long links,
		int owner, int group, Instant takenAt) {

	/**
	 * How much older than the moment of a stat a file's times must be for the stat to be
	 * trusted later: more than the coarsest clock tick of the file systems newsprobe expects
	 * (FAT and some network file systems stamp times to 2 seconds).
	 */
	public static final long RACY_MARGIN_NANOS = 2_000_000_000L;

	/** Whether both describe the same file: the same device and inode (file key). */
	public boolean sameFile(FileStat other) {
		return other != null && this.device == other.device && this.inode == other.inode;
	}

	/**
	 * Whether the content cannot have changed between the two stats: the same file, with the same
	 * size, modification time and change time. (Content rewritten within the file system's clock
	 * tick could keep all of them; see {@link #settledBefore}.)
	 */
	public boolean sameContentAs(FileStat other) {
		return sameFile(other) && this.size == other.size && this.modifiedNanos == other.modifiedNanos
				&& this.changedNanos == other.changedNanos && this.kind == other.kind;
	}

	/**
	 * Whether the file's times were already older than {@code margin} nanoseconds when it was
	 * stated: only then can a later write not leave the same times behind (a file system's clock
	 * moves in ticks, a few milliseconds, or one or two seconds on some). A file modified just
	 * before it was read is "racy", as git calls it, and must be hashed again the next time.
	 */
	public boolean settledBefore(long marginNanos) {
		long taken = this.takenAt.getEpochSecond() * 1_000_000_000L + this.takenAt.getNano();
		return Math.max(this.modifiedNanos, this.changedNanos) < taken - marginNanos;
	}

}
