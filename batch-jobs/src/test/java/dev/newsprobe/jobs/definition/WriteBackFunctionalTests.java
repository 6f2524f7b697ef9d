package dev.newsprobe.jobs.definition;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import dev.newsprobe.jobs.writeback.WriteBackStepConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code audit --write-back} end to end: an archive of messy files against local fixture servers,
 * probed, then the disagreeing {@code isCached} flags (and, if asked, moved URLs) written back into
 * the files with every other byte kept, each change audited, each file left alone recorded.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32", "newsprobe.probe.total-timeout=5s",
		"newsprobe.probe.response-timeout=4s", "newsprobe.probe.retry-backoff=50ms", "newsprobe.probe.max-attempts=1",
		"newsprobe.write-back.chunk-size=2" })
class WriteBackFunctionalTests {

	private static final String MESSY = String.join("\r\n",
			"---",
			"# archive note: images checked by hand in 2023",
			"title: 'It''s a \"messy\" file'",
			"webUrl: {W}/story   # canonical",
			"images:",
			"  - url: \"{W}/ok.png\"",
			"    width: 40",
			"    height: 30",
			"    isCached: false   # stale",
			"  - url: '{W}/gone.png'",
			"    width: 40",
			"    height: 30",
			"    isCached: 'true'",
			"  - {url: '{W}/page.png', width: 40, height: 30, isCached: True}",
			"  - url: {W}/wall.png",
			"    width: 40",
			"    height: 30",
			"    isCached: false",
			"  - url: {W}/ok2.png",
			"    width: 40",
			"    height: 30",
			"    isCached: true",
			"  - url: {W}/old.png",
			"    width: 40",
			"    height: 30",
			"    isCached: false",
			"  - url: {W}/ok3.png",
			"    width: 40",
			"    height: 30",
			"related:",
			"  - title: \"Related \\\"one\\\"\"",
			"    webUrl: \"{W}/old-story\"",
			"    images: [{url: \"{W}/ok.png\", width: 40, height: 30, isCached: no}]",
			"---",
			"Body keeps [a link]({W}/old-story) and `isCached: false` text.   ",
			"");

	private static final String CLEAN = String.join("\n",
			"---",
			"title: Clean",
			"webUrl: {W}/story",
			"images:",
			"  - url: {W}/ok.png",
			"    width: 40",
			"    height: 30",
			"    isCached: true",
			"  - url: {W}/gone.png",
			"    width: 40",
			"    height: 30",
			"    isCached: false",
			"---",
			"Nothing to change here.",
			"");

	private static final String STALE = String.join("\n",
			"---",
			"title: Stale",
			"webUrl: {W}/story?{N}",
			"images:",
			"  - url: {W}/ok.png",
			"    width: 40",
			"    height: 30",
			"    isCached: false",
			"  - url: {W}/trigger.png",
			"    width: 40",
			"    height: 30",
			"---",
			"");

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path dir;

	Path archive;

	FixtureWeb web;

	long runId;

	@BeforeEach
	void start() throws IOException {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result, newsprobe.write_back_refusal CASCADE");
		this.archive = Files.createDirectories(this.dir.resolve("archive"));
		this.web = FixtureWeb.start();
		byte[] png = Fixtures.png(40, 30);
		this.web.route("/story", Response.html("<title>Story</title>"))
			.route("/old-story", Response.redirect(301, "/story-new"))
			.route("/story-new", Response.html("<title>Story, new home</title>"))
			.route("/ok.png", Response.image(png, "image/png"))
			.route("/ok2.png", Response.image(png, "image/png"))
			.route("/ok3.png", Response.image(png, "image/png"))
			.route("/new.png", Response.image(png, "image/png"))
			.route("/old.png", Response.redirect(301, "/new.png"))
			.route("/gone.png", Response.status(404))
			.route("/page.png", Response.html("<title>Not a picture</title>"))
			.route("/wall.png", Response.status(403))
			.route("/trigger.png", Response.image(png, "image/png").latency(Duration.ofMillis(1500)));
	}

	@AfterEach
	void stop() {
		this.web.close();
		this.jdbc.execute("DROP TRIGGER IF EXISTS refuse_write_back_events ON newsprobe.audit_event");
	}

	@Test
	void writeBackFlipsTheDisagreeingFlagsAndNothingElseAndAuditsEachChange() throws Exception {
		Path messy = write("2024/messy.md", MESSY);
		Path clean = write("2024/clean.md", CLEAN);
		byte[] messyBefore = Files.readAllBytes(messy);
		byte[] cleanBefore = Files.readAllBytes(clean);

		JobExecution execution = run("cached");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readAllBytes(messy)).isEqualTo(replaceEach(messyBefore,
				"isCached: false   # stale", "isCached: true   # stale",
				"isCached: 'true'", "isCached: 'false'",
				"isCached: True}", "isCached: False}",
				// moved permanently, the image is still served: verified cached
				"old.png\r\n    width: 40\r\n    height: 30\r\n    isCached: false", "old.png\r\n    width: 40\r\n    height: 30\r\n    isCached: true",
				"ok3.png\r\n    width: 40\r\n    height: 30\r\n", "ok3.png\r\n    width: 40\r\n    height: 30\r\n    isCached: true\r\n",
				"isCached: no}", "isCached: yes}"));
		assertThat(Files.readAllBytes(clean)).isEqualTo(cleanBefore);
		String path = messy.toString();
		assertThat(this.jdbc.queryForList("""
				SELECT entity, entity_key, field, old_value, new_value FROM newsprobe.audit_event
				WHERE job_execution_id = ? AND step_name = ? ORDER BY id""", execution.getId(),
				WriteBackStepConfiguration.WRITE_BACK_STEP)).containsExactly(
					event("article_image", path + "#images[0]", "isCached", "false", "true"),
					event("article_image", path + "#images[1]", "isCached", "true", "false"),
					event("article_image", path + "#images[2]", "isCached", "True", "false"),
					event("article_image", path + "#images[5]", "isCached", "false", "true"),
					event("article_image", path + "#images[6]", "isCached", null, "true"),
					event("article_image", path + "#related[0].images[0]", "isCached", "no", "true"),
					event("article", path, "content_hash", ArticleParser.sha256(messyBefore),
							ArticleParser.sha256(Files.readAllBytes(messy))));
		assertThat(count("SELECT count(*) FROM newsprobe.write_back_refusal")).isZero();
	}

	@Test
	void theNextAuditReadsTheRewrittenFileAsAChangeAndFindsNothingMoreToWriteBack() throws Exception {
		Path messy = write("messy.md", MESSY);
		run("cached");
		byte[] afterFirst = Files.readAllBytes(messy);

		JobExecution second = run("cached");

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readAllBytes(messy)).isEqualTo(afterFirst);
		assertThat(this.jdbc.queryForObject("SELECT content_hash FROM newsprobe.article WHERE path = ?", String.class,
				messy.toString())).isEqualTo(ArticleParser.sha256(afterFirst));
		assertThat(this.jdbc.queryForList("SELECT declared_is_cached FROM newsprobe.article_image i JOIN newsprobe.article a"
				+ " ON a.id = i.article_id ORDER BY position", Boolean.class))
			.containsExactly(true, false, false, false, true, true, true, true);
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE job_execution_id = " + second.getId()
				+ " AND step_name = '" + WriteBackStepConfiguration.WRITE_BACK_STEP + "'")).isZero();
	}

	@Test
	void withMovedAskedForMovedFrontMatterUrlsAreReplacedButTheBodyIsNot() throws Exception {
		Path messy = write("messy.md", MESSY);
		byte[] before = Files.readAllBytes(messy);

		run("cached,moved");

		String w = base();
		assertThat(Files.readAllBytes(messy)).isEqualTo(replaceEach(before,
				"isCached: false   # stale", "isCached: true   # stale",
				"isCached: 'true'", "isCached: 'false'",
				"isCached: True}", "isCached: False}",
				"  - url: " + w + "/old.png\r\n    width: 40\r\n    height: 30\r\n    isCached: false",
				"  - url: " + w + "/new.png\r\n    width: 40\r\n    height: 30\r\n    isCached: true",
				"ok3.png\r\n    width: 40\r\n    height: 30\r\n", "ok3.png\r\n    width: 40\r\n    height: 30\r\n    isCached: true\r\n",
				"webUrl: \"" + w + "/old-story\"", "webUrl: \"" + w + "/story-new\"",
				"isCached: no}", "isCached: yes}"));
		assertThat(this.jdbc.queryForList("SELECT entity, field, old_value, new_value FROM newsprobe.audit_event"
				+ " WHERE field IN ('url', 'related[0].webUrl') ORDER BY id"))
			.containsExactlyInAnyOrder(Map.of("entity", "article", "field", "related[0].webUrl", "old_value", w + "/old-story",
					"new_value", w + "/story-new"),
					Map.of("entity", "article_image", "field", "url", "old_value", w + "/old.png", "new_value", w + "/new.png"));
	}

	@Test
	void aChunkThatFailsLeavesItsFilesUntouchedAndTheRestartRewritesEachFileOnce() throws Exception {
		List<Path> files = new java.util.ArrayList<>();
		for (String name : List.of("a", "b", "c", "d", "e")) {
			files.add(write(name + ".md", STALE.replace("{N}", name).replace("trigger.png", "ok2.png")));
		}
		List<byte[]> before = new java.util.ArrayList<>();
		for (Path file : files) {
			before.add(Files.readAllBytes(file));
		}
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.refuse_write_back_events() RETURNS trigger AS $$
				BEGIN
				    IF NEW.step_name = 'articleAuditJob.writeBack' AND NEW.entity_key LIKE '%/c.md%' THEN
				        RAISE EXCEPTION 'database refuses the write-back of c.md (simulated by the test)';
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql""");
		this.jdbc.execute("CREATE TRIGGER refuse_write_back_events BEFORE INSERT ON newsprobe.audit_event "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.refuse_write_back_events()");
		var parameters = RunParameters.withWriteBack(RunParameters.forRun(List.of(this.archive), 1), "cached");

		JobExecution failed = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		// chunks of two files: a and b committed; c and d failed before either was replaced; e never read
		assertThat(Files.readString(files.get(0))).contains("isCached: true");
		assertThat(Files.readString(files.get(1))).contains("isCached: true");
		for (int i = 2; i < 5; i++) {
			assertThat(Files.readAllBytes(files.get(i))).as(files.get(i).toString()).isEqualTo(before.get(i));
		}

		this.jdbc.execute("DROP TRIGGER refuse_write_back_events ON newsprobe.audit_event");
		JobExecution restarted = this.jobOperator.restart(failed);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		for (int i = 0; i < 5; i++) {
			String text = new String(before.get(i), StandardCharsets.UTF_8);
			// the flag is absent in these files: each gets it added once, after the image's last field
			assertThat(Files.readString(files.get(i))).isEqualTo(
					text.replaceFirst("ok.png\n    width: 40\n    height: 30\n    isCached: false\n",
							"ok.png\n    width: 40\n    height: 30\n    isCached: true\n")
						.replaceFirst("ok2.png\n    width: 40\n    height: 30\n", "ok2.png\n    width: 40\n    height: 30\n    isCached: true\n"));
		}
		assertThat(this.jdbc.queryForList("SELECT entity_key FROM newsprobe.audit_event WHERE step_name = ? AND field = 'content_hash'"
				+ " ORDER BY entity_key", String.class, WriteBackStepConfiguration.WRITE_BACK_STEP))
			.containsExactlyElementsOf(files.stream().map(Path::toString).toList());
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE step_name = '"
				+ WriteBackStepConfiguration.WRITE_BACK_STEP + "' AND field = 'isCached'")).isEqualTo(10);
		assertThat(count("SELECT count(*) FROM newsprobe.write_back_refusal")).isZero();
	}

	@Test
	void aRunOnOneRootLeavesTheFilesOfOtherRootsAlone() throws Exception {
		Path mine = write("messy.md", MESSY);
		Path otherRoot = Files.createDirectories(this.dir.resolve("other-archive"));
		Path theirs = Files.write(otherRoot.resolve("messy.md"), Files.readAllBytes(mine));
		byte[] before = Files.readAllBytes(theirs);
		this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(otherRoot), 1000));

		JobExecution execution = run("cached");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readString(mine)).contains("isCached: true   # stale");
		assertThat(Files.readAllBytes(theirs)).isEqualTo(before);
		assertThat(count("SELECT count(*) FROM newsprobe.write_back_refusal")).isZero();
	}

	@Test
	void withoutWriteBackNoFileIsTouched() throws Exception {
		Path messy = write("messy.md", MESSY);
		byte[] before = Files.readAllBytes(messy);

		JobExecution execution = run(null);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readAllBytes(messy)).isEqualTo(before);
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE step_name = '"
				+ WriteBackStepConfiguration.WRITE_BACK_STEP + "'")).isZero();
	}

	@Test
	void filesChangedOnDiskOrMovedBehindASymlinkAreLeftAloneAndRecordedAndTheRunGoesOn() throws Exception {
		Path changed = write("changed.md", STALE.replace("{N}", "1"));
		Path linked = write("linked/stale.md", STALE.replace("{N}", "2"));
		Path messy = write("messy.md", MESSY);
		Path outside = Files.createDirectories(this.dir.resolve("outside"));
		byte[] edited = STALE.replace("{W}", base()).replace("{N}", "1").replace("title: Stale", "title: Edited by a person")
			.getBytes(StandardCharsets.UTF_8);
		// While the probe step waits for the slow image, a person saves one file and an operator
		// moves a directory out of the archive, leaving a symlink to it: both after ingest read them.
		CompletableFuture<Void> meddle = CompletableFuture.runAsync(() -> {
			try {
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
				while (this.web.hits("/trigger.png") == 0 && System.nanoTime() < deadline) {
					Thread.sleep(5);
				}
				Files.write(changed, edited);
				Files.move(linked.getParent(), outside.resolve("linked"));
				Files.createSymbolicLink(linked.getParent(), outside.resolve("linked"));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		byte[] outsideBefore = Files.readAllBytes(linked);

		JobExecution execution = run("cached");
		meddle.get(5, TimeUnit.SECONDS);

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Files.readAllBytes(changed)).isEqualTo(edited);
		assertThat(Files.readAllBytes(outside.resolve("linked/stale.md"))).isEqualTo(outsideBefore);
		assertThat(Files.readString(messy)).contains("isCached: true   # stale");
		assertThat(this.jdbc.queryForList("SELECT path, code, reason FROM newsprobe.write_back_refusal ORDER BY path"))
			.satisfiesExactly(row -> {
				assertThat(row).containsEntry("path", changed.toString()).containsEntry("code", "CHANGED_ON_DISK");
				assertThat((String) row.get("reason")).contains("changed on disk since it was ingested");
			}, row -> {
				assertThat(row).containsEntry("path", linked.toString()).containsEntry("code", "SYMLINK");
				assertThat((String) row.get("reason")).contains("outside the input roots");
			});
		try (var files = Files.list(this.archive)) {
			assertThat(files.map(file -> file.getFileName().toString()).sorted()).containsExactly("changed.md", "linked", "messy.md");
		}
	}

	private String base() {
		return this.web.url("/").replaceAll("/$", "");
	}

	private JobExecution run(String writeBack) throws Exception {
		return this.jobOperator.start(this.articleAuditJob,
				RunParameters.withWriteBack(RunParameters.forRun(List.of(this.archive), ++this.runId), writeBack));
	}

	private Path write(String name, String template) throws IOException {
		Path file = this.archive.resolve(name);
		Files.createDirectories(file.getParent());
		return Files.write(file, template.replace("{W}", base()).getBytes(StandardCharsets.UTF_8));
	}

	private static Map<String, Object> event(String entity, String key, String field, String oldValue, String newValue) {
		Map<String, Object> event = new java.util.LinkedHashMap<>();
		event.put("entity", entity);
		event.put("entity_key", key);
		event.put("field", field);
		event.put("old_value", oldValue);
		event.put("new_value", newValue);
		return event;
	}

	/** The bytes with each unique snippet replaced: what write-back must produce, and nothing else. */
	private static byte[] replaceEach(byte[] bytes, String... pairs) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		for (int i = 0; i < pairs.length; i += 2) {
			int at = text.indexOf(pairs[i]);
			assertThat(at).as("snippet %s", pairs[i]).isNotNegative();
			assertThat(text.indexOf(pairs[i], at + 1)).as("snippet %s is unique", pairs[i]).isNegative();
			text = text.substring(0, at) + pairs[i + 1] + text.substring(at + pairs[i].length());
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private long count(String sql) {
		Long count = this.jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

}
