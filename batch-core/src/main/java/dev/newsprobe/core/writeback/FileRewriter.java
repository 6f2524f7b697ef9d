package dev.newsprobe.core.writeback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.files.FileRefusedException;
import dev.newsprobe.core.files.FileStat;
import dev.newsprobe.core.files.FileStats;
import dev.newsprobe.core.files.SafeFileReader;

/**
 * Replaces article files safely: the new content goes to a temporary file in the same directory,
 * is flushed to disk and renamed atomically over the original; the new file gets the original's
 * permissions, owner and group (changing the owner needs the rights to: as another user than the
 * owner, a file whose owner or group cannot be kept is left alone). A crash
 * at any moment leaves either the old file or the new one, never a mix; a temporary file left by a
 * crash is hidden (its name starts with a dot, so ingest skips it) and {@link #removeStaleTemps}
 * deletes it on the next run.
 * <p>
 * A file is only replaced when
 * <ul>
 * <li>it lies under one of the input roots, by its normalised path and by its real path;</li>
 * <li>it is not itself a symbolic link, and no directory between the root and it is a link that
 * leads out of the roots;</li>
 * <li>its content still has the hash it had when it was read ({@link Snapshot#contentHash()}, the
 * same hex SHA-256 the ingest stores); a file changed on disk since is left alone.</li>
 * </ul>
 * The hash is checked when the file is read and again just before the rename; the rename itself
 * cannot be made conditional on Linux, so a change in the microseconds between the last check and
 * the rename is the one window left open.
 */
public final class FileRewriter {

	/** How long opening a file may take before it is refused (a FIFO swapped in, a hung file system). */
	private static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);

	/** Names of the temporary files, so a later run recognises those a crash left behind. */
	private static final Pattern TEMP_NAME = Pattern.compile("\\.newsprobe-[0-9]+\\.tmp");

	/** What replaces the original by the temporary file; tests inject failures here. */
	@FunctionalInterface
	public interface Mover {

		/** Moves {@code source} over {@code target} atomically. */
		void move(Path source, Path target) throws IOException;

	}

	/** Why a file was not replaced. */
	public enum Refusal {

		/** The file is not under any input root. */
		OUTSIDE_ROOTS,
		/** The file is a symbolic link, or a directory on its way leads out of the roots. */
		SYMLINK,
		/** The file's content is no longer what was read. */
		CHANGED_ON_DISK,
		/** The file vanished. */
		GONE,
		/**
		 * The file has more than one name (hard link): a rename through one name would leave the
		 * others with the old content, silently splitting what was one file.
		 */
		HARD_LINKS,
		/** It could not be read or written (permissions, disk full, ...). */
		IO_ERROR

	}

	/** A file that could not be read or replaced; {@link #refusal()} says why. */
	public static final class RefusedException extends Exception {

		private final Refusal refusal;

		public RefusedException(Refusal refusal, String message) {
			super(message, null, false, false);
			this.refusal = refusal;
		}

		/** Why. */
		public Refusal refusal() {
			return this.refusal;
		}

	}

	/**
	 * A file as read for rewriting.
	 *
	 * @param requested the path the file was asked for by (under an input root)
	 * @param file the real path of the file
	 * @param bytes its content
	 * @param contentHash hex SHA-256 of the content
	 * @param stat what the file was when read (kind, identity, links, owner, group)
	 */
	public record Snapshot(Path requested, Path file, byte[] bytes, String contentHash, FileStat stat) {
	}

	private final List<Path> roots;

	private final List<Path> realRoots;

	private final long maxBytes;

	private final Mover mover;

	private final FileStats stats = new FileStats();

	private final SafeFileReader reader;

	/**
	 * A rewriter for files under some roots.
	 * @param roots the input roots
	 * @param maxBytes files larger than this are not read
	 */
	public FileRewriter(List<Path> roots, long maxBytes) {
		this(roots, maxBytes, (source, target) -> Files.move(source, target, StandardCopyOption.ATOMIC_MOVE));
	}

	/** A rewriter whose final rename is done by {@code mover}. */
	public FileRewriter(List<Path> roots, long maxBytes, Mover mover) {
		this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
		List<Path> real = new ArrayList<>();
		for (Path root : this.roots) {
			try {
				real.add(root.toRealPath());
			}
			catch (IOException ex) {
				// a root that does not exist holds no file to rewrite
			}
		}
		this.realRoots = List.copyOf(real);
		this.maxBytes = maxBytes;
		this.mover = mover;
		this.reader = new SafeFileReader(this.stats, OPEN_TIMEOUT);
	}

	/**
	 * Reads a file to be rewritten, checking first that it may be.
	 * @param file the file, as the ingest recorded it
	 * @return its real path, content and hash
	 * @throws RefusedException when it is outside the roots, a link, gone or unreadable
	 */
	public Snapshot read(Path file) throws RefusedException {
		Path target = checkedTarget(file);
		SafeFileReader.Read read = readFile(target, null);
		requireOneName(target, read.stat());
		return new Snapshot(file, target, read.bytes(), ArticleParser.sha256(read.bytes()), read.stat());
	}

	/**
	 * Replaces a file read with {@link #read} by new content, if it still holds what was read.
	 * @param snapshot the file as read
	 * @param bytes the new content
	 * @return hex SHA-256 of the new content
	 * @throws RefusedException when the file changed on disk, or cannot be written; it is left as it is
	 */
	public String replace(Snapshot snapshot, byte[] bytes) throws RefusedException {
		Path target = checkedTarget(snapshot.requested());
		if (!target.equals(snapshot.file())) {
			throw new RefusedException(Refusal.SYMLINK, snapshot.requested() + " now leads to " + target + ", not to "
					+ snapshot.file() + " that was read; left as it is");
		}
		requireUnchanged(target, snapshot);
		Path directory = target.getParent();
		Path temp;
		try {
			temp = Files.createTempFile(directory, ".newsprobe-", ".tmp");
		}
		catch (IOException ex) {
			throw new RefusedException(Refusal.IO_ERROR, "cannot create a temporary file in " + directory + ": " + ex.getMessage());
		}
		boolean moved = false;
		try {
			try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
				ByteBuffer buffer = ByteBuffer.wrap(bytes);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			copyOwnership(snapshot.stat(), target, temp);
			requireUnchanged(target, snapshot);
			this.mover.move(temp, target);
			moved = true;
			syncDirectory(directory);
			return ArticleParser.sha256(bytes);
		}
		catch (AtomicMoveNotSupportedException ex) {
			throw new RefusedException(Refusal.IO_ERROR, "the file system cannot rename atomically in " + directory);
		}
		catch (IOException ex) {
			throw new RefusedException(Refusal.IO_ERROR, "cannot write the new content: " + ex.getClass().getSimpleName() + ": "
					+ ex.getMessage());
		}
		finally {
			// Only a failure the rewriter sees is cleaned up here; a crash leaves the temp for removeStaleTemps.
			if (!moved) {
				deleteQuietly(temp);
			}
		}
	}

	/**
	 * Deletes the temporary files a crashed rewrite left under a root.
	 * @param root an input root
	 * @return how many were deleted
	 */
	public static int removeStaleTemps(Path root) {
		int[] removed = { 0 };
		if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS)) {
			return 0;
		}
		try {
			Files.walkFileTree(root, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
					if (attributes.isRegularFile() && TEMP_NAME.matcher(file.getFileName().toString()).matches()
							&& deleteQuietly(file)) {
						removed[0]++;
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult visitFileFailed(Path file, IOException ex) {
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (IOException ex) {
			// an unreadable corner of the archive keeps its temps; ingest reports unreadable directories
		}
		return removed[0];
	}

	/** The real path of a file that may be rewritten. */
	private Path checkedTarget(Path file) throws RefusedException {
		Path path = file.toAbsolutePath().normalize();
		Path root = this.roots.stream().filter(path::startsWith).findFirst().orElse(null);
		if (root == null || path.equals(root)) {
			throw new RefusedException(Refusal.OUTSIDE_ROOTS, file + " is not under the input roots " + this.roots);
		}
		Path current = root;
		for (Path name : root.relativize(path)) {
			current = current.resolve(name);
			if (!Files.isSymbolicLink(current)) {
				continue;
			}
			if (current.equals(path)) {
				throw new RefusedException(Refusal.SYMLINK, file + " is a symbolic link; only regular files are rewritten");
			}
			Path real = realPath(current, file);
			if (this.realRoots.stream().noneMatch(real::startsWith)) {
				throw new RefusedException(Refusal.SYMLINK,
						current + " is a symbolic link to " + real + ", outside the input roots; nothing there is rewritten");
			}
		}
		Path parent = realPath(path.getParent(), file);
		if (this.realRoots.stream().noneMatch(parent::startsWith)) {
			throw new RefusedException(Refusal.SYMLINK, file + " is really in " + parent + ", outside the input roots");
		}
		Path target = parent.resolve(path.getFileName());
		if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
			throw new RefusedException(Refusal.GONE, file + " no longer exists");
		}
		if (!Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS)) {
			throw new RefusedException(Refusal.SYMLINK, file + " is not a regular file");
		}
		return target;
	}

	private static Path realPath(Path path, Path file) throws RefusedException {
		try {
			return path.toRealPath();
		}
		catch (NoSuchFileException ex) {
			throw new RefusedException(Refusal.GONE, file + " no longer exists (" + path + " is missing)");
		}
		catch (IOException ex) {
			throw new RefusedException(Refusal.IO_ERROR, "cannot resolve " + path + ": " + ex.getMessage());
		}
	}

	/** Reads a file through the safe reader: not through a link, a regular file only, the one stated if given. */
	private SafeFileReader.Read readFile(Path target, FileStat expected) throws RefusedException {
		try {
			return this.reader.read(target, expected, this.maxBytes);
		}
		catch (FileRefusedException ex) {
			Refusal refusal = switch (ex.reason()) {
				case GONE -> Refusal.GONE;
				case NOT_REGULAR -> Refusal.SYMLINK;
				case REPLACED -> Refusal.CHANGED_ON_DISK;
				default -> Refusal.IO_ERROR;
			};
			throw new RefusedException(refusal, target + ": " + ex.getMessage());
		}
	}

	private static void requireOneName(Path target, FileStat stat) throws RefusedException {
		if (stat.links() > 1) {
			throw new RefusedException(Refusal.HARD_LINKS, target + " has " + stat.links() + " names (hard links); replacing it"
					+ " through one name would leave the others with the old content, so it is left as it is");
		}
	}

	private void requireUnchanged(Path target, Snapshot snapshot) throws RefusedException {
		SafeFileReader.Read now = readFile(target, snapshot.stat());
		requireOneName(target, now.stat());
		if (!ArticleParser.sha256(now.bytes()).equals(snapshot.contentHash())) {
			throw new RefusedException(Refusal.CHANGED_ON_DISK,
					target + " changed on disk since it was read; left as it is (the next audit reads the new content)");
		}
	}

	/**
	 * Gives the new file the original's owner, group and permissions (owner and group first:
	 * changing them may clear the set-id bits the permissions then restore).
	 */
	private static void copyOwnership(FileStat original, Path from, Path to) throws IOException, RefusedException {
		if (original.owner() >= 0 && original.group() >= 0) {
			try {
				FileStat temp = new FileStats().lstat(to);
				if (temp.owner() != original.owner()) {
					Files.setAttribute(to, "unix:uid", original.owner(), LinkOption.NOFOLLOW_LINKS);
				}
				if (temp.group() != original.group()) {
					Files.setAttribute(to, "unix:gid", original.group(), LinkOption.NOFOLLOW_LINKS);
				}
			}
			catch (java.nio.file.FileSystemException ex) {
				throw new RefusedException(Refusal.IO_ERROR, "the new file cannot be given " + from + "'s owner " + original.owner()
						+ " and group " + original.group() + " (" + ex.getReason() + "); left as it is");
			}
		}
		PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
		if (view != null) {
			Set<PosixFilePermission> permissions = view.readAttributes().permissions();
			Files.setPosixFilePermissions(to, permissions);
		}
	}

	private static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// not every file system can sync a directory; the rename is atomic either way
		}
	}

	private static boolean deleteQuietly(Path file) {
		try {
			return Files.deleteIfExists(file);
		}
		catch (IOException ex) {
			return false;
		}
	}

}
