package dev.newsprobe.jobs.definition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.ingest.IngestSummaries;
import dev.newsprobe.jobs.ingest.IngestSummary;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code articleAuditJob}'s ingest on the sample archive, against a real PostgreSQL: what lands,
 * what is rejected and why, what a second run skips, and how changes and deletions are audited.
 */
@JobFunctionalTest
class ArticleAuditJobFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	IngestSummaries summaries;

	@TempDir
	Path tmp;

	long runId;

	@BeforeEach
	void emptyTables() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file CASCADE");
	}

	@Test
	void theSampleArchiveLandsWithOneErrorPerBrokenFileAndEveryGoodFileIngested() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);
		Map<String, String> expected = Archives.expectedOutcomes();

		JobExecution execution = run(archive);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, String> ingested = expected.entrySet().stream()
			.filter(e -> e.getValue().startsWith("ingested"))
			.collect(Collectors.toMap(e -> archive.resolve(e.getKey()).toString(), Map.Entry::getValue));
		assertThat(this.jdbc.queryForList("SELECT path FROM newsprobe.article", String.class))
			.containsExactlyInAnyOrderElementsOf(ingested.keySet());
		Map<String, String> rejectedCodes = this.jdbc.query(
				"SELECT path, code FROM newsprobe.ingest_error WHERE rejected AND job_execution_id = ?",
				(rs, n) -> Map.entry(rs.getString(1), rs.getString(2)), execution.getId())
			.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		Map<String, String> expectedRejections = expected.entrySet().stream()
			.filter(e -> e.getValue().startsWith("rejected "))
			.collect(Collectors.toMap(e -> archive.resolve(e.getKey()).toString(), e -> e.getValue().substring(9)));
		assertThat(rejectedCodes).isEqualTo(expectedRejections);
		for (Map.Entry<String, String> file : ingested.entrySet()) {
			List<String> warnings = this.jdbc.queryForList(
					"SELECT DISTINCT code FROM newsprobe.ingest_error WHERE path = ? AND NOT rejected", String.class, file.getKey());
			String outcome = file.getValue();
			assertThat(warnings).as(file.getKey())
				.isEqualTo(outcome.startsWith("ingested with warning ") ? List.of(outcome.substring(22)) : List.of());
		}
		IngestSummary summary = this.summaries.of(execution);
		assertThat(summary.filesSeen()).isEqualTo(expected.size());
		assertThat(summary.parsed()).isEqualTo(ingested.size());
		assertThat(summary.rejected()).isEqualTo(expectedRejections.size());
		assertThat(summary.newUrls()).isEqualTo(summary.totalUrls()).isPositive();
	}

	@Test
	void rejectionReasonsNameTheLineAndWhatIsWrong() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);

		run(archive);

		assertThat(reason(archive, "broken/broken-unquoted-colon.md")).startsWith("line 3, column 16: ").contains("unquoted ':'");
		assertThat(reason(archive, "broken/broken-duplicate-key.md")).contains("'title' appears twice (lines 3 and 11)");
		assertThat(reason(archive, "broken/broken-latin1.md")).contains("byte 0xE9").contains("not valid UTF-8");
		assertThat(reason(archive, "broken/broken-unclosed-front-matter.md")).contains("never closed");
		assertThat(reason(archive, "broken/broken-alias-bomb.md")).contains("aliases");
	}

	@Test
	void everyDistinctUrlGetsOneStateRowAndInvalidOnesAreDecidedOffline() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);

		run(archive);

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM newsprobe.url_state", Long.class))
			.isEqualTo(this.jdbc.queryForObject("SELECT count(DISTINCT url) FROM newsprobe.article_link", Long.class));
		assertThat(this.jdbc.queryForList("SELECT url FROM newsprobe.url_state WHERE verdict = 'INVALID_URL' ORDER BY url",
				String.class))
			.containsExactly("ftp://files.harbourdaily.example/x.jpg", "https://bad host.example/x", "javascript:alert(1)");
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM newsprobe.url_state WHERE verdict = 'INVALID_URL' AND next_check_at IS NULL", Long.class))
			.isEqualTo(3);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM newsprobe.probe_result WHERE verdict = 'INVALID_URL'",
				Long.class)).as("invalid URLs are never probed").isZero();
	}

	@Test
	void theSecondRunFindsEveryFileUnchangedAndWritesNothing() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);
		run(archive);
		long events = count("SELECT count(*) FROM newsprobe.audit_event");

		JobExecution second = run(archive);

		IngestSummary summary = this.summaries.of(second);
		assertThat(summary.filesSeen()).isEqualTo(Archives.expectedOutcomes().size());
		assertThat(summary.unchanged()).isEqualTo(summary.filesSeen());
		assertThat(summary.parsed()).isZero();
		assertThat(summary.rejected()).isZero();
		assertThat(summary.stillRejected()).isEqualTo(10);
		assertThat(count("SELECT count(*) FROM newsprobe.ingest_error WHERE job_execution_id = " + second.getId())).isZero();
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event")).isEqualTo(events);
	}

	@Test
	void aChangedFileIsParsedAgainAndItsNewHashAudited() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);
		run(archive);
		Path file = archive.resolve("2024/06/rail-strike-talks-resume.md");
		String oldHash = this.jdbc.queryForObject("SELECT content_hash FROM newsprobe.article WHERE path = ?", String.class,
				file.toString());
		Files.writeString(file, Files.readString(file).replaceFirst("(?m)^title: ", "title: \"Updated\"\noldTitle: "));

		JobExecution second = run(archive);

		assertThat(this.summaries.of(second).parsed()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT title FROM newsprobe.article WHERE path = ?", String.class, file.toString()))
			.isEqualTo("Updated");
		assertThat(this.jdbc.queryForMap(
				"SELECT old_value, new_value, step_name FROM newsprobe.audit_event WHERE entity_key = ? AND field = 'content_hash' AND job_execution_id = ?",
				file.toString(), second.getId()))
			.containsEntry("old_value", oldHash)
			.containsEntry("step_name", IngestStepConfiguration.INGEST_STEP);
	}

	@Test
	void aDeletedFileIsMarkedGoneAndComesBackWhenRestored() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);
		run(archive);
		Path file = archive.resolve("world/alpine-glacier-survey.md");
		byte[] content = Files.readAllBytes(file);
		Files.delete(file);

		JobExecution second = run(archive);

		assertThat(this.summaries.of(second).gone()).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT gone_at IS NOT NULL FROM newsprobe.article WHERE path = ?", Boolean.class,
				file.toString())).isTrue();
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE field = 'gone' AND new_value = 'true'")).isEqualTo(1);

		Files.write(file, content);
		run(archive);

		assertThat(this.jdbc.queryForObject("SELECT gone_at IS NULL FROM newsprobe.article WHERE path = ?", Boolean.class,
				file.toString())).isTrue();
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE field = 'gone' AND new_value = 'false'")).isEqualTo(1);
	}

	@Test
	void aFileThatBecomesReadableIsIngestedAndNoLongerCountedAsRejected() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);
		run(archive);
		Path file = archive.resolve("broken/broken-unquoted-colon.md");
		Files.writeString(file, Files.readString(file).replace("title: Breaking: markets fall", "title: \"Breaking: markets fall\""));

		JobExecution second = run(archive);

		IngestSummary summary = this.summaries.of(second);
		assertThat(summary.parsed()).isEqualTo(1);
		assertThat(summary.stillRejected()).isEqualTo(9);
		assertThat(this.jdbc.queryForObject("SELECT title FROM newsprobe.article WHERE path = ?", String.class, file.toString()))
			.isEqualTo("Breaking: markets fall");
	}

	@Test
	void filesOutsideTheRootsOfARunAreLeftAlone() throws Exception {
		Path archive = Archives.copyOfSamples(this.tmp);
		run(archive);
		long live = count("SELECT count(*) FROM newsprobe.article WHERE gone_at IS NULL");

		JobExecution second = run(archive.resolve("world"));

		assertThat(this.summaries.of(second).gone()).isZero();
		assertThat(count("SELECT count(*) FROM newsprobe.article WHERE gone_at IS NULL")).isEqualTo(live);
	}

	@Test
	void hostileFilesCostOnlyThemselvesAndTheGoodFilesBesideThemLand() throws Exception {
		Path archive = this.tmp.resolve("hostile");
		Archives.writeArticle(archive.resolve("a-good.md"), 1);
		try (java.io.RandomAccessFile huge = new java.io.RandomAccessFile(archive.resolve("b-huge.md").toFile(), "rw")) {
			huge.setLength(50L * 1024 * 1024);
		}
		Files.writeString(archive.resolve("c-nul-in-body.md"),
				"---\ntitle: \"NUL\"\nwebUrl: \"https://nul.example/\"\n---\n[x](https://nul.example/a\u0000b)\n");
		Files.writeString(archive.resolve("d-long-url.md"),
				"---\ntitle: \"Long\"\nwebUrl: \"https://long.example/" + "a".repeat(10_000) + "\"\n---\n");
		Files.writeString(archive.resolve("e-nul-in-yaml.md"), "---\ntitle: \"bad \u0000 title\"\n---\n");
		Archives.writeArticle(archive.resolve("f-good.md"), 2);

		JobExecution execution = run(archive);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForList("SELECT path FROM newsprobe.article ORDER BY path", String.class)).containsExactly(
				archive.resolve("a-good.md").toString(), archive.resolve("c-nul-in-body.md").toString(),
				archive.resolve("d-long-url.md").toString(), archive.resolve("f-good.md").toString());
		assertThat(this.jdbc.queryForMap("SELECT code, reason FROM newsprobe.ingest_error WHERE path = ?",
				archive.resolve("b-huge.md").toString()))
			.containsEntry("code", "TOO_LARGE")
			.hasEntrySatisfying("reason", reason -> assertThat((String) reason).contains("50.0 MiB", "not read"));
		assertThat(this.jdbc.queryForObject("SELECT code FROM newsprobe.ingest_error WHERE path = ? AND rejected",
				String.class, archive.resolve("e-nul-in-yaml.md").toString())).isEqualTo("YAML_SYNTAX");
		assertThat(this.jdbc.queryForList("SELECT code FROM newsprobe.ingest_error WHERE path = ?", String.class,
				archive.resolve("d-long-url.md").toString())).containsExactly("INVALID_URL");
		assertThat(this.jdbc.queryForObject("SELECT max(length(url)) FROM newsprobe.url_state", Integer.class))
			.isLessThanOrEqualTo(dev.newsprobe.core.url.WebUrls.MAX_LENGTH);
	}

	private JobExecution run(Path root) throws Exception {
		return this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(root), ++this.runId));
	}

	private String reason(Path archive, String file) {
		return this.jdbc.queryForObject("SELECT reason FROM newsprobe.ingest_error WHERE path = ?", String.class,
				archive.resolve(file).toString());
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

	static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
	}

}
