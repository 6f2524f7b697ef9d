package dev.newsprobe.core.files;

/** What a path is, by the file type bits of its mode. */
public enum FileKind {

	/** A regular file: the only kind newsprobe reads. */
	REGULAR("a regular file"),
	/** A directory. */
	DIRECTORY("a directory"),
	/** A symbolic link (never followed). */
	SYMLINK("a symbolic link"),
	/** A named pipe: opening it for reading would wait for a writer. */
	FIFO("a named pipe (FIFO)"),
	/** A character device. */
	CHARACTER_DEVICE("a character device"),
	/** A block device. */
	BLOCK_DEVICE("a block device"),
	/** A Unix socket. */
	SOCKET("a socket"),
	/** Anything else. */
	OTHER("not a regular file");

	private final String description;

	FileKind(String description) {
		this.description = description;
	}

	/** The kind in words, e.g. "a named pipe (FIFO)". */
	public String description() {
		return this.description;
	}

	/** The kind of a Unix mode. */
	static FileKind ofMode(int mode) {
		return switch (mode & 0170000) {
			case 0100000 -> REGULAR;
			case 0040000 -> DIRECTORY;
			case 0120000 -> SYMLINK;
			case 0010000 -> FIFO;
			case 0020000 -> CHARACTER_DEVICE;
			case 0060000 -> BLOCK_DEVICE;
			case 0140000 -> SOCKET;
			default -> OTHER;
		};
	}

}
