package dev.newsprobe.jobs.report.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A report directory: which reports retention removes and which it leaves alone, and the index of
 * what is left, newest first, from the reports' JSON.
 */
class ReportDirectoryTests {

	@TempDir
	Path dir;

	@Test
	void retentionKeepsTheNewestReportsOfTheDatabaseAndLeavesOtherDatabasesAndOtherFilesAlone() throws Exception {
		for (long id = 1; id <= 5; id++) {
			report("aaaaaaaa", id);
		}
		report("bbbbbbbb", 1);
		Files.writeString(this.dir.resolve("report-2.md"), "a report named the old way");
		Files.writeString(this.dir.resolve("notes.txt"), "mine");
		Path abandoned = Files.writeString(this.dir.resolve(".report-aaaaaaaa-9.md.1234.tmp"), "half");
		Files.setLastModifiedTime(abandoned, FileTime.from(Instant.now().minusSeconds(7200)));
		Path writing = Files.writeString(this.dir.resolve(".report-aaaaaaaa-6.md.5678.tmp"), "being written");

		List<Path> removed = new ReportDirectory(this.dir).retain("aaaaaaaa", 2, 5);

		assertThat(names()).containsExactlyInAnyOrder("report-aaaaaaaa-5.html", "report-aaaaaaaa-5.md", "report-aaaaaaaa-5.json",
				"broken-links-aaaaaaaa-5.csv.gz", "report-aaaaaaaa-4.html", "report-aaaaaaaa-4.md", "report-aaaaaaaa-4.json",
				"broken-links-aaaaaaaa-4.csv.gz", "report-bbbbbbbb-1.html", "report-bbbbbbbb-1.md", "report-bbbbbbbb-1.json",
				"broken-links-bbbbbbbb-1.csv.gz", "report-2.md", "notes.txt", writing.getFileName().toString());
		assertThat(removed).hasSize(13);
	}

	@Test
	void keepZeroKeepsEveryReport() throws Exception {
		for (long id = 1; id <= 3; id++) {
			report("aaaaaaaa", id);
		}

		assertThat(new ReportDirectory(this.dir).retain("aaaaaaaa", 0, 3)).isEmpty();
		assertThat(names()).hasSize(12);
	}

	@Test
	void theIndexListsEveryReportNewestFirstWithItsStatusAndLinks() throws Exception {
		report("aaaaaaaa", 7, "2026-11-20T02:00:00.000Z", "COMPLETED");
		report("bbbbbbbb", 3, "2026-11-22T02:00:00.000Z", "COMPLETED");
		report("aaaaaaaa", 8, "2026-11-21T02:00:00.000+01:00", "FAILED");
		Files.writeString(this.dir.resolve("report-aaaaaaaa-9.json"), "{ not json");

		String index = Files.readString(new ReportDirectory(this.dir).writeIndex());

		assertThat(index).contains("<meta http-equiv=\"Content-Security-Policy\"").doesNotContain("<script");
		assertThat(index.indexOf(">execution 3<")).isLessThan(index.indexOf(">execution 8<"));
		assertThat(index.indexOf(">execution 8<")).isLessThan(index.indexOf(">execution 7<"));
		assertThat(index).contains("<a href=\"report-aaaaaaaa-8.html\">execution 8</a>", "<td>FAILED</td>",
				"<a href=\"broken-links-bbbbbbbb-3.csv.gz\">csv.gz</a>", "<code>/srv/archive</code>");
		assertThat(index).as("an unreadable JSON is listed by name").contains("execution 9");
	}

	private void report(String tag, long id) throws Exception {
		report(tag, id, "2026-11-2" + (id % 10) + "T02:00:00.000Z", "COMPLETED");
	}

	private void report(String tag, long id, String start, String status) throws Exception {
		Files.writeString(this.dir.resolve("report-" + tag + "-" + id + ".html"), "<html></html>");
		Files.writeString(this.dir.resolve("report-" + tag + "-" + id + ".md"), "# report");
		Files.writeString(this.dir.resolve("broken-links-" + tag + "-" + id + ".csv.gz"), "");
		Files.writeString(this.dir.resolve("report-" + tag + "-" + id + ".json"), """
				{"reportVersion": 2, "run": {"executionId": %d, "status": "%s", "startTime": "%s", "endTime": null,
				 "runDate": null, "database": {"name": "newsprobe", "tag": "%s"}, "roots": ["/srv/archive"]},
				 "urls": {"total": 10, "byClass": {"broken": 2}}, "headline": {"newlyBroken": 1, "fixed": 0},
				 "rejectedFiles": {"total": 0}}
				""".formatted(id, status, start, tag));
	}

	private List<String> names() throws Exception {
		try (Stream<Path> files = Files.list(this.dir)) {
			return files.map(file -> file.getFileName().toString()).toList();
		}
	}

}
