package dev.newsprobe.jobs.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The analyst views on what a real scheduled {@code articleAuditJob} run writes (local fixture
 * servers, a real PostgreSQL), read as {@code newsprobe_analyst}: the run, its night and steps as
 * Spring Batch records them, the verdict changes the probe step audits, and the broken images.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32", "newsprobe.probe.total-timeout=5s",
		"newsprobe.probe.retry-backoff=50ms" })
class AnalystViewsOnARunFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	@TempDir
	Path archive;

	@Test
	void aScheduledNightShowsUpInTheRunHistoryStatusChangesAndProviderViews() throws Exception {
		LocalDate night = LocalDate.of(2026, 3, 14);
		try (FixtureWeb web = FixtureWeb.start()) {
			for (int i = 1; i <= 3; i++) {
				web.route("/story" + i, Response.html("<title>Story " + i + "</title>"));
			}
			web.route("/ok.png", Response.image(Fixtures.png(40, 30), "image/png")).route("/gone.png", Response.status(404));
			article("one", "alpha.example", web.url("/story1"), web.url("/ok.png"));
			article("two", "alpha.example", web.url("/story2"), web.url("/gone.png"));
			article("three", "beta.example", web.url("/story3"), web.url("/gone.png"));

			JobExecution execution = this.jobOperator.start(this.articleAuditJob,
					RunParameters.forNight(List.of(this.archive), night));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			try (Connection connection = this.dataSource.getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("SET ROLE newsprobe_analyst");
				}
				JdbcTemplate analyst = new JdbcTemplate(new SingleConnectionDataSource(connection, true));

				Map<String, Object> run = analyst.queryForMap("SELECT * FROM newsprobe.v_run_history");
				assertThat(run).containsEntry("job_execution_id", execution.getId())
					.containsEntry("job_name", "articleAuditJob")
					.containsEntry("run_date", java.sql.Date.valueOf(night))
					.containsEntry("input_roots", RunParameters.encodeRoots(List.of(this.archive)))
					.containsEntry("status", "COMPLETED");
				assertThat((Long) run.get("read_count")).isPositive();
				assertThat(run.get("duration")).isNotNull();
				assertThat(run.get("step_counts").toString()).contains("articleAuditJob.ingest", "articleAuditJob.probe");
				assertThat(analyst.queryForList("SELECT step_name FROM newsprobe.v_step_history", String.class))
					.contains("articleAuditJob.ingest", "articleAuditJob.probe");

				assertThat(analyst.queryForList(
						"SELECT night, url, new_verdict, change, step_name FROM newsprobe.v_status_changes ORDER BY url"))
					.extracting(row -> row.get("night"), row -> row.get("url"), row -> row.get("new_verdict"),
							row -> row.get("change"), row -> row.get("step_name"))
					.containsExactly(
							tuple(java.sql.Date.valueOf(night), web.url("/gone.png"), "BROKEN", "first verdict",
									"articleAuditJob.probe"),
							tuple(java.sql.Date.valueOf(night), web.url("/ok.png"), "OK", "first verdict", "articleAuditJob.probe"),
							tuple(java.sql.Date.valueOf(night), web.url("/story1"), "OK", "first verdict", "articleAuditJob.probe"),
							tuple(java.sql.Date.valueOf(night), web.url("/story2"), "OK", "first verdict", "articleAuditJob.probe"),
							tuple(java.sql.Date.valueOf(night), web.url("/story3"), "OK", "first verdict", "articleAuditJob.probe"));

				assertThat(analyst.queryForList(
						"SELECT article_path, role, provider_domain, status_code FROM newsprobe.v_broken_links ORDER BY article_path"))
					.extracting(row -> row.get("article_path"), row -> row.get("role"), row -> row.get("provider_domain"),
							row -> row.get("status_code"))
					.containsExactly(tuple(this.archive.resolve("three.md").toString(), "image", "beta.example", 404),
							tuple(this.archive.resolve("two.md").toString(), "image", "alpha.example", 404));
				assertThat(analyst.queryForList("SELECT provider_domain, urls_checked, broken_images FROM newsprobe.v_provider_health"
						+ " ORDER BY provider_domain"))
					.extracting(row -> row.get("provider_domain"), row -> row.get("urls_checked"), row -> row.get("broken_images"))
					.containsExactly(tuple("alpha.example", 4L, 1L), tuple("beta.example", 2L, 1L));
				assertThat(analyst.queryForList(
						"SELECT article_path, cache_state FROM newsprobe.v_image_cache_health WHERE disagrees ORDER BY 1"))
					.extracting(row -> row.get("article_path"), row -> row.get("cache_state"))
					.containsExactly(tuple(this.archive.resolve("three.md").toString(), "declared cached, image unavailable"),
							tuple(this.archive.resolve("two.md").toString(), "declared cached, image unavailable"));

				try (Statement statement = connection.createStatement()) {
					statement.execute("RESET ROLE");
				}
			}
		}
	}

	private void article(String name, String provider, String webUrl, String imageUrl) throws Exception {
		Files.writeString(this.archive.resolve(name + ".md"), """
				---
				title: "%s"
				webUrl: "%s"
				provider:
				  name: %s
				  domain: %s
				images:
				  - url: "%s"
				    isCached: true
				---
				""".formatted(name, webUrl, provider, provider, imageUrl));
	}

}
