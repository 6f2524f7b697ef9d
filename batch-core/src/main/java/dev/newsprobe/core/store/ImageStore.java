package dev.newsprobe.core.store;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Optional;

/**
 * A content-addressed store of image bytes: each image is kept once under its address, the
 * lower-case hex SHA-256 of its bytes, however many URLs serve it. The store keeps its total size
 * under a cap by evicting the least recently used (or verified) images first.
 * <p>
 * Implementations are safe for concurrent use by the threads of one process. A directory is the
 * default ({@link DirectoryImageStore}); an object store could implement the same contract.
 */
public interface ImageStore extends Closeable {

	/**
	 * Starts writing an image. Bytes written to the upload are invisible until
	 * {@link Upload#commit(String) committed}; an upload abandoned (or cut short by a crash) never
	 * becomes visible.
	 * @return the upload
	 * @throws IOException when the store cannot take a new image
	 */
	Upload begin() throws IOException;

	/**
	 * Stores an image read from a stream.
	 * @param in the bytes, read to their end (not closed)
	 * @param contentType the media type the server gave, kept by stores that keep metadata
	 * @return what was stored, and what was evicted to make room
	 * @throws IOException when the stream or the store fails; nothing is stored then
	 */
	default StorePut put(InputStream in, String contentType) throws IOException {
		Upload upload = begin();
		try {
			byte[] buffer = new byte[64 * 1024];
			int read;
			while ((read = in.read(buffer)) >= 0) {
				upload.write(ByteBuffer.wrap(buffer, 0, read));
			}
			return upload.commit(contentType);
		}
		finally {
			upload.close();
		}
	}

	/** Whether an image is held under this address. */
	boolean has(String address);

	/**
	 * What is known of a held image.
	 * @param address its address
	 * @return its size and last use, or empty when it is not held
	 */
	Optional<StoredImage> stat(String address);

	/**
	 * Opens a held image for reading; counts as a use for eviction.
	 * @param address its address
	 * @return its bytes, or empty when it is not held
	 * @throws IOException when it cannot be read
	 */
	Optional<InputStream> open(String address) throws IOException;

	/**
	 * Records that a held image was used or verified just now, so it is evicted later.
	 * @param address its address
	 * @return whether it is held
	 */
	boolean touch(String address);

	/**
	 * Removes an image.
	 * @param address its address
	 * @return whether it was held
	 * @throws IOException when it cannot be removed
	 */
	boolean evict(String address) throws IOException;

	/** The bytes of all images held; never more than {@link #maxBytes()}. */
	long totalBytes();

	/** The cap on {@link #totalBytes()}. */
	long maxBytes();

	/** How many images are held. */
	int count();

	/** Whether a text is a content address: 64 lower-case hex digits. */
	static boolean isAddress(String text) {
		if (text == null || text.length() != 64) {
			return false;
		}
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * An image being written. Not thread-safe: one writer at a time, in order.
	 */
	interface Upload extends Closeable {

		/**
		 * Appends bytes.
		 * @param bytes the bytes from their position to their limit; consumed
		 * @throws IOException when they cannot be written
		 */
		void write(ByteBuffer bytes) throws IOException;

		/** Bytes written so far. */
		long size();

		/**
		 * Makes the image visible under its content address, evicting others as needed to stay
		 * under the cap. An image already held is not written twice; it counts as used.
		 * @param contentType the media type the server gave
		 * @return what was stored, and what was evicted
		 * @throws ImageStoreException when the image is larger than the whole store's cap
		 * @throws IOException when the bytes cannot be made durable
		 */
		StorePut commit(String contentType) throws IOException;

		/** Throws the bytes away; harmless after {@link #commit(String)} and when called twice. */
		@Override
		void close() throws IOException;

	}

}
