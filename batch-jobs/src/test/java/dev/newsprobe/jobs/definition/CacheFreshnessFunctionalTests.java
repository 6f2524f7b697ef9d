package dev.newsprobe.jobs.definition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import dev.newsprobe.jobs.reconcile.ReconcileStepConfiguration;
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
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cache freshness end to end, against local fixture servers and a real PostgreSQL: fresh entries
 * cost no request, stale ones are revalidated with conditional requests, failures back off, a
 * forced re-check probes everything, and {@code cacheRefreshJob} handles 304, 200 and 404.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32", "newsprobe.probe.chunk-size=10",
		"newsprobe.probe.total-timeout=5s", "newsprobe.probe.response-timeout=2s", "newsprobe.probe.retry-backoff=50ms",
		"newsprobe.probe.max-attempts=1", "newsprobe.freshness.broken-backoff=1d,3d",
		"newsprobe.freshness.inconclusive-backoff=1h,6h", "newsprobe.reconcile.chunk-size=2",
		// the test PostgreSQL is shared: a small pool leaves connections for the other test classes
		"spring.datasource.hikari.maximum-pool-size=3" })
class CacheFreshnessFunctionalTests {

	static final String LAST_MODIFIED = "Wed, 01 May 2024 08:00:00 GMT";

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	Job cacheRefreshJob;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	FixtureWeb web;

	long runId;

	/** Refresh runs have no roots to tell them apart: their numbers run on across the class's tests. */
	static final java.util.concurrent.atomic.AtomicLong refreshIds = new java.util.concurrent.atomic.AtomicLong();

	@BeforeEach
	void start() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result, newsprobe.image_reconciliation CASCADE");
		this.web = FixtureWeb.start();
	}

	@AfterEach
	void stop() {
		this.web.close();
	}

	@Test
	void aSecondAuditSendsNoRequestForFreshEntriesAndRevalidatesStaleOnesWith304s() throws Exception {
		// given
		this.web.route("/story", Response.html("<title>Story</title>").header("ETag", "\"s1\"")
			.header("Cache-Control", "max-age=86400").validated())
			.route("/photo.png", Response.image(Fixtures.png(40, 30), "image/png").header("ETag", "\"p1\"")
				.header("Last-Modified", LAST_MODIFIED).validated())
			.route("/dated", Response.html("<title>Dated</title>").header("Last-Modified", LAST_MODIFIED).validated())
			.route("/plain", Response.html("<title>No validators</title>"));
		article("one", this.web.url("/story"), image(this.web.url("/photo.png"), 40, 30, true),
				"[dated](" + this.web.url("/dated") + ") [plain](" + this.web.url("/plain") + ")");
		JobExecution first = audit();
		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.totalRequests()).isEqualTo(4);
		Map<String, Object> photoBefore = state("/photo.png");

		// when the archive is audited again while every entry is fresh
		JobExecution second = audit();

		// then not one request is sent
		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.totalRequests()).isEqualTo(4);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ?", second.getId())).isZero();

		// when three entries go stale and the archive is audited again
		expire("/story", "/photo.png", "/dated");
		JobExecution third = audit();

		// then each stale entry is asked once, conditionally, and a 304 refreshes it without a body
		assertThat(this.web.hits("/story")).isEqualTo(2);
		assertThat(this.web.hits("/photo.png")).isEqualTo(2);
		assertThat(this.web.hits("/dated")).isEqualTo(2);
		assertThat(this.web.hits("/plain")).as("still fresh").isEqualTo(1);
		assertThat(this.web.requestHeaders("/story")).containsEntry("If-None-Match", "\"s1\"");
		assertThat(this.web.requestHeaders("/photo.png")).containsEntry("If-None-Match", "\"p1\"")
			.containsEntry("If-Modified-Since", LAST_MODIFIED);
		assertThat(this.web.requestHeaders("/dated")).containsEntry("If-Modified-Since", LAST_MODIFIED);
		assertThat(this.jdbc.queryForList("SELECT status_code FROM newsprobe.probe_result WHERE job_execution_id = ?"
				+ " AND not_modified", Integer.class, third.getId())).containsExactly(304, 304, 304);
		Map<String, Object> photoAfter = state("/photo.png");
		assertThat(photoAfter).containsEntry("verdict", "OK")
			.containsEntry("status_code", 206)
			.containsEntry("final_url", this.web.url("/photo.png"))
			.containsEntry("content_type", "image/png")
			.containsEntry("image_width", 40)
			.containsEntry("image_height", 30)
			.containsEntry("etag", "\"p1\"")
			.containsEntry("last_modified", LAST_MODIFIED);
		assertThat((java.sql.Timestamp) photoAfter.get("last_checked_at"))
			.isAfter((java.sql.Timestamp) photoBefore.get("last_checked_at"));
		assertThat(waitSeconds("/story")).as("the 304 keeps the stored max-age of a day").isEqualTo(86_400);
		assertThat(waitSeconds("/photo.png")).as("no Cache-Control: the default TTL").isEqualTo(20 * 3600);
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE entity = 'url' AND job_execution_id = ?",
				third.getId())).as("nothing changed").isZero();
	}

	@Test
	void a304WithoutCacheHeadersLeavesTheStoredOnesInForce() throws Exception {
		// given
		this.web.sequence("/kept", Response.html("<title>Kept</title>").header("ETag", "\"k\"")
			.header("Cache-Control", "max-age=172800"), Response.status(304).header("ETag", "\"k\""));
		article("kept", this.web.url("/kept"), List.of(), "");
		audit();
		expire("/kept");

		// when
		JobExecution revalidation = audit();

		// then
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ? AND not_modified",
				revalidation.getId())).isEqualTo(1);
		assertThat(state("/kept")).containsEntry("cache_control", "max-age=172800").containsEntry("page_title", "Kept");
		assertThat(waitSeconds("/kept")).isEqualTo(2 * 86_400);
	}

	@Test
	void theAnswersCacheControlAndExpiresSetTheNextCheckWithinTheBounds() throws Exception {
		// given: the Expires date in both spellings servers use, a one-digit day ("Fri, 4 Dec 2026", what
		// RFC_1123_DATE_TIME prints) and a padded one ("Fri, 04 Dec 2026"), so the outcome is the same on any day
		ZonedDateTime inTwoDays = ZonedDateTime.now(ZoneOffset.UTC).plusDays(2);
		String unpadded = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss 'GMT'", Locale.US).format(inTwoDays);
		String padded = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).format(inTwoDays);
		this.web.route("/short", Response.html("<title>a</title>").header("Cache-Control", "max-age=60"))
			.route("/long", Response.html("<title>b</title>").header("Cache-Control", "public, max-age=31536000"))
			.route("/no-store", Response.html("<title>c</title>").header("Cache-Control", "no-store"))
			.route("/expires", Response.html("<title>d</title>").header("Expires", unpadded))
			.route("/expires-padded", Response.html("<title>d</title>").header("Expires", padded))
			.route("/expires-garbage", Response.html("<title>d</title>").header("Expires", "soon"))
			.route("/silent", Response.html("<title>e</title>"));
		article("ttl", this.web.url("/short"), List.of(), String.join(" ",
				List.of("/long", "/no-store", "/expires", "/expires-padded", "/expires-garbage", "/silent")
			.stream().map(path -> "[x](" + this.web.url(path) + ")").toList()));

		// when
		audit();

		// then
		assertThat(waitSeconds("/short")).as("below the minimum").isEqualTo(3600);
		assertThat(nextCheckReason("/short")).isEqualTo("Cache-Control: max-age=60 (1m), raised to min-ttl 1h");
		assertThat(waitSeconds("/long")).as("above the maximum").isEqualTo(7 * 86_400);
		assertThat(waitSeconds("/no-store")).isEqualTo(3600);
		assertThat(waitSeconds("/expires")).as(unpadded).isBetween(2 * 86_400L - 120, 2 * 86_400L);
		assertThat(waitSeconds("/expires-padded")).as(padded).isBetween(2 * 86_400L - 120, 2 * 86_400L);
		assertThat(nextCheckReason("/expires")).startsWith("Expires (1d 23h");
		assertThat(waitSeconds("/expires-garbage")).as("not a date: stale, so the minimum").isEqualTo(3600);
		assertThat(nextCheckReason("/expires-garbage"))
			.isEqualTo("Expires 'soon' is not an HTTP date: not in any of HTTP's three date forms, so stale at once (0s),"
					+ " raised to min-ttl 1h");
		assertThat(waitSeconds("/silent")).as("the default").isEqualTo(20 * 3600);
		assertThat(nextCheckReason("/silent")).isEqualTo("no freshness headers: default-ttl 20h");
	}

	@Test
	void failingEntriesBackOffAlongTheirLadderAndASuccessStartsAfresh() throws Exception {
		// given
		this.web.route("/gone", Response.status(404)).route("/flaky", Response.resetWithoutResponse());
		article("failing", this.web.url("/gone"), List.of(), "[flaky](" + this.web.url("/flaky") + ")");

		// when / then: definite failures climb 1d, 3d and stay there; inconclusive ones 1h, 6h
		audit();
		assertThat(waitSeconds("/gone")).isEqualTo(86_400);
		assertThat(waitSeconds("/flaky")).isEqualTo(3600);
		assertThat(state("/flaky")).containsEntry("verdict", "CONNECT_ERROR");
		expire("/gone", "/flaky");
		audit();
		assertThat(waitSeconds("/gone")).isEqualTo(3 * 86_400);
		assertThat(waitSeconds("/flaky")).isEqualTo(6 * 3600);
		assertThat(nextCheckReason("/gone")).isEqualTo("definite failure 2 in a row: 3d");
		assertThat(nextCheckReason("/flaky")).isEqualTo("inconclusive failure 2 in a row: 6h");
		expire("/gone", "/flaky");
		audit();
		assertThat(waitSeconds("/gone")).isEqualTo(3 * 86_400);
		assertThat(waitSeconds("/flaky")).isEqualTo(6 * 3600);
		assertThat(state("/gone")).containsEntry("consecutive_failures", 3);

		this.web.route("/gone", Response.html("<title>Back</title>"));
		expire("/gone");
		audit();
		assertThat(state("/gone")).containsEntry("verdict", "OK").containsEntry("consecutive_failures", 0);
		assertThat(waitSeconds("/gone")).isEqualTo(20 * 3600);
	}

	@Test
	void aForcedRecheckProbesEveryUrlFreshOrNotWithItsValidators() throws Exception {
		// given
		this.web.route("/a", Response.html("<title>A</title>").header("ETag", "\"a\"").validated())
			.route("/b", Response.html("<title>B</title>"));
		article("forced", this.web.url("/a"), List.of(), "[b](" + this.web.url("/b") + ")");
		audit();
		audit();
		assertThat(this.web.totalRequests()).as("fresh: the second audit asks nothing").isEqualTo(2);

		// when
		JobExecution forced = this.jobOperator.start(this.articleAuditJob,
				RunParameters.recheckingAll(RunParameters.forRun(List.of(this.archive), ++this.runId)));

		// then
		assertThat(forced.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.hits("/a")).isEqualTo(2);
		assertThat(this.web.hits("/b")).isEqualTo(2);
		assertThat(this.web.requestHeaders("/a")).containsEntry("If-None-Match", "\"a\"");
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ?", forced.getId()))
			.isEqualTo(2);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ? AND not_modified",
				forced.getId())).isEqualTo(1);

		// and the next plain audit is back to asking nothing
		audit();
		assertThat(this.web.totalRequests()).isEqualTo(4);
	}

	@Test
	void cacheRefreshRevalidatesOnlyExpiredEntries304Keeps200Replaces404Breaks() throws Exception {
		// given
		this.web.route("/same.png", Response.image(Fixtures.png(40, 30), "image/png").header("ETag", "\"same\"").validated())
			.sequence("/changed.png",
					Response.image(Fixtures.png(40, 30), "image/png").header("ETag", "\"v1\"").validated(),
					Response.image(Fixtures.png(40, 30), "image/png").header("ETag", "\"v2\"").validated())
			.sequence("/gone.png", Response.image(Fixtures.png(40, 30), "image/png").header("ETag", "\"g\""),
					Response.status(404))
			.route("/fresh", Response.html("<title>Fresh</title>"));
		article("refresh", this.web.url("/fresh"), List.of(image(this.web.url("/same.png"), 40, 30, true),
				image(this.web.url("/changed.png"), 40, 30, true), image(this.web.url("/gone.png"), 40, 30, true)), "");
		audit();
		expire("/same.png", "/changed.png", "/gone.png");

		// when
		JobExecution refresh = refresh();

		// then
		assertThat(refresh.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(refresh.getStepExecutions().stream().map(StepExecution::getStepName))
			.containsExactly(ProbeStepConfiguration.REFRESH_PROBE_STEP,
					CacheRefreshJobConfiguration.REFRESH_RECONCILE_IMAGE_STORE_STEP, ReconcileStepConfiguration.REFRESH_RECONCILE_STEP);
		assertThat(this.web.hits("/fresh")).as("fresh: not asked").isEqualTo(1);
		assertThat(this.web.hits("/same.png")).isEqualTo(2);
		assertThat(this.web.requestHeaders("/same.png")).containsEntry("If-None-Match", "\"same\"");
		assertThat(this.web.requestHeaders("/changed.png")).containsEntry("If-None-Match", "\"v1\"");
		assertThat(this.web.requestHeaders("/gone.png")).containsEntry("If-None-Match", "\"g\"");
		assertThat(this.jdbc.queryForMap("SELECT verdict, status_code, not_modified FROM newsprobe.probe_result"
				+ " WHERE job_execution_id = ? AND url = ?", refresh.getId(), this.web.url("/same.png")))
			.containsEntry("verdict", "OK").containsEntry("status_code", 304).containsEntry("not_modified", true);
		assertThat(state("/same.png")).containsEntry("etag", "\"same\"").containsEntry("status_code", 206);
		assertThat(state("/changed.png")).containsEntry("verdict", "OK").containsEntry("etag", "\"v2\"");
		assertThat(this.jdbc.queryForObject("SELECT not_modified FROM newsprobe.probe_result WHERE job_execution_id = ?"
				+ " AND url = ?", Boolean.class, refresh.getId(), this.web.url("/changed.png"))).isFalse();
		assertThat(state("/gone.png")).containsEntry("verdict", "BROKEN").containsEntry("status_code", 404);
		assertThat(this.jdbc.queryForMap("SELECT old_value, new_value, step_name FROM newsprobe.audit_event"
				+ " WHERE entity = 'url' AND entity_key = ? AND job_execution_id = ?", this.web.url("/gone.png"),
				refresh.getId()))
			.containsEntry("old_value", "OK").containsEntry("new_value", "BROKEN")
			.containsEntry("step_name", ProbeStepConfiguration.REFRESH_PROBE_STEP);
		assertThat(this.jdbc.queryForMap("SELECT state, declared_is_cached, verified_cached, since_execution_id"
				+ " FROM newsprobe.image_reconciliation WHERE url = ?", this.web.url("/gone.png")))
			.containsEntry("state", "DISAGREE").containsEntry("declared_is_cached", true)
			.containsEntry("verified_cached", false).containsEntry("since_execution_id", refresh.getId());

		// and a second refresh finds nothing expired and asks nothing
		int before = this.web.totalRequests();
		JobExecution again = refresh();
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.totalRequests()).isEqualTo(before);
	}

	@Test
	void aRefreshRevalidatesOnlyUrlsProbedBefore() throws Exception {
		// given an article ingested but never probed (its audit failed before the probe step)
		this.web.route("/new", Response.html("<title>New</title>"));
		article("unprobed", this.web.url("/new"), List.of(), "");
		this.jdbc.update("INSERT INTO newsprobe.url_state (url, kind, first_seen_at, first_seen_execution_id, next_check_at)"
				+ " VALUES (?, 'page', now(), 0, now() - interval '1 minute')", this.web.url("/new"));

		// when
		JobExecution refresh = refresh();

		// then
		assertThat(refresh.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.hits("/new")).isZero();
	}

	@Test
	void eachDisagreementIsRecordedAndAuditedOncePerChange() throws Exception {
		// given
		this.web.route("/ok.png", Response.image(Fixtures.png(40, 30), "image/png"))
			.route("/broken.png", Response.status(404))
			.route("/uncached.png", Response.image(Fixtures.png(40, 30), "image/png"))
			.route("/flaky.png", Response.resetWithoutResponse())
			.route("/undeclared.png", Response.status(404));
		article("a1", null, List.of(image(this.web.url("/ok.png"), 40, 30, true),
				image(this.web.url("/broken.png"), 40, 30, true)), "");
		article("a2", null, List.of(image(this.web.url("/uncached.png"), 40, 30, false)), "");
		article("a3", null, List.of(image(this.web.url("/flaky.png"), 40, 30, true),
				image(this.web.url("/undeclared.png"), 40, 30, null)), "");
		article("a4", null, List.of(image(this.web.url("/broken.png"), 40, 30, false)), "");

		// when
		JobExecution first = audit();

		// then
		assertThat(first.getStepExecutions().stream().map(StepExecution::getStepName))
			.contains(ReconcileStepConfiguration.AUDIT_RECONCILE_STEP);
		assertThat(this.jdbc.queryForList("SELECT url, state, declared_is_cached, verified_cached, verdict"
				+ " FROM newsprobe.image_reconciliation ORDER BY url"))
			.extracting(row -> row.get("url").toString().replaceAll(".*/", "") + " " + row.get("state") + " "
					+ row.get("declared_is_cached") + " " + row.get("verified_cached") + " " + row.get("verdict"))
			.containsExactly("broken.png DISAGREE true false BROKEN", "flaky.png UNKNOWN true null CONNECT_ERROR",
					"uncached.png DISAGREE false true OK");
		assertThat(events()).containsExactlyInAnyOrder("a1.md#1 null DISAGREE", "a2.md#0 null DISAGREE",
				"a3.md#0 null UNKNOWN");

		// when audited again with nothing changed
		JobExecution second = audit();

		// then nothing is audited again, and the rows say since when and until when
		assertThat(events()).hasSize(3);
		assertThat(this.jdbc.queryForList("SELECT DISTINCT since_execution_id FROM newsprobe.image_reconciliation",
				Long.class)).containsExactly(first.getId());
		assertThat(this.jdbc.queryForList("SELECT DISTINCT last_execution_id FROM newsprobe.image_reconciliation",
				Long.class)).containsExactly(second.getId());

		// when the broken image comes back and the flaky host answers
		this.web.route("/broken.png", Response.image(Fixtures.png(40, 30), "image/png"))
			.route("/flaky.png", Response.image(Fixtures.png(40, 30), "image/png"));
		expire("/broken.png", "/flaky.png");
		JobExecution refresh = refresh();

		// then a1's image agrees again (its row goes), a4's declared false now disagrees, flaky is known
		assertThat(this.jdbc.queryForList("SELECT url, state FROM newsprobe.image_reconciliation ORDER BY url"))
			.extracting(row -> row.get("url").toString().replaceAll(".*/", "") + " " + row.get("state"))
			.containsExactly("broken.png DISAGREE", "uncached.png DISAGREE");
		assertThat(this.jdbc.queryForObject("SELECT a.path FROM newsprobe.image_reconciliation r JOIN newsprobe.article a"
				+ " ON a.id = r.article_id WHERE r.url = ?", String.class, this.web.url("/broken.png"))).endsWith("a4.md");
		assertThat(eventsOf(refresh.getId())).containsExactlyInAnyOrder("a1.md#1 DISAGREE AGREE", "a3.md#0 UNKNOWN AGREE",
				"a4.md#0 null DISAGREE");
		assertThat(this.jdbc.queryForList("SELECT DISTINCT step_name FROM newsprobe.audit_event WHERE job_execution_id = ?"
				+ " AND entity = 'image'", String.class, refresh.getId()))
			.containsExactly(ReconcileStepConfiguration.REFRESH_RECONCILE_STEP);
	}

	@Test
	void imagesOfAVanishedArticleLeaveTheReconciliationWithoutAnEvent() throws Exception {
		// given
		this.web.route("/broken.png", Response.status(404));
		article("vanishing", null, List.of(image(this.web.url("/broken.png"), 40, 30, true)), "");
		// a file that stays: a root left with no article file at all is held as unmounted, not swept
		article("staying", null, List.of(), "");
		audit();
		assertThat(count("SELECT count(*) FROM newsprobe.image_reconciliation")).isEqualTo(1);

		// when
		Files.delete(this.archive.resolve("vanishing.md"));
		JobExecution after = audit();

		// then
		assertThat(count("SELECT count(*) FROM newsprobe.image_reconciliation")).isZero();
		assertThat(eventsOf(after.getId())).isEmpty();
	}

	@Test
	void aFailedReconcileStepRestartsAfterItsLastRangeAndAuditsEachChangeOnce() throws Exception {
		// given six articles, each with an image declared cached that is broken; two articles per transaction
		this.web.route("/broken.png", Response.status(404));
		for (int i = 0; i < 6; i++) {
			article("r" + i, null, List.of(image(this.web.url("/broken.png?" + i), 40, 30, true)), "");
		}
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.refuse_image_events() RETURNS trigger AS $$
				BEGIN
				    IF NEW.entity = 'image' AND (SELECT count(*) FROM newsprobe.audit_event WHERE entity = 'image') >= 4 THEN
				        RAISE EXCEPTION 'database refuses writes (simulated by the test)';
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql
				""");
		this.jdbc.execute("CREATE TRIGGER refuse_image_events BEFORE INSERT ON newsprobe.audit_event "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.refuse_image_events()");
		var parameters = RunParameters.forNight(List.of(this.archive), java.time.LocalDate.of(2026, 11, 26));
		JobExecution failed;
		try {
			failed = this.jobOperator.start(this.articleAuditJob, parameters);
		}
		finally {
			this.jdbc.execute("DROP TRIGGER refuse_image_events ON newsprobe.audit_event");
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(events()).hasSize(4);
		int asked = this.web.totalRequests();

		// when
		JobExecution restarted = this.jobOperator.start(this.articleAuditJob, parameters);

		// then
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.web.totalRequests()).as("the probe step had completed: not run again").isEqualTo(asked);
		assertThat(events()).hasSize(6).doesNotHaveDuplicates();
		assertThat(count("SELECT count(*) FROM newsprobe.image_reconciliation WHERE state = 'DISAGREE'")).isEqualTo(6);
	}

	@Test
	void aFailedRefreshRestartsAfterItsLastCommitWithOneResultPerUrl() throws Exception {
		// given
		for (int i = 0; i < 25; i++) {
			this.web.route("/p/" + i, Response.html("<title>Page " + i + "</title>").header("ETag", "\"" + i + "\"").validated());
			article(String.format("p%02d", i), this.web.url("/p/" + i), List.of(), "");
		}
		audit();
		this.jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() - interval '1 minute'");
		long firstRefresh = refreshIds.incrementAndGet();
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.refuse_refresh_results() RETURNS trigger AS $$
				BEGIN
				    IF (SELECT count(*) FROM newsprobe.probe_result WHERE not_modified) >= 10 THEN
				        RAISE EXCEPTION 'database refuses writes (simulated by the test)';
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql
				""");
		this.jdbc.execute("CREATE TRIGGER refuse_refresh_results BEFORE INSERT ON newsprobe.probe_result "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.refuse_refresh_results()");
		JobExecution failed;
		try {
			failed = this.jobOperator.start(this.cacheRefreshJob, RunParameters.forRun(firstRefresh));
		}
		finally {
			this.jdbc.execute("DROP TRIGGER refuse_refresh_results ON newsprobe.probe_result");
		}
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ?", failed.getId()))
			.isEqualTo(10);

		// when
		JobExecution restarted = this.jobOperator.start(this.cacheRefreshJob, RunParameters.forRun(firstRefresh));

		// then
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE not_modified")).isEqualTo(25);
		assertThat(count("SELECT count(DISTINCT url) FROM newsprobe.probe_result WHERE not_modified")).isEqualTo(25);
		assertThat(count("SELECT count(*) FROM newsprobe.url_state WHERE next_check_at < now()")).isZero();
	}

	// ---------------------------------------------------------------- helpers

	private JobExecution audit() throws Exception {
		return this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(this.archive), ++this.runId));
	}

	private JobExecution refresh() throws Exception {
		return this.jobOperator.start(this.cacheRefreshJob, RunParameters.forRun(refreshIds.incrementAndGet()));
	}

	private void expire(String... paths) {
		for (String path : paths) {
			assertThat(this.jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() - interval '1 minute'"
					+ " WHERE url = ?", this.web.url(path))).as(path).isEqualTo(1);
		}
	}

	private Map<String, Object> state(String path) {
		return this.jdbc.queryForMap("SELECT * FROM newsprobe.url_state WHERE url = ?", this.web.url(path));
	}

	private String nextCheckReason(String path) {
		return this.jdbc.queryForObject("SELECT next_check_reason FROM newsprobe.url_state WHERE url = ?", String.class,
				this.web.url(path));
	}

	private long waitSeconds(String path) {
		return this.jdbc.queryForObject("SELECT EXTRACT(EPOCH FROM next_check_at - last_checked_at)::bigint"
				+ " FROM newsprobe.url_state WHERE url = ?", Long.class, this.web.url(path));
	}

	private List<String> events() {
		return this.jdbc.query("SELECT entity_key, old_value, new_value FROM newsprobe.audit_event WHERE entity = 'image'",
				(rs, row) -> rs.getString(1).replaceAll(".*/", "") + " " + rs.getString(2) + " " + rs.getString(3));
	}

	private List<String> eventsOf(long executionId) {
		return this.jdbc.query("SELECT entity_key, old_value, new_value FROM newsprobe.audit_event WHERE entity = 'image'"
				+ " AND job_execution_id = ?",
				(rs, row) -> rs.getString(1).replaceAll(".*/", "") + " " + rs.getString(2) + " " + rs.getString(3),
				executionId);
	}

	private long count(String sql, Object... args) {
		return this.jdbc.queryForObject(sql, Long.class, args);
	}

	private static String image(String url, int width, int height, Boolean cached) {
		return "  - url: \"" + url + "\"\n    width: " + width + "\n    height: " + height + "\n"
				+ ((cached != null) ? "    isCached: " + cached + "\n" : "");
	}

	private void article(String name, String webUrl, String image, String body) throws Exception {
		article(name, webUrl, List.of(image), body);
	}

	private void article(String name, String webUrl, List<String> images, String body) throws Exception {
		StringBuilder text = new StringBuilder("---\ntitle: \"" + name + "\"\n");
		if (webUrl != null) {
			text.append("webUrl: \"").append(webUrl).append("\"\n");
		}
		if (!images.isEmpty()) {
			text.append("images:\n");
			images.forEach(text::append);
		}
		text.append("---\n").append(body).append('\n');
		Files.writeString(this.archive.resolve(name + ".md"), text);
	}


}
