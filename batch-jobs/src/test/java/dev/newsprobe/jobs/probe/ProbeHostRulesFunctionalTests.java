package dev.newsprobe.jobs.probe;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
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
 * The probe step's rules per host, configured as the README documents them and seen by real servers: the
 * headers {@code newsprobe.probe.host-headers.HOST.NAME} configures reach that host and no other, and a
 * host that answers 429 is slowed down, which the run records in {@code probe_host_politeness}.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32,127.0.0.2/32",
		"newsprobe.probe.chunk-size=10", "newsprobe.probe.total-timeout=5s", "newsprobe.probe.response-timeout=2s",
		"newsprobe.probe.retry-backoff=50ms", "newsprobe.probe.per-host-concurrency=4",
		"newsprobe.probe.host-headers.127.0.0.1.X-Probe-Token=night-audit",
		"newsprobe.probe.host-headers.127.0.0.1.Cookie=consent=yes" })
class ProbeHostRulesFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	FixtureWeb web;

	FixtureWeb other;

	long runId;

	@BeforeEach
	void start() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result, newsprobe.probe_host_politeness CASCADE");
		this.web = FixtureWeb.start();
		this.other = FixtureWeb.start("127.0.0.2");
	}

	@AfterEach
	void stop() {
		this.web.close();
		this.other.close();
	}

	@Test
	void theConfiguredHeadersReachTheirHostAndNoOther() throws Exception {
		this.web.route("/story", Fixtures.page().title("Story").response());
		this.other.route("/story", Fixtures.page().title("Elsewhere").response());
		article("one", this.web.url("/story"));
		article("two", this.other.url("/story"));

		JobExecution execution = run();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.requestHeaders("/story")).containsEntry("X-Probe-Token", "night-audit")
			.containsEntry("Cookie", "consent=yes");
		assertThat(this.other.requestHeaders("/story")).doesNotContainKeys("X-Probe-Token", "Cookie");
	}

	@Test
	void aHostThatAnswers429IsSlowedDownAndTheRunSaysSo() throws Exception {
		this.other.route("/busy", () -> Response.status(429));
		for (int i = 0; i < 8; i++) {
			article("busy" + i, this.other.url("/busy?n=" + i));
		}
		article("calm", this.web.url("/calm"));
		this.web.route("/calm", Fixtures.page().title("Calm").response());

		JobExecution execution = run();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<Map<String, Object>> slowed = this.jdbc.queryForList("SELECT host, configured_limit, lowest_limit,"
				+ " slowdowns FROM newsprobe.probe_host_politeness WHERE job_execution_id = ?", execution.getId());
		assertThat(slowed).singleElement().satisfies(row -> {
			assertThat(row).containsEntry("host", this.other.authority()).containsEntry("configured_limit", 4)
				.containsEntry("lowest_limit", 1);
			assertThat((Integer) row.get("slowdowns")).isGreaterThanOrEqualTo(2);
		});
		assertThat(this.jdbc.queryForObject("SELECT verdict FROM newsprobe.url_state WHERE url = ?", String.class,
				this.other.url("/busy?n=0"))).isEqualTo("BLOCKED");
	}

	private JobExecution run() throws Exception {
		return this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(this.archive), ++this.runId));
	}

	private void article(String name, String webUrl) throws Exception {
		Files.writeString(this.archive.resolve(name + ".md"), "---\ntitle: \"" + name + "\"\nwebUrl: \"" + webUrl + "\"\n---\n");
	}

}
