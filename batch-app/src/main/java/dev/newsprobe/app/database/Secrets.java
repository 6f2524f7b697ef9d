package dev.newsprobe.app.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;

/** Files only their owner may read (mode 0600): the embedded database's passwords and password file. */
final class Secrets {

	private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

	private static final SecureRandom RANDOM = new SecureRandom();

	private Secrets() {
	}

	/** Writes a new random password (24 random bytes, base64url) to a file of mode 0600. */
	static void create(Path file) throws IOException {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		write(file, Base64.getUrlEncoder().withoutPadding().encodeToString(bytes) + "\n");
	}

	/**
	 * Writes a file of mode 0600: created with that mode under a temporary name, then moved into
	 * place, so it is never readable by others, not even for a moment.
	 */
	static void write(Path file, String text) throws IOException {
		Path temporary = file.resolveSibling(file.getFileName() + ".new");
		Files.deleteIfExists(temporary);
		Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
		Files.writeString(temporary, text, StandardCharsets.UTF_8);
		Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	/** The password in a file; its mode is set back to 0600 if someone widened it. */
	static String read(Path file) {
		try {
			if (!Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
				Files.setPosixFilePermissions(file, OWNER_ONLY);
			}
			return Files.readString(file, StandardCharsets.UTF_8).strip();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
