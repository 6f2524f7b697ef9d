package dev.newsprobe.core.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import dev.newsprobe.core.files.FileRefusedException.Reason;

/**
 * Reads files that must be what a walk saw, so a read cannot leave the walk's view:
 * <ul>
 * <li>the path is stated again first: it must still be a regular file, the same file (device and
 * inode) the walk saw; a symbolic link, a FIFO, a device or a socket is refused without being
 * opened;</li>
 * <li>it is opened with {@code O_NOFOLLOW}, so a symbolic link swapped in since is not followed;</li>
 * <li>the open runs on a thread of this reader's own and is waited for at most
 * {@code openTimeout}: opening a FIFO swapped in between the check and the open would wait for a
 * writer forever, and a hung network file system can too. Such a file is refused and the caller
 * goes on; the stuck thread is released if the path is a FIFO (by opening its other end, which
 * writes nothing), else it is left to end when the file system answers;</li>
 * <li>after the open the path is stated once more and must still be the file walked, so what was
 * opened is what was checked (Java has no {@code fstat}; the two stats around the open leave a
 * window of microseconds, in which the file would have to be swapped and swapped back).</li>
 * </ul>
 * Thread-safe; {@link #close()} ends its threads.
 */
public final class SafeFileReader implements AutoCloseable {

	/** The most opens that may be stuck at once before further opens are refused. */
	private static final int MAX_OPENERS = 16;

	private final FileStats stats;

	private final long openTimeoutNanos;

	private final ThreadPoolExecutor openers;

	/**
	 * @param stats how paths are stated
	 * @param openTimeout how long one open may take before the file is refused
	 */
	public SafeFileReader(FileStats stats, Duration openTimeout) {
		this.stats = stats;
		this.openTimeoutNanos = openTimeout.toNanos();
		AtomicInteger count = new AtomicInteger();
		this.openers = new ThreadPoolExecutor(0, MAX_OPENERS, 30, TimeUnit.SECONDS, new SynchronousQueue<>(), runnable -> {
			Thread thread = new Thread(runnable, "newsprobe-open-" + count.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Reads a file the walk saw.
	 * @param file the path
	 * @param walked what the walk saw at that path ({@code null}: whatever regular file is there now)
	 * @param maxBytes larger files are refused without being read
	 * @return the content, and the stat taken just before it was opened (the one its content goes with)
	 * @throws FileRefusedException when it is not read, with why
	 */
	public Read read(Path file, FileStat walked, long maxBytes) throws FileRefusedException {
		FileStat before = stat(file);
		requireWalked(file, walked, before);
		if (before.size() > maxBytes) {
			throw new FileRefusedException(Reason.TOO_LARGE, "the file is " + Sizes.human(before.size()) + ", more than the limit of "
					+ Sizes.human(maxBytes) + "; it was not read");
		}
		try (FileChannel channel = open(file)) {
			requireWalked(file, before, stat(file));
			byte[] bytes = readAll(channel, maxBytes);
			if (bytes.length > maxBytes) {
				throw new FileRefusedException(Reason.TOO_LARGE,
						"the file grew past the limit of " + Sizes.human(maxBytes) + " while being read");
			}
			return new Read(bytes, before);
		}
		catch (IOException ex) {
			throw refusal(ex);
		}
	}

	/**
	 * What a read gave.
	 *
	 * @param bytes the content
	 * @param stat the file's stat just before it was opened
	 */
	public record Read(byte[] bytes, FileStat stat) {
	}

	@Override
	public void close() {
		this.openers.shutdownNow();
	}

	private FileStat stat(Path file) throws FileRefusedException {
		try {
			return this.stats.lstat(file);
		}
		catch (IOException ex) {
			throw refusal(ex);
		}
	}

	private static void requireWalked(Path file, FileStat walked, FileStat now) throws FileRefusedException {
		if (now.kind() != FileKind.REGULAR) {
			throw new FileRefusedException(Reason.NOT_REGULAR, "the path is now " + now.kind().description()
					+ ((walked != null && walked.kind() == FileKind.REGULAR) ? ", no longer the regular file the walk found" : "")
					+ "; only regular files are read");
		}
		if (walked != null && !walked.sameFile(now)) {
			throw new FileRefusedException(Reason.REPLACED, "another file is at this path now than the one found by the walk"
					+ " (it was replaced meanwhile); it was not read, the next run reads what is there then");
		}
	}

	/** Opens a file for reading on an opener thread, waiting for it at most the open timeout. */
	// package-private: the tests open a FIFO directly, as a swap between the check and the open would
	FileChannel open(Path file) throws IOException, FileRefusedException {
		CompletableFuture<FileChannel> opening;
		try {
			opening = CompletableFuture.supplyAsync(() -> {
				try {
					return FileChannel.open(file, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
				}
				catch (IOException ex) {
					throw new OpenFailed(ex);
				}
			}, this.openers);
		}
		catch (RejectedExecutionException ex) {
			throw new FileRefusedException(Reason.BLOCKED, "it was not opened: " + MAX_OPENERS
					+ " other opens are still waiting (FIFOs, or a file system that does not answer)");
		}
		try {
			return opening.get(this.openTimeoutNanos, TimeUnit.NANOSECONDS);
		}
		catch (TimeoutException ex) {
			opening.thenAccept(SafeFileReader::closeQuietly);
			release(file);
			throw new FileRefusedException(Reason.BLOCKED, "opening it did not return within "
					+ Duration.ofNanos(this.openTimeoutNanos).toMillis() + " ms: it is not a regular file any more (a FIFO?)"
					+ " or its file system does not answer; it was skipped");
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof OpenFailed failed) {
				throw failed.io();
			}
			throw new IOException("opening failed: " + ex.getCause(), ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			opening.thenAccept(SafeFileReader::closeQuietly);
			throw new FileRefusedException(Reason.BLOCKED, "interrupted while opening it");
		}
	}

	/**
	 * Lets an opener stuck on a FIFO go: opening the FIFO's writing end completes the waiting
	 * open (nothing is written; the reader then sees end of file and the stat refuses it). Done
	 * only when the path is a FIFO now: opening a regular file for writing would look like a write
	 * to anyone watching it.
	 */
	private void release(Path file) {
		try {
			if (this.stats.lstat(file).kind() != FileKind.FIFO) {
				return;
			}
			CompletableFuture.runAsync(() -> {
				try (FileChannel writer = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
					// opened and closed: that is all the waiting reader needed
				}
				catch (IOException ex) {
					// not ours to write to: the opener stays until a writer comes
				}
			}, this.openers);
		}
		catch (IOException | RejectedExecutionException ex) {
			// nothing more to do: the file is refused either way
		}
	}

	private static byte[] readAll(FileChannel channel, long maxBytes) throws IOException {
		int cap = (maxBytes >= Integer.MAX_VALUE - 10) ? Integer.MAX_VALUE - 9 : (int) maxBytes + 1;
		long size = channel.size();
		byte[] bytes = new byte[(int) Math.min(cap, Math.max(size + 1, 16))];
		int length = 0;
		while (true) {
			if (length == bytes.length) {
				if (length >= cap) {
					break;
				}
				bytes = Arrays.copyOf(bytes, (int) Math.min(cap, (long) length * 2));
			}
			int read = channel.read(ByteBuffer.wrap(bytes, length, bytes.length - length));
			if (read < 0) {
				break;
			}
			length += read;
		}
		return (length == bytes.length) ? bytes : Arrays.copyOf(bytes, length);
	}

	private static FileRefusedException refusal(IOException ex) {
		if (ex instanceof NoSuchFileException) {
			return new FileRefusedException(Reason.GONE, "the file vanished before it could be read");
		}
		if (ex instanceof AccessDeniedException) {
			return new FileRefusedException(Reason.IO_ERROR, "the file cannot be read: permission denied");
		}
		if (ex instanceof java.nio.file.FileSystemException fs && fs.getReason() != null && fs.getReason().contains("symbolic link")) {
			return new FileRefusedException(Reason.NOT_REGULAR, "the path became a symbolic link; links are not followed");
		}
		return new FileRefusedException(Reason.IO_ERROR, "the file cannot be read: " + ex.getClass().getSimpleName() + ": "
				+ ex.getMessage());
	}

	private static void closeQuietly(FileChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// nothing was read from it
		}
	}

	/** An open's failure, carried through the future. */
	private static final class OpenFailed extends RuntimeException {

		private final IOException io;

		OpenFailed(IOException io) {
			super(io.getMessage(), io, false, false);
			this.io = io;
		}

		IOException io() {
			return this.io;
		}

	}

}
