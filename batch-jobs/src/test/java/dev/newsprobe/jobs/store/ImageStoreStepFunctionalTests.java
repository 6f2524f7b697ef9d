package dev.newsprobe.jobs.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.RecordedRequest;
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
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image store step of {@code articleAuditJob} against local fixture servers, a real store
 * directory and a real PostgreSQL: verified images mirrored once, refusals recorded with their
 * reason, the size cap, revalidation (304 keeps, 200 replaces, 404/410 evicts), the address guard,
 * and a failed run restarted without any copy recorded twice.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32", "newsprobe.probe.chunk-size=10",
		"newsprobe.probe.total-timeout=5s", "newsprobe.probe.response-timeout=2s", "newsprobe.probe.retry-backoff=50ms",
		"newsprobe.probe.max-attempts=2", "newsprobe.store.enabled=true", "newsprobe.store.max-bytes=2500B",
		"newsprobe.store.max-image-bytes=1500B", "newsprobe.store.chunk-size=2",
		// the test PostgreSQL is shared by every cached test context: a small pool each
		"spring.datasource.hikari.maximum-pool-size=3" })
class ImageStoreStepFunctionalTests {

	static final Path STORE;

	static {
		try {
			STORE = Files.createTempDirectory("newsprobe-image-store-tests");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@DynamicPropertySource
	static void storeDirectory(DynamicPropertyRegistry registry) {
		registry.add("newsprobe.store.directory", STORE::toString);
	}

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	Job cacheRefreshJob;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ImageStoreProvider stores;

	@TempDir
	Path archive;

	FixtureWeb web;

	long runId;

	@BeforeEach
	void start() throws IOException {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result, newsprobe.image_copy CASCADE");
		this.stores.close();
		try (Stream<Path> files = Files.walk(STORE)) {
			files.sorted(Comparator.reverseOrder()).filter(path -> !path.equals(STORE)).forEach(path -> path.toFile().delete());
		}
		this.web = FixtureWeb.start();
	}

	@AfterEach
	void stop() {
		this.web.close();
		this.jdbc.execute("DROP TRIGGER IF EXISTS refuse_copies ON newsprobe.image_copy");
	}

	@Test
	void aVerifiedImageIsMirroredOnceRecordedAndAudited() throws Exception {
		byte[] png = image(40, 30, 1000);
		this.web.route("/a.png", Response.image(png, "image/png").header("ETag", "\"a1\""));
		article("a", this.web.url("/a.png"));

		JobExecution first = run();

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Object> copy = copy("/a.png");
		assertThat(copy).containsEntry("state", "HELD")
			.containsEntry("sha256", sha256(png))
			.containsEntry("size_bytes", 1000L)
			.containsEntry("image_format", "png")
			.containsEntry("etag", "\"a1\"");
		assertThat(Files.readAllBytes(file(sha256(png)))).isEqualTo(png);
		assertThat(current("/a.png")).isTrue();
		assertThat(audit("WHERE entity = 'image_copy'")).containsExactly(
				this.web.url("/a.png") + " sha256: - -> " + sha256(png), this.web.url("/a.png") + " state: - -> HELD");
		assertThat(downloads("/a.png")).isEqualTo(1);

		JobExecution second = run();

		assertThat(second.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(downloads("/a.png")).as("a current copy is not downloaded again").isEqualTo(1);
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE entity = 'image_copy'")).isEqualTo(2);
		assertThat(step(second).getExitStatus().getExitDescription()).contains("image copies by state");
	}

	@Test
	void somethingThatIsNotAnImageIsNotStoredAndTheReasonIsRecorded() throws Exception {
		// HEAD says image (so the probe says OK), the bytes say otherwise
		this.web.route("/lie.png", "HEAD", Response.ok("image/png", new byte[0]))
			.route("/lie.png", "GET", Response.ok("image/png", "<html><title>Sorry</title></html>"));
		article("lie", this.web.url("/lie.png"));

		run();

		assertThat(this.jdbc.queryForObject("SELECT verdict FROM newsprobe.url_state WHERE url = ?", String.class,
				this.web.url("/lie.png"))).isEqualTo("OK");
		Map<String, Object> copy = copy("/lie.png");
		assertThat(copy).containsEntry("state", "REFUSED").containsEntry("fetch_outcome", "NOT_AN_IMAGE");
		assertThat(copy.get("sha256")).isNull();
		assertThat((String) copy.get("reason")).contains("not an image");
		assertThat(current("/lie.png")).isFalse();
		assertThat(this.stores.store().count()).isZero();
	}

	@Test
	void anImageLargerThanTheCapIsNotStoredAndTheReasonIsRecorded() throws Exception {
		this.web.route("/big.png", Response.image(image(40, 30, 5000), "image/png"));
		article("big", this.web.url("/big.png"));

		run();

		Map<String, Object> copy = copy("/big.png");
		assertThat(copy).containsEntry("state", "REFUSED").containsEntry("fetch_outcome", "TOO_LARGE");
		assertThat((String) copy.get("reason")).contains("declared 5000 bytes", "larger than the cap of 1500 bytes");
		assertThat(this.stores.store().count()).isZero();
	}

	@Test
	void withTheStoreOnIsCachedTrueIsTrueOnlyWhenACurrentCopyIsHeld() throws Exception {
		this.web.route("/held.png", Response.image(image(40, 30, 1000), "image/png"))
			.route("/big.png", Response.image(image(40, 30, 5000), "image/png"));
		article("held", this.web.url("/held.png"));
		article("big", this.web.url("/big.png"));

		run();

		// both URLs answer OK; only one image is in the store
		assertThat(this.jdbc.queryForList("SELECT verdict FROM newsprobe.url_state ORDER BY url", String.class))
			.containsExactly("OK", "OK");
		assertThat(this.jdbc.queryForList("""
				SELECT r.url || ' ' || r.state || ' verified=' || r.verified_cached FROM newsprobe.image_reconciliation r
				ORDER BY r.url""", String.class)).containsExactly(this.web.url("/big.png") + " DISAGREE verified=false");
		assertThat(this.jdbc.queryForList("""
				SELECT url || ' ' || cache_state || ' copy_held=' || copy_held FROM newsprobe.v_image_cache_health
				ORDER BY url""", String.class)).containsExactly(
					this.web.url("/big.png") + " agrees copy_held=false", this.web.url("/held.png") + " agrees copy_held=true");
	}

	@Test
	void aRefreshThatFindsAnImageBackMirrorsItBeforeReconcilingSoItsIsCachedAgrees() throws Exception {
		this.web.route("/back.png", Response.status(404));
		article("back", this.web.url("/back.png"));
		run();
		assertThat(this.jdbc.queryForObject("SELECT state FROM newsprobe.image_reconciliation", String.class))
			.isEqualTo("DISAGREE");
		this.web.route("/back.png", Response.image(image(40, 30, 1000), "image/png"));
		this.jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() - interval '1 minute'");

		JobExecution refresh = this.jobOperator.start(this.cacheRefreshJob, RunParameters.forRun(++this.runId));

		assertThat(refresh.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(copy("/back.png")).containsEntry("state", "HELD");
		assertThat(count("SELECT count(*) FROM newsprobe.image_reconciliation")).as("isCached: true now agrees").isZero();
	}

	@Test
	void theSizeCapEvictsTheOldestCopyAndTheStoreStaysUnderIt() throws Exception {
		byte[] a = image(10, 10, 1000);
		byte[] b = image(20, 20, 1000);
		byte[] c = image(30, 30, 1000);
		this.web.route("/a.png", Response.image(a, "image/png"))
			.route("/b.png", Response.image(b, "image/png"))
			.route("/c.png", Response.image(c, "image/png"));
		article("a", this.web.url("/a.png"));
		run();
		article("b", this.web.url("/b.png"));
		run();
		article("c", this.web.url("/c.png"));

		JobExecution third = run();

		assertThat(copy("/a.png")).containsEntry("state", "EVICTED");
		assertThat((String) copy("/a.png").get("reason")).contains("newsprobe.store.max-bytes");
		assertThat(current("/a.png")).isFalse();
		assertThat(current("/b.png")).isTrue();
		assertThat(current("/c.png")).isTrue();
		assertThat(Files.exists(file(sha256(a)))).isFalse();
		assertThat(this.stores.store().totalBytes()).isEqualTo(2000).isLessThanOrEqualTo(2500);
		assertThat(this.jdbc.queryForMap("SELECT old_value, new_value FROM newsprobe.audit_event WHERE entity = 'image_copy'"
				+ " AND field = 'state' AND entity_key = ? AND job_execution_id = ?", this.web.url("/a.png"), third.getId()))
			.containsEntry("old_value", "HELD")
			.containsEntry("new_value", "EVICTED");
	}

	@Test
	void dueCopiesAreRevalidated304Keeps200Replaces404And410Evict() throws Exception {
		byte[] kept = image(10, 10, 900);
		byte[] before = image(20, 20, 300);
		byte[] after = image(21, 21, 300);
		// the probe asks with HEAD; the sequences are what the store's downloads get, in turn
		for (String path : List.of("/kept.png", "/changed.png", "/twin.png", "/gone.png", "/removed.png")) {
			this.web.route(path, "HEAD", Response.image(kept, "image/png"));
		}
		this.web.sequence("/kept.png", "GET", Response.image(kept, "image/png").header("ETag", "\"k1\""),
				Response.status(304).header("ETag", "\"k1\""))
			.sequence("/changed.png", "GET", Response.image(before, "image/png"), Response.image(after, "image/png"))
			.route("/twin.png", "GET", Response.image(before, "image/png"))
			.sequence("/gone.png", "GET", Response.image(image(30, 30, 200), "image/png"), Response.status(404))
			.sequence("/removed.png", "GET", Response.image(image(40, 40, 200), "image/png"), Response.status(410));
		article("kept", this.web.url("/kept.png"));
		article("changed", this.web.url("/changed.png"));
		article("twin", this.web.url("/twin.png"));
		article("gone", this.web.url("/gone.png"));
		article("removed", this.web.url("/removed.png"));
		run();
		assertThat(count("SELECT count(*) FROM newsprobe.image_copy WHERE state = 'HELD'")).isEqualTo(5);
		Object verifiedBefore = copy("/kept.png").get("verified_at");
		String goneSha = (String) copy("/gone.png").get("sha256");
		Map<String, Object> copyBefore = Map.of("removed", copy("/removed.png").get("sha256"));
		this.jdbc.update("UPDATE newsprobe.image_copy SET next_check_at = now() - interval '1 minute'"
				+ " WHERE url <> ?", this.web.url("/twin.png"));

		JobExecution refresh = run();

		assertThat(refresh.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(lastDownload("/kept.png").header("If-None-Match")).isEqualTo("\"k1\"");
		assertThat(copy("/kept.png")).containsEntry("state", "HELD").containsEntry("sha256", sha256(kept));
		assertThat((java.sql.Timestamp) copy("/kept.png").get("verified_at")).isAfter((java.sql.Timestamp) verifiedBefore);
		assertThat(copy("/changed.png")).containsEntry("state", "HELD").containsEntry("sha256", sha256(after));
		assertThat(Files.exists(file(sha256(before)))).as("the old bytes stay while another URL holds them").isTrue();
		assertThat(copy("/gone.png")).containsEntry("state", "GONE").containsEntry("status_code", 404);
		assertThat(copy("/removed.png")).containsEntry("state", "GONE").containsEntry("status_code", 410);
		assertThat(current("/gone.png")).isFalse();
		assertThat(Files.exists(file(goneSha))).as("bytes no URL holds leave the store").isFalse();
		assertThat(audit("WHERE entity = 'image_copy' AND job_execution_id = " + refresh.getId())).containsExactly(
				this.web.url("/changed.png") + " sha256: " + sha256(before) + " -> " + sha256(after),
				this.web.url("/gone.png") + " sha256: " + goneSha + " -> -",
				this.web.url("/gone.png") + " state: HELD -> GONE",
				this.web.url("/removed.png") + " sha256: " + copyBefore.get("removed") + " -> -",
				this.web.url("/removed.png") + " state: HELD -> GONE");

		// the twin's copy is replaced too: now nothing holds the old bytes
		this.web.route("/twin.png", "GET", Response.image(after, "image/png"));
		this.jdbc.update("UPDATE newsprobe.image_copy SET next_check_at = now() - interval '1 minute' WHERE url = ?",
				this.web.url("/twin.png"));
		run();

		assertThat(copy("/twin.png")).containsEntry("sha256", sha256(after));
		assertThat(Files.exists(file(sha256(before)))).isFalse();
	}

	@Test
	void aForbiddenAddressIsNeverFetchedEvenWhenTheProbeOnceSaidOk() throws Exception {
		try (FixtureWeb inner = FixtureWeb.start("127.0.0.2")) {
			inner.route("/secret.png", Response.image(image(10, 10, 500), "image/png"));
			this.web.route("/hop.png", Response.redirect(302, inner.url("/secret.png")));
			article("inner", inner.url("/secret.png"));
			article("hop", this.web.url("/hop.png"));
			run();
			assertThat(count("SELECT count(*) FROM newsprobe.image_copy")).as("not OK, so not mirrored").isZero();
			// as if the probe had found them OK before their names moved to a forbidden address
			this.jdbc.update("UPDATE newsprobe.url_state SET verdict = 'OK' WHERE kind = 'image'");

			run();

			assertThat(copy(inner.url("/secret.png"))).containsEntry("state", "REFUSED")
				.containsEntry("fetch_outcome", "FORBIDDEN_ADDRESS");
			assertThat((String) copy(inner.url("/secret.png")).get("reason")).contains("not contacted");
			assertThat(copy("/hop.png")).containsEntry("fetch_outcome", "FORBIDDEN_ADDRESS");
			assertThat(inner.totalRequests()).isZero();
			assertThat(this.stores.store().count()).isZero();
		}
	}

	@Test
	void aFailedStepRestartsAfterItsLastCommitAndEveryCopyIsRecordedOnce() throws Exception {
		for (int i = 0; i < 7; i++) {
			this.web.route("/i" + i + ".png", Response.image(image(10 + i, 10, 200), "image/png"));
			article("i" + i, this.web.url("/i" + i + ".png"));
		}
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.refuse_copies() RETURNS trigger AS $$
				BEGIN
				    IF (SELECT count(*) FROM newsprobe.image_copy) >= 4 THEN
				        RAISE EXCEPTION 'database refuses writes (simulated by the test)';
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql
				""");
		this.jdbc.execute("CREATE TRIGGER refuse_copies BEFORE INSERT ON newsprobe.image_copy "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.refuse_copies()");
		JobParameters parameters = RunParameters.forNight(List.of(this.archive), LocalDate.of(2026, 11, 25));

		JobExecution failed = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(count("SELECT count(*) FROM newsprobe.image_copy")).isEqualTo(4);
		this.jdbc.execute("DROP TRIGGER refuse_copies ON newsprobe.image_copy");

		JobExecution restarted = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT count(*) FROM newsprobe.image_copy WHERE state = 'HELD'")).isEqualTo(7);
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE entity = 'image_copy' AND field = 'sha256'"))
			.as("one store event per URL, none twice").isEqualTo(7);
		assertThat(count("SELECT count(DISTINCT entity_key) FROM newsprobe.audit_event WHERE entity = 'image_copy'"))
			.isEqualTo(7);
		assertThat(this.stores.store().count()).isEqualTo(7);
	}

	private JobExecution run() throws Exception {
		return this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(this.archive), ++this.runId));
	}

	private StepExecution step(JobExecution execution) {
		return execution.getStepExecutions().stream()
			.filter(step -> step.getStepName().equals(ImageStoreStepConfiguration.RECONCILE_IMAGE_STORE_STEP))
			.findFirst()
			.orElseThrow();
	}

	private void article(String name, String imageUrl) throws IOException {
		Files.writeString(this.archive.resolve(name + ".md"), "---\ntitle: \"" + name + "\"\nimages:\n  - url: \""
				+ imageUrl + "\"\n    isCached: true\n---\n");
	}

	private Map<String, Object> copy(String pathOrUrl) {
		String url = pathOrUrl.startsWith("/") ? this.web.url(pathOrUrl) : pathOrUrl;
		return this.jdbc.queryForMap("SELECT * FROM newsprobe.image_copy WHERE url = ?", url);
	}

	private boolean current(String path) {
		return this.jdbc.queryForObject("SELECT newsprobe.image_copy_current(?)", Boolean.class, this.web.url(path));
	}

	/** Whole-body GETs (the probe asks with HEAD, or for a range). */
	private long downloads(String path) {
		return this.web.requests(path).stream().filter(ImageStoreStepFunctionalTests::isDownload).count();
	}

	private RecordedRequest lastDownload(String path) {
		List<RecordedRequest> downloads = this.web.requests(path).stream().filter(ImageStoreStepFunctionalTests::isDownload)
			.toList();
		return downloads.get(downloads.size() - 1);
	}

	private static boolean isDownload(RecordedRequest request) {
		return request.method().equals("GET") && request.header("Range") == null;
	}

	private Path file(String sha256) {
		return STORE.resolve(sha256.substring(0, 2)).resolve(sha256.substring(2, 4)).resolve(sha256);
	}

	/** Audit events as "key field: old -> new", "-" for null, in key and field order. */
	private List<String> audit(String where) {
		return this.jdbc.queryForList("SELECT entity_key || ' ' || field || ': ' || coalesce(old_value, '-') || ' -> '"
				+ " || coalesce(new_value, '-') FROM newsprobe.audit_event " + where + " ORDER BY entity_key, field, id",
				String.class);
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

	/** A real PNG header padded to an exact size, so sizes and the cap are the test's choice. */
	static byte[] image(int width, int height, int size) {
		byte[] png = Fixtures.png(width, height);
		assertThat(png.length).isLessThan(size);
		return Arrays.copyOf(png, size);
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
