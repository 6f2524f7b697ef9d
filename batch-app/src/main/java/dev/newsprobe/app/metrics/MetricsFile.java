package dev.newsprobe.app.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Writes metrics in Prometheus's text format to a file, for node_exporter's textfile collector
 * (a {@code *.prom} file in its {@code --collector.textfile.directory}): the way a one-shot
 * {@code audit} hands its metrics over. The file is written beside its final place and renamed
 * over it, so the collector never reads half a file.
 */
public final class MetricsFile {

	private MetricsFile() {
	}

	/**
	 * @param file where the metrics go
	 * @param text the metrics in Prometheus's text format
	 * @throws IOException when the file cannot be written
	 */
	public static void write(Path file, String text) throws IOException {
		Path target = file.toAbsolutePath().normalize();
		Path directory = target.getParent();
		Path temporary = Files.createTempFile(directory, "." + target.getFileName(), ".tmp");
		try {
			Files.writeString(temporary, text, StandardCharsets.UTF_8);
			// a temporary file is the owner's alone; the metrics are for a collector running as another user
			try {
				Files.setPosixFilePermissions(temporary, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
			}
			catch (UnsupportedOperationException ex) {
				// not a POSIX file system: it keeps the directory's defaults
			}
			try {
				Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
	}

}
