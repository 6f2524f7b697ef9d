package dev.newsprobe.app.schedule;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.newsprobe.app.test.NewsprobeProcess;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.database.DatabaseSchema;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static dev.newsprobe.app.test.NewsprobeProcess.await;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code newsprobe schedule} as operators run it: separate JVMs sharing one real PostgreSQL, a cron
 * expression firing every few seconds, article files whose URLs are served by a fixture web on
 * loopback.
 */
class ScheduleProcessesIntegrationTests {

	static final String JOB = "articleAuditJob";

	static final String ALLOW_LOOPBACK = "--newsprobe.probe.allowed-networks=127.0.0.1/32";

	@TempDir
	Path tmp;

	String databaseUrl;

	JdbcTemplate jdbc;

	FixtureWeb web;

	Path archive;

	final List<NewsprobeProcess> processes = new ArrayList<>();

	@BeforeEach
	void setUp() throws Exception {
		this.databaseUrl = TestDatabases.freshDatabase(ScheduleProcessesIntegrationTests.class);
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), this.databaseUrl,
				TestDatabases.user(), "");
		new DatabaseSchema(dataSource).migrate();
		this.jdbc = new JdbcTemplate(dataSource);
		this.web = FixtureWeb.start();
		this.archive = Files.createDirectories(this.tmp.resolve("articles"));
	}

	@AfterEach
	void tearDown() throws Exception {
		for (NewsprobeProcess process : this.processes) {
			process.close();
			// kept in the test's output file (target/surefire-reports) for whoever reads a failure
			System.out.println("--- newsprobe process " + process.pid() + " ---\n" + process.output());
		}
		this.web.close();
	}

	@Test
	void twoSchedulersRunEachTriggerOnceNeverAtOnceAndExposeMetrics() throws Exception {
		// each run probes pages that take 1.5 s, so both schedulers firing at the same second meet the lock
		for (int i = 0; i < 3; i++) {
			this.web.route("/story/" + i, Response.html("<title>Story " + i + "</title>").latency(Duration.ofMillis(1500)));
			article(i, this.web.url("/story/" + i), this.web.url("/missing-" + i + ".png"));
		}
		NewsprobeProcess a = schedule("a", "*/4 * * * * *", "--metrics-port", "0", ALLOW_LOOPBACK);
		NewsprobeProcess b = schedule("b", "*/4 * * * * *", "--metrics-port", "0", ALLOW_LOOPBACK);

		await(Duration.ofSeconds(150), "3 triggers completed", () -> completedTriggers() >= 3, a, b);

		Map<String, long[]> perTrigger = executionsPerTrigger();
		for (Map.Entry<String, long[]> trigger : perTrigger.entrySet()) {
			if (trigger.getValue()[2] == 0) {
				continue; // the trigger still running as the test looks
			}
			assertThat(trigger.getValue()).as("instances, executions, completed of trigger " + trigger.getKey())
				.containsExactly(1, 1, 1);
		}
		assertThat(overlappingExecutions()).as("executions of %s running at the same time", JOB).isZero();
		String output = a.output() + b.output();
		assertThat(output).contains("skipped, another scheduler is running articleAuditJob (lock held by newsprobe "
				+ "articleAuditJob pid ");
		// each process counts in plain lines while its probe step runs (output is a file, not a terminal)
		NewsprobeProcess ran = a.output().contains("execution ") && a.output().contains(" COMPLETED in ") ? a : b;
		assertThat(ran.err()).containsPattern("articleAuditJob\\.probe: \\d+ of 6 URLs \\([0-9.]+ %\\), [0-9.,]+ URLs/s")
			.doesNotContain("\r");
		String metrics = scrape(ran.metricsPort());
		assertThat(metrics).contains("newsprobe_probe_requests_total{host=\"127.0.0.1:" + this.web.port() + "\"",
				"newsprobe_probe_request_latency_seconds_count{host=\"127.0.0.1:" + this.web.port() + "\"",
				"newsprobe_probe_verdicts_total{kind=\"page\",verdict=\"OK\"}",
				"newsprobe_probe_verdicts_total{kind=\"image\",verdict=\"BROKEN\"}", "newsprobe_probe_in_flight ",
				"spring_batch_job_seconds_count{", "spring_batch_step_seconds_count{");
	}

	@Test
	void theLockIsHeldDuringARunAndReleasedWhenTheProcessIsKilled() throws Exception {
		this.web.route("/slow", Response.html("<title>Slow</title>").latency(Duration.ofSeconds(40)));
		article(0, this.web.url("/slow"), null);
		NewsprobeProcess process = schedule("killed", "*/3 * * * * *", "--newsprobe.probe.total-timeout=60s",
				"--newsprobe.probe.response-timeout=60s", ALLOW_LOOPBACK);

		await(Duration.ofSeconds(90), "the lock held by the scheduler", () -> lockHolder() != null, process);
		assertThat(lockHolder()).contains("newsprobe articleAuditJob pid " + process.pid());
		assertThat(tryLock()).as("the lock can be taken while the run goes on").isFalse();

		process.kill();

		await(Duration.ofSeconds(15), "the lock released after SIGKILL", this::tryLock, process);
		assertThat(lockHolder()).isNull();
	}

	@Test
	void aFailedTriggerIsRestartedByTheNextOneWithItsOwnSettingsAndTheLockIsFreeBetweenRuns() throws Exception {
		this.web.fallback(Response.html("<title>A story</title>"));
		for (int i = 0; i < 20; i++) {
			article(i, this.web.url("/story/" + i), null);
		}
		Files.writeString(this.archive.resolve("z-broken.md"), "---\ntitle: Breaking: news\n---\n");
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.schedule_test_refuse() RETURNS trigger AS $$
				BEGIN RAISE EXCEPTION 'database refuses writes (simulated by the test)'; END $$ LANGUAGE plpgsql
				""");
		this.jdbc.execute("CREATE TRIGGER schedule_test_refuse BEFORE INSERT ON newsprobe.ingest_error "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.schedule_test_refuse()");
		// the first scheduler's runs may probe the loopback fixture
		NewsprobeProcess failing = schedule("failing", "*/3 * * * * *", "--newsprobe.probe.allowed-networks=127.0.0.1/32");

		await(Duration.ofSeconds(90), "a failed scheduled run", () -> count("""
				SELECT count(*) FROM newsprobe_batch.batch_job_execution WHERE status = 'FAILED'""") > 0, failing);
		await(Duration.ofSeconds(20), "the lock free between runs while the scheduler lives",
				() -> failing.isAlive() && lockHolder() == null, failing);
		failing.kill();
		String failedTrigger = this.jdbc.queryForObject("""
				SELECT p.parameter_value FROM newsprobe_batch.batch_job_execution e
				JOIN newsprobe_batch.batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				WHERE e.status = 'FAILED' AND p.parameter_name = 'scheduledAt' ORDER BY e.job_execution_id LIMIT 1""",
				String.class);
		this.jdbc.execute("DROP TRIGGER schedule_test_refuse ON newsprobe.ingest_error");
		this.jdbc.update("""
				UPDATE newsprobe_batch.batch_job_execution SET status = 'FAILED', end_time = now()
				WHERE status IN ('STARTING', 'STARTED')""");

		// a scheduler started later, with another configuration: it finishes the failed night with the night's settings
		NewsprobeProcess process = schedule("retrying", "*/3 * * * * *");

		await(Duration.ofSeconds(90), "the failed trigger's run completed by a later trigger",
				() -> executionsPerTrigger().getOrDefault(failedTrigger, new long[3])[2] == 1, process);
		await(Duration.ofSeconds(30), "a later trigger's own run completed", () -> completedTriggers() >= 2, process);

		long[] failed = executionsPerTrigger().get(failedTrigger);
		assertThat(failed[0]).as("instances of the failed trigger").isEqualTo(1);
		assertThat(failed[1]).as("its executions: failed ones, then the restart").isGreaterThanOrEqualTo(2);
		assertThat(failing.output()).contains("trigger " + failedTrigger + ": lock taken");
		// the scheduler says so once the trigger's work is over, a moment after the database shows both runs done
		await(Duration.ofSeconds(30), "the scheduler saying it restarted the failed run",
				() -> process.output().contains("restarted the earlier failed run first: execution "), process);
		assertThat(count("SELECT count(*) FROM newsprobe.article")).isEqualTo(20);
		assertThat(count("SELECT count(*) FROM newsprobe.ingest_error WHERE path LIKE '%z-broken.md'"))
			.as("the bad file recorded once, by the restart").isEqualTo(1);
		assertThat(this.jdbc.queryForList("""
				SELECT DISTINCT r.verdict FROM newsprobe.probe_result r
				JOIN newsprobe_batch.batch_job_execution e ON e.job_execution_id = r.job_execution_id
				JOIN newsprobe_batch.batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				WHERE p.parameter_name = 'scheduledAt' AND p.parameter_value = ?""", String.class, failedTrigger))
			.as("the failed night's verdicts, probed with its own settings").containsExactly("OK");
		// no other trigger's run started before the failed one was finished
		assertThat(count("""
				SELECT count(*) FROM newsprobe_batch.batch_job_execution e
				JOIN newsprobe_batch.batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				WHERE p.parameter_name = 'scheduledAt' AND p.parameter_value <> '%s' AND e.start_time < (
				    SELECT max(e2.end_time) FROM newsprobe_batch.batch_job_execution e2
				    JOIN newsprobe_batch.batch_job_execution_params p2 ON p2.job_execution_id = e2.job_execution_id
				    WHERE p2.parameter_name = 'scheduledAt' AND p2.parameter_value = '%s')
				  AND e.job_execution_id NOT IN (SELECT job_execution_id FROM newsprobe_batch.batch_job_execution
				                                 WHERE status = 'FAILED')""".formatted(failedTrigger, failedTrigger))).isZero();
	}

	@Test
	void anIdleScheduleEndsAtOnceOnCtrlCWithExitCodeZero() throws Exception {
		article(0, this.web.url("/story"), null);
		// the next trigger is months away; a stop timeout far longer than the test waits
		NewsprobeProcess process = schedule("idle", "0 0 3 1 1 *", "--newsprobe.operations.stop-timeout=300s");
		await(Duration.ofSeconds(90), "the schedule waiting for its trigger",
				() -> process.out().contains("Scheduled articleAuditJob at '0 0 3 1 1 *'"), process);

		process.interrupt();
		NewsprobeProcess.Result ended = process.await(60);

		assertThat(ended.code()).as(ended.toString()).isZero();
		assertThat(ended.out()).contains("Schedule stopped by a signal.");
		assertThat(ended.err()).doesNotContain("did not stop within", "Exception");
		assertThat(count("SELECT count(*) FROM newsprobe_batch.batch_job_execution")).isZero();
	}

	private NewsprobeProcess schedule(String name, String cron, String... extra) {
		List<String> args = new ArrayList<>(List.of("schedule", "--input", this.archive.toString(),
				"--spring.datasource.url=" + this.databaseUrl, "--spring.datasource.username=" + TestDatabases.user(),
				"--newsprobe.schedule.audit.cron=" + cron, "--newsprobe.schedule.zone=UTC",
				// every URL is due again a second after its check, so each trigger's run probes
				"--newsprobe.freshness.min-ttl=1s", "--newsprobe.freshness.default-ttl=1s",
				"--newsprobe.freshness.moved-ttl=1s", "--newsprobe.freshness.broken-backoff=1s",
				"--newsprobe.freshness.inconclusive-backoff=1s", "--newsprobe.progress.interval=300ms"));
		args.addAll(List.of(extra));
		NewsprobeProcess process = NewsprobeProcess.start(this.tmp, name, args);
		this.processes.add(process);
		return process;
	}

	private void article(int n, String webUrl, String imageUrl) throws Exception {
		StringBuilder text = new StringBuilder("---\ntitle: \"Scheduled story " + n + "\"\nwebUrl: \"" + webUrl + "\"\n");
		if (imageUrl != null) {
			text.append("images:\n  - url: \"").append(imageUrl).append("\"\n");
		}
		text.append("---\nBody ").append(n).append('\n');
		Files.writeString(this.archive.resolve("story-" + n + ".md"), text);
	}

	/** Per trigger ({@code scheduledAt}): job instances, executions, completed executions. */
	private Map<String, long[]> executionsPerTrigger() {
		Map<String, long[]> result = new java.util.TreeMap<>();
		this.jdbc.query("""
				SELECT p.parameter_value, count(DISTINCT e.job_instance_id), count(*), count(*) FILTER (WHERE e.status = 'COMPLETED')
				FROM newsprobe_batch.batch_job_execution e
				JOIN newsprobe_batch.batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				WHERE p.parameter_name = 'scheduledAt' GROUP BY 1""",
				(ResultSet rs) -> {
					result.put(rs.getString(1), new long[] { rs.getLong(2), rs.getLong(3), rs.getLong(4) });
				});
		return result;
	}

	private long completedTriggers() {
		return executionsPerTrigger().values().stream().filter(counts -> counts[2] > 0).count();
	}

	private long overlappingExecutions() {
		return count("""
				SELECT count(*) FROM newsprobe_batch.batch_job_execution x JOIN newsprobe_batch.batch_job_execution y
				  ON x.job_execution_id < y.job_execution_id
				WHERE x.start_time < coalesce(y.end_time, now()) AND y.start_time < coalesce(x.end_time, now())""");
	}

	private String lockHolder() {
		try (Connection connection = DriverManager.getConnection(this.databaseUrl, TestDatabases.user(), "")) {
			return JobLock.holder(connection, JOB);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Whether the job's lock can be taken now (it is given back at once). */
	private boolean tryLock() {
		try (Connection connection = DriverManager.getConnection(this.databaseUrl, TestDatabases.user(), "");
				PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
			lock.setLong(1, JobLock.key(JOB));
			try (ResultSet rs = lock.executeQuery()) {
				rs.next();
				return rs.getBoolean(1);
			}
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

	private static String scrape(int port) throws Exception {
		assertThat(port).as("metrics port printed").isPositive();
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics")).build(),
					HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}


}
