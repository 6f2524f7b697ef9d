package dev.newsprobe.jobs.ingest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The ingest partitioner and the reader's ranges: together the partitions read every file once,
 * in the single step's order, with about the same bytes each, and a partition restarted after a
 * commit goes on after its last file, never past its range.
 */
class ArticleFilePartitionerTests {

	@TempDir
	Path archive;

	@Test
	void thePartitionsReadEveryFileOnceInWalkOrderWithSimilarBytes() throws IOException {
		List<Path> files = writeFiles();
		long total = 0;
		long largest = 0;
		for (Path file : files) {
			total += Files.size(file);
			largest = Math.max(largest, Files.size(file));
		}

		Map<String, ExecutionContext> partitions = new ArticleFilePartitioner(List.of(this.archive)).partition(3);

		assertThat(partitions).containsOnlyKeys("partition0", "partition1", "partition2");
		List<Path> read = new ArrayList<>();
		for (ExecutionContext context : partitions.values()) {
			List<Path> part = readAll(context);
			long bytes = 0;
			for (Path file : part) {
				bytes += Files.size(file);
			}
			assertThat(bytes).as("bytes of a partition").isLessThanOrEqualTo(total / 3 + largest + 3 * 512);
			read.addAll(part);
		}
		assertThat(read).as("every file once, in the single step's order").isEqualTo(readAll(new ExecutionContext()));
		assertThat(read).hasSameSizeAs(files);
	}

	@Test
	void aRestartedPartitionGoesOnAfterItsLastCommittedFileAndStopsAtItsEnd() throws IOException {
		writeFiles();
		ExecutionContext second = new ArticleFilePartitioner(List.of(this.archive)).partition(3).get("partition1");
		List<Path> whole = readAll(second);
		ArticleFileReader reader = reader();
		reader.open(second);
		reader.read();
		reader.read();
		reader.update(second);
		reader.close();

		List<Path> rest = readAll(second);

		assertThat(rest).isEqualTo(whole.subList(2, whole.size()));
	}

	@Test
	void moreOrFewerPartitionsThanFilesStillCoverEverythingOnce() throws IOException {
		writeFiles();
		List<Path> all = readAll(new ExecutionContext());
		for (int n : new int[] { 1, 2, 7, 200 }) {
			List<Path> read = new ArrayList<>();
			Map<String, ExecutionContext> partitions = new ArticleFilePartitioner(List.of(this.archive)).partition(n);
			assertThat(partitions).hasSize(n);
			partitions.values().forEach(context -> read.addAll(readAll(context)));
			assertThat(read).as("%d partitions", n).isEqualTo(all);
		}
		Path empty = Files.createDirectories(this.archive.resolve("empty-root"));
		new ArticleFilePartitioner(List.of(empty)).partition(3)
			.values()
			.forEach(context -> assertThat(readAll(empty, context)).isEmpty());
	}

	private List<Path> writeFiles() throws IOException {
		List<Path> files = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			Path file = this.archive.resolve("d" + (i % 4)).resolve(String.format("a%02d.md", i));
			Files.createDirectories(file.getParent());
			// one large file and a spread of small ones
			Files.writeString(file, "---\ntitle: x\n---\n" + "word ".repeat((i == 17) ? 20_000 : 50 + i * 40));
			files.add(file);
		}
		return files;
	}

	private List<Path> readAll(ExecutionContext context) {
		return readAll(this.archive, context);
	}

	private List<Path> readAll(Path root, ExecutionContext context) {
		ArticleFileReader reader = new ArticleFileReader(List.of(root), paths -> Map.of(), candidate -> null, 7);
		reader.open(context);
		List<Path> read = new ArrayList<>();
		for (PreparedArticle item = reader.read(); item != null; item = reader.read()) {
			read.add(item.candidate().file());
		}
		reader.close();
		return read;
	}

	private ArticleFileReader reader() {
		return new ArticleFileReader(List.of(this.archive), paths -> Map.of(), candidate -> null, 7);
	}

}
