package dev.newsprobe.core.store;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An image of a {@link DirectoryImageStore} being written to a temporary file, hashed as it goes; committed,
 * it is moved under its content address, closed without a commit, it is deleted.
 */
final class FileUpload implements ImageStore.Upload {

	/** Where a finished upload goes: the store's rename into place. */
	@FunctionalInterface
	interface Commit {

		StorePut commit(Path file, String address, long size) throws IOException;

	}

	private final Path file;

	private final FileChannel channel;

	private final MessageDigest digest;

	private final Commit store;

	private long size;

	private boolean done;

	FileUpload(Path file, FileChannel channel, Commit store) {
		this.file = file;
		this.channel = channel;
		this.store = store;
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
	}

	@Override
	public void write(ByteBuffer bytes) throws IOException {
		if (this.done) {
			throw new IOException("the upload is already committed or closed");
		}
		this.digest.update(bytes.duplicate());
		while (bytes.hasRemaining()) {
			this.size += this.channel.write(bytes);
		}
	}

	@Override
	public long size() {
		return this.size;
	}

	@Override
	public StorePut commit(String contentType) throws IOException {
		if (this.done) {
			throw new IOException("the upload is already committed or closed");
		}
		this.done = true;
		try {
			// durable before it is visible: a crash after the rename never leaves a short file under the address
			this.channel.force(true);
			this.channel.close();
			return this.store.commit(this.file, HexFormat.of().formatHex(this.digest.digest()), this.size);
		}
		finally {
			this.channel.close();
			Files.deleteIfExists(this.file);
		}
	}

	@Override
	public void close() throws IOException {
		if (this.done) {
			return;
		}
		this.done = true;
		try {
			this.channel.close();
		}
		finally {
			Files.deleteIfExists(this.file);
		}
	}

}
