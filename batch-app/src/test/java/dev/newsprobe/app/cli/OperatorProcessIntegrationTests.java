package dev.newsprobe.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.app.database.LocalPostgres;
import dev.newsprobe.app.test.NewsprobeProcess;
import dev.newsprobe.app.test.NewsprobeProcess.Result;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.database.DatabaseSchema;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * newsprobe processes killed, signalled and stopped from outside, as happens in production: each
 * command runs in a JVM of its own against a real PostgreSQL, probing an archive of
 * {@value #URLS} URLs on loopback fixture servers whose every answer takes {@value #LATENCY_MS} ms,
 * so that probing lasts several seconds and can be interrupted in its middle.
 */
class OperatorProcessIntegrationTests {

	static final int URLS = 3000;

	static final int LATENCY_MS = 40;

	static final int HOSTS = 4;

	static final List<FixtureWeb> servers = new ArrayList<>();

	static Path archive;

	/** A process environment without a configured database, so that the embedded one of the home given is used. */
	static final Map<String, String> WITHOUT_DATABASE = new java.util.HashMap<>();

	static {
		WITHOUT_DATABASE.put("NEWSPROBE_DB_URL", null);
	}

	@TempDir
	Path tmp;

	@BeforeAll
	static void fixtureWebAndArchive() throws IOException {
		Duration latency = Duration.ofMillis(LATENCY_MS);
		for (int i = 0; i < HOSTS; i++) {
			servers.add(FixtureWeb.start()
				.fallback(Response.html("<html><head><title>A story</title></head><body>text</body></html>").latency(latency)));
		}
		for (int i = 0; i < URLS; i += 10) {
			// every tenth URL is gone, so the verdicts (and the audit trail) are not all alike
			server(i + 3).route("/u/" + (i + 3), Response.status(404).latency(latency));
		}
		archive = Files.createTempDirectory("newsprobe-operator-archive");
		for (int start = 0; start < URLS; start += 10) {
			StringBuilder text = new StringBuilder("---\ntitle: \"Story ").append(start).append("\"\n");
			text.append("webUrl: \"").append(server(start).url("/u/" + start)).append("\"\n---\n");
			for (int i = start + 1; i < start + 10; i++) {
				text.append("[link ").append(i).append("](").append(server(i).url("/u/" + i)).append(")\n");
			}
			Path file = archive.resolve(String.format("d%02d/a%05d.md", start / 1000, start));
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
	}

	@AfterAll
	static void stopFixtureWeb() throws IOException {
		servers.forEach(FixtureWeb::close);
		try (var files = Files.walk(archive)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

	@Test
	void anAuditKilledInTheMiddleOfProbingIsFoundByAPlainRecoverRestartedWithItsSettingsAndEndsAsIfNeverInterrupted() {
		Database db = Database.fresh(KillTestDatabase.class);
		// the run's overrides: without allowed-networks every URL of the loopback fixture would be FORBIDDEN_ADDRESS
		NewsprobeProcess audit = NewsprobeProcess.start(this.tmp, "audit", db.args("audit", "--input", archive.toString()));
		long executionId = awaitProbing(db, audit);

		audit.kill();
		Result killed = audit.await(30);

		assertThat(killed.code()).as(killed.toString()).isEqualTo(137);
		assertThat(db.status(executionId)).isEqualTo("STARTED");
		long probedBeforeTheKill = db.count("SELECT count(*) FROM newsprobe.probe_result");
		assertThat(probedBeforeTheKill).isBetween(1L, URLS - 1L);

		// as an operator types it: the database, nothing of the run's settings
		Result recovered = NewsprobeProcess.run(this.tmp, "recover", db.plainArgs("recover", "--restart"));

		assertThat(recovered.code()).as(recovered.toString()).isZero();
		assertThat(recovered.out()).contains("articleAuditJob execution " + executionId, "was orphaned",
				"is no longer alive", "Marked it and its running steps FAILED", "Going on with the settings articleAuditJob"
						+ " execution " + executionId + " started with: ", "newsprobe.probe.allowed-networks=127.0.0.1/32",
				"COMPLETED");
		assertThat(db.count("SELECT count(*) FROM newsprobe.url_state WHERE verdict = 'FORBIDDEN_ADDRESS'")).isZero();
		assertThat(db.status(executionId)).isEqualTo("FAILED");
		assertThat(db.jdbc.queryForObject("SELECT exit_message FROM newsprobe_batch.batch_job_execution WHERE job_execution_id = ?",
				String.class, executionId)).contains("Orphaned", "no longer alive");
		assertThat(db.jdbc.queryForObject("""
				SELECT status FROM newsprobe_batch.batch_step_execution
				WHERE job_execution_id = ? AND step_name = 'articleAuditJob.probe'""", String.class, executionId))
			.isEqualTo("FAILED");
		assertThat(db.jdbc.queryForList("""
				SELECT status FROM newsprobe_batch.batch_job_execution
				WHERE job_instance_id = (SELECT job_instance_id FROM newsprobe_batch.batch_job_execution WHERE job_execution_id = ?)
				ORDER BY job_execution_id""", String.class, executionId)).containsExactly("FAILED", "COMPLETED");
		assertEveryUrlProbedExactlyOnce(db, 2);

		Database reference = Database.fresh(KillTestReferenceDatabase.class);
		assertThat(inProcess(reference, "audit", "--input", archive.toString())).isZero();
		assertThat(Snapshot.of(db)).isEqualTo(Snapshot.of(reference));
	}

	@Test
	void sigtermStopsTheAuditAfterItsCurrentChunkWithExitCodeThreeAndRestartCompletesIt() {
		Database db = Database.fresh(SigtermTestDatabase.class);
		NewsprobeProcess audit = NewsprobeProcess.start(this.tmp, "audit", db.args("audit", "--input", archive.toString()));
		long executionId = awaitProbing(db, audit);

		long signalled = System.nanoTime();
		audit.terminate();
		Result stopped = audit.await(60);
		System.out.printf("SIGTERM to exit: %d ms%n", (System.nanoTime() - signalled) / 1_000_000);

		assertThat(stopped.code()).as(stopped.toString()).isEqualTo(3);
		assertThat(stopped.err()).contains("stopping articleAuditJob execution " + executionId,
				"resume it with 'newsprobe restart " + executionId + "'");
		assertThat(stopped.out()).contains("articleAuditJob execution " + executionId + " STOPPED");
		assertThat(db.status(executionId)).isEqualTo("STOPPED");
		assertThat(db.count("SELECT count(*) FROM newsprobe.probe_result")).isBetween(1L, URLS - 1L);

		Result restarted = NewsprobeProcess.run(this.tmp, "restart", db.args("restart", String.valueOf(executionId)));

		assertThat(restarted.code()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).contains("Restarting articleAuditJob execution " + executionId, "COMPLETED");
		assertEveryUrlProbedExactlyOnce(db, 2);
	}

	@Test
	void stopFromAnotherProcessStopsTheRunningAuditWhichExitsWithThree() {
		Database db = Database.fresh(StopTestDatabase.class);
		// slower probing (about 30 s), so that the stop command's own JVM is up long before the audit ends
		List<String> args = db.args("audit", "--input", archive.toString());
		args.replaceAll(arg -> arg.startsWith("--newsprobe.probe.concurrency=") ? "--newsprobe.probe.concurrency=4" : arg);
		NewsprobeProcess audit = NewsprobeProcess.start(this.tmp, "audit", args);
		long executionId = awaitProbing(db, audit);

		Result stop = NewsprobeProcess.run(this.tmp, "stop", db.args("stop", String.valueOf(executionId), "--wait"));
		Result stopped = audit.await(60);

		assertThat(stop.code()).as(stop.toString()).isZero();
		assertThat(stop.out()).contains("Asked articleAuditJob execution " + executionId + " to stop",
				"pid " + audit.pid(), "is STOPPED");
		assertThat(stopped.code()).as(stopped.toString()).isEqualTo(3);
		assertThat(db.status(executionId)).isEqualTo("STOPPED");
	}

	@Test
	void aRunThatCannotStopWithinTheStopTimeoutExitsAnywayWithOneAndRecoverFindsItAfterwards() throws IOException {
		Database db = Database.fresh(StopTimeoutTestDatabase.class);
		try (FixtureWeb slow = FixtureWeb.start()
			.fallback(Response.html("<title>slow</title>").latency(Duration.ofSeconds(90)))) {
			Path dir = this.tmp.resolve("slow");
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("slow.md"), "---\ntitle: Slow\nwebUrl: \"" + slow.url("/s/0") + "\"\n---\n[more]("
					+ slow.url("/s/1") + ")\n");
			List<String> args = db.args("audit", "--input", dir.toString());
			args.addAll(List.of("--newsprobe.operations.stop-timeout=2s", "--newsprobe.probe.response-timeout=120s",
					"--newsprobe.probe.total-timeout=120s"));
			NewsprobeProcess audit = NewsprobeProcess.start(this.tmp, "slow-audit", args);
			long executionId = awaitRunningStep(db, audit, "articleAuditJob.probe");
			awaitRequests(slow, 2);

			audit.terminate();
			Result ended = audit.await(60);

			assertThat(ended.code()).as(ended.toString()).isEqualTo(1);
			assertThat(ended.err()).contains("stopping articleAuditJob execution " + executionId,
					"did not stop within 2 s (newsprobe.operations.stop-timeout); exiting anyway",
					"'newsprobe recover --restart'");
			assertThat(db.status(executionId)).isEqualTo("STOPPING");

			Result recovered = NewsprobeProcess.run(this.tmp, "slow-recover", db.args("recover"));

			assertThat(recovered.code()).as(recovered.toString()).isZero();
			assertThat(recovered.out()).contains("execution " + executionId + " (STOPPING since", "is no longer alive");
			assertThat(db.status(executionId)).isEqualTo("FAILED");
		}
	}

	@Test
	void ctrlCAndSigtermMidProbeOnTheEmbeddedDatabaseStopTheRunTheSameCommandResumesItAndTheDatabaseStaysUp()
			throws Exception {
		Path home = this.tmp.resolve("home");
		LocalPostgres server = LocalPostgres.in(home);
		try {
			List<String> audit = new ArrayList<>(List.of("audit", "--input", archive.toString(), "--newsprobe.home=" + home,
					"--spring.datasource.url="));
			audit.addAll(Database.PROBING);
			NewsprobeProcess first = NewsprobeProcess.start(this.tmp, "embedded-1", List.of(), WITHOUT_DATABASE, audit);
			Database db = Database.embedded(server, first);
			long firstId = awaitProbing(db, first);

			first.interrupt();
			Result interrupted = first.await(60);

			assertThat(interrupted.code()).as(interrupted.toString()).isEqualTo(3);
			assertThat(interrupted.err()).contains("stopping articleAuditJob execution " + firstId)
				.doesNotContain("terminating connection", "unknown state");
			assertThat(db.status(firstId)).isEqualTo("STOPPED");
			assertThat(server.pid()).as("the embedded database outlives Ctrl-C").isPresent();
			long probedBefore = db.count("SELECT count(*) FROM newsprobe.probe_result");

			NewsprobeProcess second = NewsprobeProcess.start(this.tmp, "embedded-2", List.of(), WITHOUT_DATABASE, audit);
			NewsprobeProcess.await(Duration.ofSeconds(120), "the resumed run probing",
					() -> db.count("SELECT count(*) FROM newsprobe.probe_result") > probedBefore + 100, second);
			second.terminate();
			Result terminated = second.await(60);

			assertThat(terminated.code()).as(terminated.toString()).isEqualTo(3);
			assertThat(terminated.out()).contains("Restarted articleAuditJob from its last commit", " STOPPED in ");
			assertThat(db.jdbc.queryForList("SELECT status FROM newsprobe_batch.batch_job_execution ORDER BY 1", String.class))
				.containsExactly("STOPPED", "STOPPED");

			Result third = NewsprobeProcess.run(this.tmp, "embedded-3", WITHOUT_DATABASE, audit);

			assertThat(third.code()).as(third.toString()).isZero();
			assertThat(third.out()).contains("Restarted articleAuditJob from its last commit", " COMPLETED in ");
			assertEveryUrlProbedExactlyOnce(db, 3);

			// after the commands have ended: psql as a user runs it, through newsprobe and with the printed string
			Result psql = NewsprobeProcess.run(this.tmp, "db-psql", WITHOUT_DATABASE, List.of("db", "psql",
					"--newsprobe.home=" + home, "-At", "-c", "SELECT count(*) FROM newsprobe.probe_result"));
			Result connection = NewsprobeProcess.run(this.tmp, "db", WITHOUT_DATABASE, List.of("db", "--newsprobe.home=" + home));
			String connectionString = connection.out().strip();

			assertThat(psql.code()).as(psql.toString()).isZero();
			assertThat(psql.out().strip()).isEqualTo(String.valueOf(URLS));
			assertThat(connection.code()).as(connection.toString()).isZero();
			assertThat(connectionString).startsWith("postgresql://newsprobe@127.0.0.1:" + server.port() + "/newsprobe?passfile=");
			assertThat(psql(List.of(connectionString, "-Atc", "SELECT current_user"), Map.of())).isEqualTo("0 newsprobe");
			assertThat(psql(List.of("-h", "127.0.0.1", "-p", String.valueOf(server.port()), "-U", "newsprobe", "-w", "-c",
					"SELECT 1", "newsprobe"), Map.of("PGPASSFILE", "/dev/null")))
				.startsWith("2 ")
				.contains("password");
		}
		finally {
			server.stop();
		}
	}

	@Test
	void aRunOnAnotherHostWhoseHeartbeatIsLateButWhichHoldsItsLockIsNeverRecovered() throws Exception {
		Database db = Database.fresh(OtherHostTestDatabase.class);
		List<String> args = db.args("audit", "--input", archive.toString());
		// this process beats once at its start, then not for an hour: its heartbeat goes stale at once; and it
		// probes slowly (about 30 s), so that it still runs when the other process looks
		args.replaceAll(arg -> arg.startsWith("--newsprobe.probe.concurrency=") ? "--newsprobe.probe.concurrency=4"
				: arg.startsWith("--newsprobe.operations.heartbeat-interval=") ? "--newsprobe.operations.heartbeat-interval=1h"
						: arg.startsWith("--newsprobe.operations.heartbeat-timeout=") ? "--newsprobe.operations.heartbeat-timeout=2h"
								: arg);
		NewsprobeProcess audit = NewsprobeProcess.start(this.tmp, "other-host",
				List.of("-Dnewsprobe.host-name=other-host.example"), Map.of(), args);
		long executionId = awaitProbing(db, audit);
		NewsprobeProcess.await(Duration.ofSeconds(30), "a heartbeat older than the recovering process allows",
				() -> db.count("SELECT extract(epoch FROM now() - beat_at)::bigint FROM newsprobe.execution_heartbeat") > 3, audit);

		List<String> impatient = db.plainArgs("recover", "--restart");
		impatient.addAll(List.of("--newsprobe.operations.heartbeat-interval=1s", "--newsprobe.operations.heartbeat-timeout=2s"));
		Result recover = NewsprobeProcess.run(this.tmp, "recover-other-host", impatient);

		assertThat(recover.code()).as(recover.toString()).isZero();
		assertThat(recover.out()).contains("Nothing to recover:", "articleAuditJob execution " + executionId
				+ ": its lock is held by newsprobe execution " + executionId + " pid " + audit.pid() + " on other-host.example");
		assertThat(db.status(executionId)).isEqualTo("STARTED");

		Result finished = audit.await(120);

		assertThat(finished.code()).as(finished.toString()).isZero();
		assertThat(db.status(executionId)).isEqualTo("COMPLETED");
		assertEveryUrlProbedExactlyOnce(db, 1);
	}

	/** Runs the machine's psql; its exit code, a space, and what it printed. */
	private static String psql(List<String> args, Map<String, String> environment) throws Exception {
		List<String> command = new ArrayList<>(List.of("psql"));
		command.addAll(args);
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
		builder.environment().putAll(environment);
		Process process = builder.start();
		String output = new String(process.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		return process.exitValue() + " " + output.strip();
	}

	/** Waits until the audit runs a step; gives the id of its execution. */
	private static long awaitRunningStep(Database db, NewsprobeProcess audit, String step) {
		for (int i = 0; i < 600; i++) {
			List<Long> ids = db.jdbc.queryForList("""
					SELECT job_execution_id FROM newsprobe_batch.batch_step_execution
					WHERE step_name = ? AND status = 'STARTED'""", Long.class, step);
			if (!ids.isEmpty()) {
				return ids.get(0);
			}
			if (!audit.isAlive()) {
				throw new AssertionError("the audit ended before " + step + ": " + audit.await(1));
			}
			sleep(200);
		}
		throw new AssertionError(step + " did not start within 120 s: " + audit.err());
	}

	private static void awaitRequests(FixtureWeb web, int requests) {
		for (int i = 0; i < 300 && web.totalRequests() < requests; i++) {
			sleep(100);
		}
		assertThat(web.totalRequests()).isGreaterThanOrEqualTo(requests);
	}

	/** Waits until the audit has committed probe results; gives the id of its execution. */
	private static long awaitProbing(Database db, NewsprobeProcess audit) {
		for (int i = 0; i < 600; i++) {
			List<Long> ids = db.jdbc.queryForList("SELECT job_execution_id FROM newsprobe.probe_result LIMIT 1", Long.class);
			if (!ids.isEmpty()) {
				return ids.get(0);
			}
			if (!audit.isAlive()) {
				throw new AssertionError("the audit ended before probing: " + audit.await(1));
			}
			sleep(200);
		}
		throw new AssertionError("no probe result after 120 s: " + audit.err());
	}

	private static void assertEveryUrlProbedExactlyOnce(Database db, int executions) {
		assertThat(db.count("SELECT count(*) FROM newsprobe.probe_result")).isEqualTo(URLS);
		assertThat(db.count("SELECT count(DISTINCT url) FROM newsprobe.probe_result")).isEqualTo(URLS);
		assertThat(db.count("SELECT count(DISTINCT job_execution_id) FROM newsprobe.probe_result")).isEqualTo(executions);
		assertThat(db.count("SELECT count(*) FROM newsprobe.url_state WHERE last_checked_at IS NOT NULL")).isEqualTo(URLS);
		assertThat(db.jdbc.queryForList("""
				SELECT entity_key FROM newsprobe.audit_event
				GROUP BY entity, entity_key, field, old_value, new_value HAVING count(*) > 1""", String.class)).isEmpty();
	}

	private static int inProcess(Database db, String... args) {
		List<String> all = db.args(args);
		PrintWriter err = new PrintWriter(new StringWriter());
		return new NewsprobeCli(springArgs -> NewsprobeApplication.start(springArgs, err), new PrintWriter(new StringWriter()),
				err).execute(all.toArray(String[]::new));
	}

	private static FixtureWeb server(int url) {
		return servers.get(url % HOSTS);
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** A fresh test database, and the configuration that points newsprobe at it. */
	record Database(String url, JdbcTemplate jdbc) {

		/** How every audit of these tests probes: the loopback fixture allowed, a few URLs at a time. */
		static final List<String> PROBING = List.of("--newsprobe.probe.allowed-networks=127.0.0.1/32",
				"--newsprobe.probe.concurrency=8", "--newsprobe.probe.per-host-concurrency=2",
				"--newsprobe.probe.chunk-size=100", "--newsprobe.operations.heartbeat-interval=1s",
				"--newsprobe.operations.heartbeat-timeout=10s");

		/** The embedded database a process is creating in its home, once it runs. */
		static Database embedded(LocalPostgres server, NewsprobeProcess process) throws InterruptedException {
			NewsprobeProcess.await(Duration.ofSeconds(120), "the embedded database up",
					() -> server.pid().isPresent() && Files.exists(server.home().resolve("postgres.pgpass")), process);
			SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), server.jdbcUrl(),
					LocalPostgres.USER, server.password());
			NewsprobeProcess.await(Duration.ofSeconds(60), "newsprobe's schema migrated", () -> {
				try {
					return new JdbcTemplate(dataSource).queryForObject(
							"SELECT to_regclass('newsprobe.probe_result') IS NOT NULL", Boolean.class);
				}
				catch (RuntimeException ex) {
					return false;
				}
			}, process);
			return new Database(server.jdbcUrl(), new JdbcTemplate(dataSource));
		}

		static Database fresh(Class<?> name) {
			String url = TestDatabases.freshDatabase(name);
			SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), url,
					TestDatabases.user(), "");
			new DatabaseSchema(dataSource).migrate();
			return new Database(url, new JdbcTemplate(dataSource));
		}

		List<String> args(String... command) {
			List<String> args = plainArgs(command);
			args.addAll(PROBING);
			return args;
		}

		/** The command with this database only, as an operator types it: none of the run's settings. */
		List<String> plainArgs(String... command) {
			List<String> args = new ArrayList<>(List.of(command));
			args.addAll(List.of("--spring.datasource.url=" + this.url, "--spring.datasource.username=" + TestDatabases.user()));
			return args;
		}

		String status(long executionId) {
			return this.jdbc.queryForObject("SELECT status FROM newsprobe_batch.batch_job_execution WHERE job_execution_id = ?",
					String.class, executionId);
		}

		long count(String sql) {
			return this.jdbc.queryForObject(sql, Long.class);
		}

	}

	/** What an audit leaves in the result tables, without the ids and times that differ between two runs. */
	record Snapshot(List<Map<String, Object>> articles, List<Map<String, Object>> probes, List<Map<String, Object>> urls,
			List<Map<String, Object>> urlEvents, List<Map<String, Object>> eventCounts) {

		static Snapshot of(Database db) {
			JdbcTemplate jdbc = db.jdbc();
			return new Snapshot(jdbc.queryForList("SELECT path, web_url, content_hash FROM newsprobe.article ORDER BY path"),
					jdbc.queryForList("SELECT url, verdict, status_code, final_url FROM newsprobe.probe_result ORDER BY url"),
					jdbc.queryForList("""
							SELECT url, kind, verdict, status_code, final_url, consecutive_failures,
							       last_checked_at IS NOT NULL AS checked, next_check_at IS NOT NULL AS due_again
							FROM newsprobe.url_state ORDER BY url"""),
					jdbc.queryForList("""
							SELECT entity_key, field, old_value, new_value, step_name FROM newsprobe.audit_event
							WHERE entity = 'url' ORDER BY entity_key, field"""),
					jdbc.queryForList("SELECT entity, field, count(*) AS n FROM newsprobe.audit_event GROUP BY 1, 2 ORDER BY 1, 2"));
		}

	}

	private static final class KillTestDatabase {

	}

	private static final class KillTestReferenceDatabase {

	}

	private static final class SigtermTestDatabase {

	}

	private static final class StopTestDatabase {

	}

	private static final class StopTimeoutTestDatabase {

	}

	private static final class OtherHostTestDatabase {

	}

}
