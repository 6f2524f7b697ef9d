package dev.newsprobe.jobs.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.newsprobe.core.store.DirectoryImageStore;
import dev.newsprobe.core.store.ImageStore;

/**
 * The process's one image store, opened when a step first needs it (so a disabled store never
 * touches the disk) and closed with the application. One instance per directory and process: the
 * store's accounting and its lock depend on it.
 */
public final class ImageStoreProvider implements AutoCloseable {

	private final StoreProperties properties;

	private final Path directory;

	private ImageStore store;

	public ImageStoreProvider(StoreProperties properties, Path directory) {
		this.properties = properties;
		this.directory = directory;
	}

	/** Whether mirroring is switched on ({@code newsprobe.store.enabled}). */
	public boolean enabled() {
		return this.properties.enabled();
	}

	/** The store's directory. */
	public Path directory() {
		return this.directory;
	}

	/**
	 * The store, opened on first use.
	 * @throws UncheckedIOException when it cannot be opened (e.g. another process uses it)
	 */
	public synchronized ImageStore store() {
		if (this.store == null) {
			try {
				this.store = DirectoryImageStore.open(this.directory, this.properties.maxBytes().toBytes());
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot open the image store (newsprobe.store.directory) at "
						+ this.directory + ": " + ex.getMessage(), ex);
			}
		}
		return this.store;
	}

	@Override
	public synchronized void close() throws IOException {
		if (this.store != null) {
			this.store.close();
			this.store = null;
		}
	}

}
