package dev.newsprobe.core.files;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reads that cannot leave the walk's view: a path swapped for a symbolic link, a FIFO or another
 * file after the walk is refused, and an open that would wait forever (a FIFO swapped in between
 * the check and the open) returns within its timeout. Tests that could hang have a timeout of their own.
 */
class SafeFileReaderTests {

	private final FileStats stats = new FileStats();

	private final SafeFileReader reader = new SafeFileReader(this.stats, Duration.ofMillis(300));

	@TempDir
	Path dir;

	@AfterEach
	void close() {
		this.reader.close();
	}

	@Test
	void theFileWalkedIsReadWithTheStatItsContentGoesWith() throws Exception {
		Path file = write("a.md", "---\ntitle: a\n---\n");
		FileStat walked = this.stats.lstat(file);

		SafeFileReader.Read read = this.reader.read(file, walked, 1024);

		assertThat(new String(read.bytes(), StandardCharsets.UTF_8)).isEqualTo("---\ntitle: a\n---\n");
		assertThat(read.stat().sameContentAs(walked)).isTrue();
		assertThat(read.stat().kind()).isEqualTo(FileKind.REGULAR);
	}

	@Test
	void aFileSwappedForASymbolicLinkAfterTheWalkIsNotReadThroughIt() throws Exception {
		Path file = write("a.md", "---\ntitle: a\n---\n");
		Path secret = write("outside-secret.txt", "secret");
		FileStat walked = this.stats.lstat(file);
		Files.delete(file);
		Files.createSymbolicLink(file, secret);

		assertThatExceptionOfType(FileRefusedException.class).isThrownBy(() -> this.reader.read(file, walked, 1024))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(FileRefusedException.Reason.NOT_REGULAR);
				assertThat(ex.getMessage()).isEqualTo("the path is now a symbolic link, no longer the regular file the walk found;"
						+ " only regular files are read");
			});
	}

	@Test
	void aFileReplacedByAnotherFileAfterTheWalkIsNotTakenForIt() throws Exception {
		Path file = write("a.md", "old");
		FileStat walked = this.stats.lstat(file);
		Path other = write("b.md", "new");
		Files.move(other, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);

		assertThatExceptionOfType(FileRefusedException.class).isThrownBy(() -> this.reader.read(file, walked, 1024))
			.satisfies(ex -> assertThat(ex.reason()).isEqualTo(FileRefusedException.Reason.REPLACED));
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void aFileSwappedForAFifoIsRefusedWithoutOpeningIt() throws Exception {
		Path file = write("a.md", "---\ntitle: a\n---\n");
		FileStat walked = this.stats.lstat(file);
		Files.delete(file);
		mkfifo(file);

		assertThatExceptionOfType(FileRefusedException.class).isThrownBy(() -> this.reader.read(file, walked, 1024))
			.satisfies(ex -> assertThat(ex.getMessage()).startsWith("the path is now a named pipe (FIFO)"));
	}

	@Test
	@Timeout(value = 10, unit = TimeUnit.SECONDS)
	void anOpenThatWouldWaitForAWriterReturnsWithinItsTimeout() throws Exception {
		// given a FIFO opened directly, as when it is swapped in between the check and the open
		Path fifo = this.dir.resolve("swapped.md");
		mkfifo(fifo);

		// when / then: the caller is back after the timeout, the file refused
		long start = System.nanoTime();
		assertThatExceptionOfType(FileRefusedException.class).isThrownBy(() -> this.reader.open(fifo))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(FileRefusedException.Reason.BLOCKED);
				assertThat(ex.getMessage()).contains("did not return within 300 ms");
			});
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
	}

	@Test
	void aFileOverTheLimitIsRefusedWithoutBeingRead() throws Exception {
		Path file = write("big.md", "x".repeat(2000));

		assertThatExceptionOfType(FileRefusedException.class).isThrownBy(() -> this.reader.read(file, null, 1024))
			.satisfies(ex -> {
				assertThat(ex.reason()).isEqualTo(FileRefusedException.Reason.TOO_LARGE);
				assertThat(ex.getMessage()).isEqualTo("the file is 2.0 KiB, more than the limit of 1.0 KiB; it was not read");
			});
	}

	@Test
	void aFileNewerThanTheRacyMarginIsNotSettled() throws Exception {
		Path file = write("a.md", "x");
		FileStat now = this.stats.lstat(file);
		FileStat later = new FileStats(java.time.Clock.offset(java.time.Clock.systemUTC(), Duration.ofSeconds(3))).lstat(file);

		assertThat(now.settledBefore(FileStat.RACY_MARGIN_NANOS)).as("stated right after it was written").isFalse();
		assertThat(later.settledBefore(FileStat.RACY_MARGIN_NANOS)).as("stated three seconds later").isTrue();
	}

	private Path write(String name, String content) throws IOException {
		return Files.writeString(this.dir.resolve(name), content);
	}

	static void mkfifo(Path path) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
		assertThat(process.waitFor()).as("mkfifo %s", path).isZero();
	}

}
