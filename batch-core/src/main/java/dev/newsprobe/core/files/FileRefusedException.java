package dev.newsprobe.core.files;

/** A file that was not read, and why; the message says it in words a person acts on. */
public final class FileRefusedException extends Exception {

	/** Why a file was not read. */
	public enum Reason {

		/** It no longer exists. */
		GONE,
		/** It is not a regular file (a symbolic link, a FIFO, a device, a socket, a directory). */
		NOT_REGULAR,
		/** Another file is at its path now than the one walked. */
		REPLACED,
		/** It is larger than allowed; it was not read. */
		TOO_LARGE,
		/** Opening it did not return in time (a FIFO swapped in, a hung file system). */
		BLOCKED,
		/** The file system refused it (permissions, I/O error). */
		IO_ERROR

	}

	private final Reason reason;

	public FileRefusedException(Reason reason, String message) {
		super(message, null, false, false);
		this.reason = reason;
	}

	/** Why. */
	public Reason reason() {
		return this.reason;
	}

}
