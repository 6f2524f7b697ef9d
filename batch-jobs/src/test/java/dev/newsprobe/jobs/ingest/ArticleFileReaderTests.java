package dev.newsprobe.jobs.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.core.files.FileKind;
import dev.newsprobe.core.files.FileStat;
import dev.newsprobe.core.files.FileStats;
import dev.newsprobe.core.files.SafeFileReader;
import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import dev.newsprobe.jobs.test.Archives;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reader and processor of the ingest step on real files, without a database: what the walk saw
 * is what is read (a file swapped for a symbolic link or a FIFO between the walk and the read is
 * refused, and the step goes on), and an unchanged file is recognised by its stat without being read.
 * The files are swapped from inside the database lookup, which the reader makes between walking a
 * batch and reading it, so the race is the same every time.
 */
class ArticleFileReaderTests {

	@TempDir
	Path archive;

	private final SafeFileReader files = new SafeFileReader(new FileStats(), Duration.ofMillis(500));

	private final ArticleIngestProcessor processor = new ArticleIngestProcessor(new ArticleParser(FrontMatterLimits.DEFAULTS, this.files));

	@AfterEach
	void close() {
		this.files.close();
	}

	@Test
	void aFileSwappedForASymbolicLinkAfterTheWalkIsRefusedAndWhatItPointsToIsNotRead() throws Exception {
		Archives.writeArticle(this.archive.resolve("a.md"), 1);
		Archives.writeArticle(this.archive.resolve("b.md"), 2);
		Path outside = Files.createTempFile("newsprobe-outside", ".md");
		Archives.writeArticle(outside, 99);

		Map<String, IngestItem> items = readAll(paths -> swap(this.archive.resolve("a.md"), file -> {
			try {
				Files.createSymbolicLink(file, outside);
			}
			catch (IOException ex) {
				throw new java.io.UncheckedIOException(ex);
			}
		}));

		assertThat(items.get("a.md")).isInstanceOfSatisfying(IngestItem.Rejected.class, rejected -> {
			assertThat(rejected.rejection().finding().code()).isEqualTo(FindingCode.UNREADABLE);
			assertThat(rejected.rejection().finding().message()).startsWith("the path is now a symbolic link");
			assertThat(rejected.rejection().contentHash()).as("nothing was read").isNull();
		});
		assertThat(items.get("b.md")).isInstanceOf(IngestItem.Parsed.class);
		Files.delete(outside);
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void aFileSwappedForAFifoAfterTheWalkIsRefusedAndTheStepDoesNotHang() throws Exception {
		Archives.writeArticle(this.archive.resolve("a.md"), 1);
		Archives.writeArticle(this.archive.resolve("b.md"), 2);

		Map<String, IngestItem> items = readAll(paths -> swap(this.archive.resolve("a.md"), ArticleFileReaderTests::mkfifo));

		assertThat(items.get("a.md")).isInstanceOfSatisfying(IngestItem.Rejected.class, rejected -> {
			assertThat(rejected.rejection().finding().code()).isEqualTo(FindingCode.UNREADABLE);
			assertThat(rejected.rejection().finding().message()).startsWith("the path is now a named pipe (FIFO)");
		});
		assertThat(items.get("b.md")).isInstanceOf(IngestItem.Parsed.class);
	}

	@Test
	@Timeout(value = 30, unit = TimeUnit.SECONDS)
	void aFifoNamedLikeAnArticleIsReportedAndNeverOpened() throws Exception {
		Archives.writeArticle(this.archive.resolve("a.md"), 1);
		mkfifo(this.archive.resolve("pipe.md"));

		Map<String, IngestItem> items = readAll(paths -> {
		});

		assertThat(items.get("pipe.md")).isInstanceOfSatisfying(IngestItem.Rejected.class, rejected -> assertThat(
				rejected.rejection().finding().message()).isEqualTo("it is a named pipe (FIFO), not a regular file; only regular"
						+ " files are read as articles (it was not opened)"));
		assertThat(items.get("a.md")).isInstanceOf(IngestItem.Parsed.class);
	}

	@Test
	void aFileWhoseStatIsUnchangedSinceItsLastSettledReadIsNotRead() throws Exception {
		// given two files read earlier, their stats taken well after they were written
		Path settled = this.archive.resolve("settled.md");
		Path racy = this.archive.resolve("racy.md");
		Archives.writeArticle(settled, 1);
		Archives.writeArticle(racy, 2);
		String settledHash = ArticleParser.sha256(Files.readAllBytes(settled));
		String racyHash = ArticleParser.sha256(Files.readAllBytes(racy));
		FileStat settledStat = statAt(settled, Duration.ofSeconds(10));
		// and one stated within the racy margin of its write: a write in the same tick could hide behind it
		FileStat racyStat = statAt(racy, Duration.ofMillis(100));
		Map<String, KnownArticle> known = Map.of(settled.toString(), new KnownArticle(1L, settledHash, false, null, settledStat, settledHash),
				racy.toString(), new KnownArticle(2L, racyHash, false, null, racyStat, racyHash));
		AtomicInteger reads = new AtomicInteger();
		List<String> read = new ArrayList<>();

		// when
		ArticleFileReader reader = new ArticleFileReader(List.of(this.archive), paths -> known, candidate -> {
			reads.incrementAndGet();
			read.add(candidate.file().getFileName().toString());
			return this.processor.ingest(candidate);
		}, 10);
		List<IngestItem> outcomes = drain(reader);

		// then: both unchanged, only the racy one read (and its stat recorded again, now settled)
		assertThat(outcomes).containsOnlyNulls().hasSize(2);
		assertThat(read).containsExactly("racy.md");
		assertThat(this.processor.takeStatRefreshes()).containsOnlyKeys(racy.toString());
	}

	@Test
	void aFileTouchedWithoutChangeIsReadOnceAndFoundUnchanged() throws Exception {
		Path file = this.archive.resolve("touched.md");
		Archives.writeArticle(file, 1);
		String hash = ArticleParser.sha256(Files.readAllBytes(file));
		FileStat before = statAt(file, Duration.ofSeconds(10));
		Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
		Map<String, KnownArticle> known = Map.of(file.toString(), new KnownArticle(1L, hash, false, null, before, hash));

		ArticleFileReader reader = new ArticleFileReader(List.of(this.archive), paths -> known, this.processor::ingest, 10);
		List<IngestItem> outcomes = drain(reader);

		assertThat(outcomes).containsOnlyNulls().hasSize(1);
		assertThat(this.processor.takeStatRefreshes().get(file.toString()).stat().modifiedNanos())
			.isEqualTo(Instant.parse("2020-01-01T00:00:00Z").getEpochSecond() * 1_000_000_000L);
	}

	/** The file's stat as if taken some time after its last change. */
	private static FileStat statAt(Path file, Duration after) throws IOException {
		FileStat stat = new FileStats().lstat(file);
		long latest = Math.max(stat.modifiedNanos(), stat.changedNanos());
		return new FileStat(FileKind.REGULAR, stat.size(), stat.modifiedNanos(), stat.changedNanos(), stat.device(), stat.inode(),
				stat.links(), stat.owner(), stat.group(), Instant.ofEpochSecond(0, latest).plus(after));
	}

	private Map<String, IngestItem> readAll(Consumer<List<String>> duringLookup) throws Exception {
		ArticleFileReader reader = new ArticleFileReader(List.of(this.archive), paths -> {
			duringLookup.accept(paths);
			return Map.of();
		}, this.processor::ingest, 10);
		Map<String, IngestItem> items = new HashMap<>();
		for (IngestItem item : drain(reader)) {
			items.put(item.candidate().file().getFileName().toString(), item);
		}
		return items;
	}

	private List<IngestItem> drain(ArticleFileReader reader) throws Exception {
		reader.open(new ExecutionContext());
		List<IngestItem> items = new ArrayList<>();
		try {
			for (PreparedArticle prepared = reader.read(); prepared != null; prepared = reader.read()) {
				items.add(this.processor.process(prepared));
			}
		}
		finally {
			reader.close();
		}
		return items;
	}

	private static void swap(Path file, Consumer<Path> replacement) {
		try {
			Files.delete(file);
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		replacement.accept(file);
	}

	private static void mkfifo(Path path) {
		try {
			Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
			assertThat(process.waitFor()).isZero();
		}
		catch (IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
