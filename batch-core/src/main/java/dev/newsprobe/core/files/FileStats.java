package dev.newsprobe.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Asks the file system what a path is, without following a symbolic link: one {@code lstat} per
 * call, through the JDK's {@code unix} attribute view where there is one (Linux, macOS), which
 * gives the change time, inode, links and owner; elsewhere the basic view, with what it has.
 */
public final class FileStats {

	private static final String UNIX = "unix:mode,size,lastModifiedTime,ctime,dev,ino,nlink,uid,gid";

	private final Clock clock;

	private final boolean unix;

	/** Stats stamped with the system clock. */
	public FileStats() {
		this(Clock.systemUTC());
	}

	/** Stats stamped with a given clock (tests). */
	public FileStats(Clock clock) {
		this.clock = clock;
		boolean supported;
		try {
			supported = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("unix");
		}
		catch (RuntimeException ex) {
			supported = false;
		}
		this.unix = supported;
	}

	/**
	 * The stat of a path.
	 * @param path the path; a symbolic link is described, not followed
	 * @return what it is
	 * @throws IOException when it does not exist ({@link java.nio.file.NoSuchFileException}) or cannot be stated
	 */
	public FileStat lstat(Path path) throws IOException {
		Instant takenAt = this.clock.instant();
		if (this.unix) {
			Map<String, Object> attributes = Files.readAttributes(path, UNIX, LinkOption.NOFOLLOW_LINKS);
			return new FileStat(FileKind.ofMode((Integer) attributes.get("mode")), (Long) attributes.get("size"),
					nanos(attributes.get("lastModifiedTime")), nanos(attributes.get("ctime")), (Long) attributes.get("dev"),
					(Long) attributes.get("ino"), ((Number) attributes.get("nlink")).longValue(), (Integer) attributes.get("uid"),
					(Integer) attributes.get("gid"), takenAt);
		}
		BasicFileAttributes basic = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
		FileKind kind = basic.isRegularFile() ? FileKind.REGULAR : basic.isDirectory() ? FileKind.DIRECTORY
				: basic.isSymbolicLink() ? FileKind.SYMLINK : FileKind.OTHER;
		long modified = basic.lastModifiedTime().to(TimeUnit.NANOSECONDS);
		Object key = basic.fileKey();
		return new FileStat(kind, basic.size(), modified, modified, 0, (key != null) ? key.hashCode() : 0, 1, -1, -1, takenAt);
	}

	private static long nanos(Object time) {
		return ((FileTime) time).to(TimeUnit.NANOSECONDS);
	}

}
