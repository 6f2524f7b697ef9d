package dev.newsprobe.jobs.definition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe step of {@code articleAuditJob} against local fixture servers and a real PostgreSQL:
 * each distinct URL probed once per run, its verdict and evidence written once, changes audited,
 * and a failed run restarted without any URL's result written twice.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32", "newsprobe.probe.chunk-size=10",
				"newsprobe.probe.total-timeout=5s", "newsprobe.probe.response-timeout=2s",
				"newsprobe.probe.retry-backoff=50ms" })
class ProbeStepFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	FixtureWeb web;

	long runId;

	@BeforeEach
	void start() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result CASCADE");
		this.web = FixtureWeb.start();
	}

	@AfterEach
	void stop() {
		this.web.close();
		this.jdbc.execute("DROP TRIGGER IF EXISTS refuse_probe_results ON newsprobe.probe_result");
	}

	@Test
	void everyDistinctUrlIsProbedOnceHoweverManyArticlesCiteIt() throws Exception {
		this.web.route("/shared", Response.html("<title>Shared story</title>"))
			.route("/shared.png", Response.image(Fixtures.png(40, 30), "image/png"));
		for (int i = 0; i < 25; i++) {
			article("a" + i, this.web.url("/own/" + i), this.web.url("/shared.png"), 40, 30,
					"[see also](" + this.web.url("/shared") + ")");
			this.web.route("/own/" + i, Response.html("<title>Story " + i + "</title>"));
		}

		JobExecution execution = run();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.hits("/shared")).isEqualTo(1);
		assertThat(this.web.hits("/shared.png")).isEqualTo(1);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = " + execution.getId()))
			.isEqualTo(27);
		assertThat(count("SELECT count(DISTINCT url) FROM newsprobe.probe_result")).isEqualTo(27);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT verdict FROM newsprobe.url_state", String.class))
			.containsExactly("OK");
	}

	@Test
	void verdictsAndTheirEvidenceLandInTheStateAndTheHistory() throws Exception {
		this.web.route("/gone", Response.status(404))
			.route("/old", Response.redirect(301, "/new"))
			.route("/new", Response.html("<title>New home</title>"))
			.route("/wrong-size.jpg", Response.image(Fixtures.jpeg(640, 480), "image/jpeg"));
		article("gone", this.web.url("/gone"), null, null, null, "");
		article("moved", this.web.url("/old"), this.web.url("/wrong-size.jpg"), 700, 415, "");

		run();

		assertThat(this.jdbc.queryForMap("SELECT verdict, status_code, final_url FROM newsprobe.url_state WHERE url = ?",
				this.web.url("/old")))
			.containsEntry("verdict", "MOVED")
			.containsEntry("status_code", 200)
			.containsEntry("final_url", this.web.url("/new"));
		assertThat(this.jdbc.queryForObject("SELECT jsonb_array_length(hops) FROM newsprobe.probe_result WHERE url = ?",
				Integer.class, this.web.url("/old"))).isEqualTo(2);
		assertThat(this.jdbc.queryForMap("SELECT verdict, status_code FROM newsprobe.url_state WHERE url = ?",
				this.web.url("/gone")))
			.containsEntry("verdict", "BROKEN")
			.containsEntry("status_code", 404);
		assertThat(this.jdbc.queryForMap(
				"SELECT verdict, image_width, image_height, verdict_reason FROM newsprobe.url_state WHERE url = ?",
				this.web.url("/wrong-size.jpg")))
			.containsEntry("verdict", "SIZE_MISMATCH")
			.containsEntry("image_width", 640)
			.containsEntry("image_height", 480)
			.hasEntrySatisfying("verdict_reason", reason -> assertThat((String) reason).contains("700x415", "640x480"));
	}

	@Test
	void aUrlThatIsNotDueIsNotProbedAgainAndAChangedVerdictIsAudited() throws Exception {
		this.web.route("/story", Response.html("<title>Story</title>"));
		article("story", this.web.url("/story"), null, null, null, "");
		run();

		JobExecution second = run();

		assertThat(this.web.hits("/story")).as("fresh, so not due").isEqualTo(1);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = " + second.getId())).isZero();

		this.web.route("/story", Response.status(410));
		this.jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() - interval '1 minute'");
		JobExecution third = run();

		assertThat(this.web.hits("/story")).isEqualTo(2);
		assertThat(this.jdbc.queryForMap(
				"SELECT old_value, new_value, step_name FROM newsprobe.audit_event WHERE entity = 'url' AND field = 'verdict'"
						+ " AND job_execution_id = ?", third.getId()))
			.containsEntry("old_value", "OK")
			.containsEntry("new_value", "BROKEN")
			.containsEntry("step_name", ProbeStepConfiguration.PROBE_STEP);
	}

	@Test
	void aFailedProbeStepRestartsAfterItsLastCommitAndEveryUrlHasExactlyOneResult() throws Exception {
		for (int i = 0; i < 45; i++) {
			this.web.route("/p/" + i, Response.html("<title>Page " + i + "</title>"));
			article(String.format("f%02d", i), this.web.url("/p/" + i), null, null, null, "");
		}
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.refuse_probe_results() RETURNS trigger AS $$
				BEGIN
				    IF (SELECT count(*) FROM newsprobe.probe_result) >= 20 THEN
				        RAISE EXCEPTION 'database refuses writes (simulated by the test)';
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql
				""");
		this.jdbc.execute("CREATE TRIGGER refuse_probe_results BEFORE INSERT ON newsprobe.probe_result "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.refuse_probe_results()");
		JobParameters parameters = RunParameters.forNight(List.of(this.archive), java.time.LocalDate.of(2026, 11, 25));

		JobExecution failed = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result")).isEqualTo(20);

		this.jdbc.execute("DROP TRIGGER refuse_probe_results ON newsprobe.probe_result");
		JobExecution restarted = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result")).isEqualTo(45);
		assertThat(count("SELECT count(DISTINCT url) FROM newsprobe.probe_result")).isEqualTo(45);
		assertThat(count("SELECT count(*) FROM newsprobe.url_state WHERE verdict = 'OK'")).isEqualTo(45);
		List<String> committedFirst = this.jdbc.queryForList(
				"SELECT url FROM newsprobe.probe_result WHERE job_execution_id = ?", String.class, failed.getId());
		assertThat(committedFirst).hasSize(20);
		for (String url : committedFirst) {
			assertThat(this.web.hits(url.substring(url.indexOf("/p/")))).as("committed before the failure: " + url)
				.isEqualTo(1);
		}
		int reprobed = 0;
		for (int i = 0; i < 45; i++) {
			reprobed += this.web.hits("/p/" + i) - 1;
		}
		assertThat(reprobed).as("only the failed chunk and the probes running ahead of it are made again")
			.isBetween(1, 2 * 10);
	}

	private JobExecution run() throws Exception {
		return this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(this.archive), ++this.runId));
	}

	private void article(String name, String webUrl, String imageUrl, Integer width, Integer height, String body)
			throws Exception {
		StringBuilder text = new StringBuilder("---\ntitle: \"" + name + "\"\nwebUrl: \"" + webUrl + "\"\n");
		if (imageUrl != null) {
			text.append("images:\n  - url: \"").append(imageUrl).append("\"\n");
			if (width != null) {
				text.append("    width: ").append(width).append("\n    height: ").append(height).append('\n');
			}
		}
		text.append("---\n").append(body).append('\n');
		Files.writeString(this.archive.resolve(name + ".md"), text);
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

}
