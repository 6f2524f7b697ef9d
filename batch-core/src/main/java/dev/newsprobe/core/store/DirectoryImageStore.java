package dev.newsprobe.core.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The default {@link ImageStore}: one file per image in a directory, named by its content address
 * and fanned out by its first four hex digits ({@code ab/cd/abcd…}) so no directory grows huge.
 * <p>
 * An image is written to a temporary file under {@code .tmp/}, forced to disk, and renamed into
 * place atomically, so a reader (or a crash) never sees a partial image under its address; the
 * temporary files a crash leaves behind are deleted when the store is next opened. The store keeps
 * an index in memory, rebuilt from the directory when opened, whose order is the images' last use
 * (the file's modification time survives restarts); committing an image evicts the least recently
 * used ones until the total fits under the cap.
 * <p>
 * One process at a time: the store holds an exclusive lock on {@code .lock} while open, and a
 * second opening (another process, or the same JVM twice) fails with a clear message. Within the
 * process it is safe for concurrent writers: bytes are written outside any lock, and only the
 * rename, the index and eviction are serialised.
 */
public final class DirectoryImageStore implements ImageStore {

	private static final String TEMP_DIRECTORY = ".tmp";

	private final Path root;

	private final Path temp;

	private final long maxBytes;

	private final FileChannel lockChannel;

	private final FileLock lock;

	/** Held images, least recently used first; guarded by {@code this}. */
	private final LinkedHashMap<String, StoredImage> index = new LinkedHashMap<>();

	private long totalBytes;

	private final List<String> evictedOnOpen;

	private volatile boolean closed;

	private DirectoryImageStore(Path root, long maxBytes, FileChannel lockChannel, FileLock lock) throws IOException {
		this.root = root;
		this.temp = root.resolve(TEMP_DIRECTORY);
		this.maxBytes = maxBytes;
		this.lockChannel = lockChannel;
		this.lock = lock;
		Files.createDirectories(this.temp);
		deleteTemporaryFiles();
		loadIndex();
		synchronized (this) {
			this.evictedOnOpen = List.copyOf(makeRoom(0));
		}
	}

	/**
	 * Opens (creating it if needed) the store in a directory.
	 * @param root the directory
	 * @param maxBytes the cap on the total size of the images held; when the images already there
	 * exceed it (a lowered cap), the least recently used are evicted at once
	 * @return the store, to be closed
	 * @throws ImageStoreException when another process (or this one) has the store open
	 * @throws IOException when the directory cannot be used
	 */
	public static DirectoryImageStore open(Path root, long maxBytes) throws IOException {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("the image store's cap must be at least one byte, not " + maxBytes);
		}
		Path directory = root.toAbsolutePath().normalize();
		Files.createDirectories(directory);
		FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE);
		FileLock lock;
		try {
			lock = channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			channel.close();
			throw new ImageStoreException("the image store at " + directory + " is already open in this process");
		}
		if (lock == null) {
			channel.close();
			throw new ImageStoreException("the image store at " + directory
					+ " is in use by another newsprobe process; one process at a time may use it");
		}
		try {
			return new DirectoryImageStore(directory, maxBytes, channel, lock);
		}
		catch (IOException | RuntimeException ex) {
			lock.release();
			channel.close();
			throw ex;
		}
	}

	/** The directory. */
	public Path root() {
		return this.root;
	}

	/** Images evicted when the store was opened, because those already held exceeded the cap. */
	public List<String> evictedOnOpen() {
		return this.evictedOnOpen;
	}

	/** The file an address is kept in (whether or not it is held). */
	public Path fileOf(String address) {
		requireAddress(address);
		return this.root.resolve(address.substring(0, 2)).resolve(address.substring(2, 4)).resolve(address);
	}

	@Override
	public Upload begin() throws IOException {
		ensureOpen();
		Path file = this.temp.resolve(UUID.randomUUID() + ".part");
		return new FileUpload(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
				this::commit);
	}

	@Override
	public synchronized boolean has(String address) {
		return this.index.containsKey(address);
	}

	@Override
	public synchronized Optional<StoredImage> stat(String address) {
		return Optional.ofNullable(this.index.get(address));
	}

	@Override
	public Optional<InputStream> open(String address) throws IOException {
		if (!touch(address)) {
			return Optional.empty();
		}
		try {
			return Optional.of(Files.newInputStream(fileOf(address)));
		}
		catch (NoSuchFileException ex) {
			// removed behind the store's back: it is not held any more
			forget(address);
			return Optional.empty();
		}
	}

	@Override
	public boolean touch(String address) {
		Instant now = Instant.now();
		synchronized (this) {
			StoredImage image = this.index.remove(address);
			if (image == null) {
				return false;
			}
			this.index.put(address, new StoredImage(address, image.size(), now));
		}
		try {
			Files.setLastModifiedTime(fileOf(address), FileTime.from(now));
		}
		catch (NoSuchFileException ex) {
			forget(address);
			return false;
		}
		catch (IOException ex) {
			// the order in memory is right; only a restart would see the older time
		}
		return true;
	}

	@Override
	public boolean evict(String address) throws IOException {
		synchronized (this) {
			if (!this.index.containsKey(address)) {
				return false;
			}
			delete(address);
			return true;
		}
	}

	@Override
	public synchronized long totalBytes() {
		return this.totalBytes;
	}

	@Override
	public long maxBytes() {
		return this.maxBytes;
	}

	@Override
	public synchronized int count() {
		return this.index.size();
	}

	/** The images held, least recently used first. */
	public synchronized List<StoredImage> images() {
		return List.copyOf(this.index.values());
	}

	@Override
	public void close() throws IOException {
		if (this.closed) {
			return;
		}
		this.closed = true;
		try {
			this.lock.release();
		}
		finally {
			this.lockChannel.close();
		}
	}

	/** Moves a finished upload under its address, evicting what no longer fits; what {@link FileUpload} ends with. */
	private synchronized StorePut commit(Path file, String address, long size) throws IOException {
		ensureOpen();
		if (this.index.containsKey(address)) {
			Files.deleteIfExists(file);
			touch(address);
			return new StorePut(this.index.get(address), false, List.of());
		}
		if (size > this.maxBytes) {
			Files.deleteIfExists(file);
			throw new ImageStoreException("an image of " + size + " bytes is larger than the whole store's cap of "
					+ this.maxBytes + " bytes");
		}
		List<String> evicted = makeRoom(size);
		Path target = fileOf(address);
		Files.createDirectories(target.getParent());
		try {
			Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.deleteIfExists(file);
			throw new ImageStoreException("the file system of " + this.root + " cannot rename atomically", ex);
		}
		Instant now = Instant.now();
		Files.setLastModifiedTime(target, FileTime.from(now));
		StoredImage image = new StoredImage(address, size, now);
		this.index.put(address, image);
		this.totalBytes += size;
		return new StorePut(image, true, evicted);
	}

	/** Evicts the least recently used images until {@code size} more bytes fit; the caller holds the lock. */
	private List<String> makeRoom(long size) throws IOException {
		List<String> evicted = new ArrayList<>();
		Iterator<String> oldestFirst = new ArrayList<>(this.index.keySet()).iterator();
		while (this.totalBytes + size > this.maxBytes && oldestFirst.hasNext()) {
			String address = oldestFirst.next();
			delete(address);
			evicted.add(address);
		}
		return evicted;
	}

	private void delete(String address) throws IOException {
		StoredImage image = this.index.remove(address);
		if (image != null) {
			this.totalBytes -= image.size();
		}
		Files.deleteIfExists(fileOf(address));
	}

	private synchronized void forget(String address) {
		StoredImage image = this.index.remove(address);
		if (image != null) {
			this.totalBytes -= image.size();
		}
	}

	private void deleteTemporaryFiles() throws IOException {
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.temp)) {
			for (Path file : files) {
				Files.deleteIfExists(file);
			}
		}
	}

	private void loadIndex() throws IOException {
		List<StoredImage> found = new ArrayList<>();
		try (Stream<Path> files = Files.find(this.root, 3, (path, attributes) -> attributes.isRegularFile()
				&& ImageStore.isAddress(path.getFileName().toString()))) {
			files.forEach(file -> {
				String address = file.getFileName().toString();
				if (!file.equals(fileOf(address))) {
					return;
				}
				try {
					BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
					found.add(new StoredImage(address, attributes.size(), attributes.lastModifiedTime().toInstant()));
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			});
		}
		catch (UncheckedIOException ex) {
			throw ex.getCause();
		}
		found.sort(Comparator.comparing(StoredImage::lastUsed).thenComparing(StoredImage::address));
		synchronized (this) {
			for (StoredImage image : found) {
				this.index.put(image.address(), image);
				this.totalBytes += image.size();
			}
		}
	}

	private void ensureOpen() throws ImageStoreException {
		if (this.closed) {
			throw new ImageStoreException("the image store at " + this.root + " is closed");
		}
	}

	private static void requireAddress(String address) {
		if (!ImageStore.isAddress(address)) {
			throw new IllegalArgumentException("'" + address + "' is not a content address (64 lower-case hex digits)");
		}
	}

}
