package dev.newsprobe.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.database.DatabaseSchema;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Partitioned audits end to end: the single step, local partitions and a remote manager with two
 * worker processes give the same result tables; a worker killed with SIGKILL mid-partition leaves
 * the run failed and the restart re-runs only the unfinished partitions, every URL probed once; a
 * malformed request lands in the dead-letter queue while the workers go on; and a manager with no
 * worker gives up cleanly. Runs against the local PostgreSQL and the local RabbitMQ
 * (127.0.0.1:5672, guest/guest), with a queue of its own per test, deleted afterwards.
 */
class PartitioningFunctionalTests {

	static final int ARTICLES = 40;

	static String databaseUrl;

	static JdbcTemplate jdbc;

	static List<FixtureWeb> hosts = new ArrayList<>();

	@TempDir
	static Path archive;

	@TempDir
	Path logs;

	String queue;

	CachingConnectionFactory rabbit;

	RabbitAdmin admin;

	List<Process> workers = new ArrayList<>();

	@BeforeAll
	static void archiveDatabaseAndWeb() {
		databaseUrl = TestDatabases.freshDatabase(PartitioningFunctionalTests.class);
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), databaseUrl,
				TestDatabases.user(), "");
		new DatabaseSchema(dataSource).migrate();
		jdbc = new JdbcTemplate(dataSource);
		for (int i = 0; i < 4; i++) {
			hosts.add(FixtureWeb.start());
		}
		serve(Duration.ZERO);
		writeArchive();
	}

	@AfterAll
	static void stopWeb() {
		hosts.forEach(FixtureWeb::close);
	}

	@BeforeEach
	void queueOfItsOwn() {
		this.queue = "newsprobe.test." + UUID.randomUUID();
		this.rabbit = new CachingConnectionFactory("127.0.0.1", 5672);
		this.rabbit.setUsername("guest");
		this.rabbit.setPassword("guest");
		this.admin = new RabbitAdmin(this.rabbit);
		try {
			this.rabbit.createConnection().close();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("These tests need the local RabbitMQ on 127.0.0.1:5672 (guest/guest), which does"
					+ " not answer (" + ex.getMessage() + "): start it with 'rabbitmq-server -detached'", ex);
		}
		jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result CASCADE");
		// a run another test left failed would be resumed by this test's first audit, with that run's own
		// partitioning (a restart keeps its run's settings): each test starts runs of its own
		jdbc.update("UPDATE newsprobe_batch.batch_job_execution SET status = 'ABANDONED'"
				+ " WHERE status IN ('FAILED', 'STOPPED')");
		serve(Duration.ZERO);
	}

	@AfterEach
	void cleanUp() throws InterruptedException {
		for (Process worker : this.workers) {
			worker.destroyForcibly();
			worker.waitFor();
		}
		this.admin.deleteQueue(this.queue);
		this.admin.deleteQueue(this.queue + ".dead");
		this.rabbit.destroy();
	}

	@Test
	void theSingleStepLocalPartitionsAndRemoteWorkersGiveIdenticalResultTables() throws Exception {
		Result single = audit();
		assertThat(single.code()).as(single.err()).isZero();
		Map<String, List<String>> expected = snapshot(lastExecution());
		assertThat(expected.get("probe_result")).hasSizeGreaterThan(100);
		assertThat(expected.get("url_state").stream().filter(row -> row.contains("|BROKEN|")).count()).isPositive();

		reset();
		Result local = audit("--partitions", "3");
		assertThat(local.code()).as(local.err()).isZero();
		long localExecution = lastExecution();
		assertThat(partitions(localExecution)).hasSize(6);
		assertThat(snapshot(localExecution)).isEqualTo(expected);

		reset();
		startWorkers(2);
		Result remote = audit("--remote", "--partitions", "4");
		assertThat(remote.code()).as(remote.err()).isZero();
		long remoteExecution = lastExecution();
		assertThat(partitions(remoteExecution)).hasSize(8);
		assertThat(snapshot(remoteExecution)).isEqualTo(expected);
		assertThat(this.workers).allMatch(Process::isAlive);
	}

	@Test
	void aWorkerKilledMidPartitionFailsTheRunAndTheRestartRerunsOnlyTheUnfinishedPartitions() throws Exception {
		serve(Duration.ofMillis(150));
		List<String> slow = List.of("--newsprobe.probe.per-host-concurrency=1", "--newsprobe.probe.chunk-size=3");
		startWorkers(2, slow.toArray(String[]::new));
		List<String> args = new ArrayList<>(List.of("--remote", "--partitions", "4"));
		args.addAll(slow);
		CompletableFuture<Result> manager = CompletableFuture.supplyAsync(() -> audit(args.toArray(String[]::new)));

		await(Duration.ofMinutes(3), () -> runningProbePartitionsWithCommits() >= 2);
		this.workers.get(0).destroyForcibly();
		Result failed = manager.get();

		assertThat(failed.code()).as(failed.out() + failed.err()).isEqualTo(ExitCodes.FAILED);
		assertThat(failed.err()).contains("stopped before it ended");
		long failedExecution = lastExecution();
		List<String> unfinished = jdbc.queryForList("SELECT step_name FROM newsprobe_batch.batch_step_execution"
				+ " WHERE job_execution_id = ? AND step_name LIKE '%probe:partition%' AND status <> 'COMPLETED' ORDER BY 1",
				String.class, failedExecution);
		assertThat(unfinished).hasSize(1);
		long probedBefore = count("SELECT count(*) FROM newsprobe.probe_result");

		Result restarted = audit(args.toArray(String[]::new));

		assertThat(restarted.code()).as(restarted.out() + restarted.err()).isZero();
		assertThat(restarted.out()).contains("Restarted articleAuditJob");
		long restartExecution = lastExecution();
		assertThat(jdbc.queryForList("SELECT step_name FROM newsprobe_batch.batch_step_execution WHERE job_execution_id = ?"
				+ " AND step_name LIKE '%:partition%' ORDER BY 1", String.class, restartExecution))
			.as("only the unfinished partition runs again").isEqualTo(unfinished);
		long due = count("SELECT count(*) FROM newsprobe.url_state WHERE verdict IS DISTINCT FROM 'INVALID_URL'");
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result")).as("every URL exactly once").isEqualTo(due);
		assertThat(count("SELECT count(DISTINCT url) FROM newsprobe.probe_result")).isEqualTo(due);
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = " + restartExecution))
			.isEqualTo(due - probedBefore)
			.isPositive();
		assertThat(count("SELECT count(*) FROM newsprobe.url_state WHERE verdict IS NULL")).isZero();
	}

	@Test
	void aMalformedRequestLandsInTheDeadLetterQueueAndTheWorkersKeepWorking() throws Exception {
		startWorkers(2);
		RabbitTemplate template = new RabbitTemplate(this.rabbit);
		template.send("", this.queue, new Message("this is not a partition request".getBytes(StandardCharsets.UTF_8),
				new MessageProperties()));
		template.send("", this.queue, new Message("{\"stepName\":\"articleAuditJob.probe\",\"stepExecutionId\":987654321}"
			.getBytes(StandardCharsets.UTF_8), new MessageProperties()));

		await(Duration.ofMinutes(1), () -> messages(this.queue + ".dead") == 2);
		Result audit = audit("--remote", "--partitions", "2");

		assertThat(audit.code()).as(audit.err()).isZero();
		assertThat(count("SELECT count(*) FROM newsprobe.probe_result")).isPositive();
		assertThat(this.workers).allMatch(Process::isAlive);
		assertThat(messages(this.queue)).isZero();
		RabbitTemplate reader = new RabbitTemplate(this.rabbit);
		List<String> dead = new ArrayList<>();
		for (Message message = reader.receive(this.queue + ".dead"); message != null; message = reader.receive(this.queue + ".dead")) {
			dead.add(new String(message.getBody(), StandardCharsets.UTF_8));
		}
		assertThat(dead).containsExactlyInAnyOrder("this is not a partition request",
				"{\"stepName\":\"articleAuditJob.probe\",\"stepExecutionId\":987654321}");
		assertThat(Files.readString(this.logs.resolve("worker-0.log")) + Files.readString(this.logs.resolve("worker-1.log")))
			.contains("not a newsprobe partition request");
	}

	@Test
	void aManagerThatNoWorkerAnswersGivesUpCleanlyWithExitCodeOne() {
		Result result = audit("--remote", "--partitions", "2", "--newsprobe.partition.worker-timeout=2s");

		assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.err()).contains("no worker took a partition of articleAuditJob.ingest within 2s",
				"newsprobe worker", this.queue);
		assertThat(count("SELECT count(*) FROM newsprobe.article")).isZero();
	}

	@Test
	void aRemoteRunWithoutRabbitMqSaysSoAndStartsNothing() {
		long executions = count("SELECT count(*) FROM newsprobe_batch.batch_job_execution");

		Result result = audit("--remote", "--spring.rabbitmq.port=1");

		assertThat(result.code()).isEqualTo(ExitCodes.FAILED);
		assertThat(result.err()).contains("cannot reach RabbitMQ at 127.0.0.1:1");
		assertThat(count("SELECT count(*) FROM newsprobe_batch.batch_job_execution")).isEqualTo(executions);
	}

	@Test
	void theWorkerCommandHasHelp() {
		StringWriter out = new StringWriter();
		int code = new NewsprobeCli(args -> {
			throw new AssertionError("help needs no application");
		}, new PrintWriter(out), new PrintWriter(new StringWriter())).execute("worker", "--help");

		assertThat(code).isZero();
		assertThat(out.toString()).startsWith("Usage: newsprobe worker").contains("SIGTERM", "--queue");
	}

	private Result audit(String... extra) {
		List<String> args = new ArrayList<>(List.of("audit", "--input", archive.toString()));
		args.addAll(List.of(extra));
		args.addAll(settings());
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		PrintWriter errWriter = new PrintWriter(err);
		NewsprobeCli cli = new NewsprobeCli(springArgs -> NewsprobeApplication.start(springArgs, errWriter),
				new PrintWriter(out), errWriter);
		int code = cli.execute(args.toArray(String[]::new));
		return new Result(code, out.toString(), err.toString());
	}

	private List<String> settings() {
		return List.of("--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + TestDatabases.user(),
				"--newsprobe.probe.allowed-networks=127.0.0.1/32", "--newsprobe.probe.retry-backoff=50ms",
				"--newsprobe.probe.total-timeout=20s", "--newsprobe.partition.queue=" + this.queue,
				"--newsprobe.partition.poll-interval=200ms", "--spring.rabbitmq.host=127.0.0.1",
				"--logging.level.root=WARN");
	}

	private void startWorkers(int count, String... extra) throws Exception {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		for (int i = 0; i < count; i++) {
			List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
					NewsprobeApplication.class.getName(), "worker"));
			command.addAll(settings());
			command.add("--logging.level.dev.newsprobe=INFO");
			command.addAll(List.of(extra));
			Path log = this.logs.resolve("worker-" + i + ".log");
			this.workers.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
		}
		for (int i = 0; i < count; i++) {
			Path log = this.logs.resolve("worker-" + i + ".log");
			Process worker = this.workers.get(i);
			await(Duration.ofMinutes(2), () -> {
				assertThat(worker.isAlive()).as("worker %s: %s", log, read(log)).isTrue();
				return read(log).contains("newsprobe worker: taking partitions");
			});
		}
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void await(Duration limit, BooleanSupplier condition) throws InterruptedException {
		long deadline = System.nanoTime() + limit.toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(System.nanoTime()).as("waited %s", limit).isLessThan(deadline);
			Thread.sleep(100);
		}
	}

	private long runningProbePartitionsWithCommits() {
		return count("SELECT count(*) FROM newsprobe_batch.batch_step_execution WHERE step_name LIKE '%probe:partition%'"
				+ " AND status = 'STARTED' AND commit_count >= 1");
	}

	private long messages(String name) {
		var info = this.admin.getQueueInfo(name);
		return (info != null) ? info.getMessageCount() : -1;
	}

	private static void reset() {
		jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result CASCADE");
	}

	private static long lastExecution() {
		return count("SELECT max(job_execution_id) FROM newsprobe_batch.batch_job_execution");
	}

	private static List<String> partitions(long execution) {
		return jdbc.queryForList("SELECT step_name FROM newsprobe_batch.batch_step_execution WHERE job_execution_id = ?"
				+ " AND step_name LIKE '%:partition%' AND status = 'COMPLETED'", String.class, execution);
	}

	private static long count(String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	/** What a user sees of a run in the result tables, row by row, without ids and times. */
	private static Map<String, List<String>> snapshot(long execution) {
		Map<String, List<String>> tables = new LinkedHashMap<>();
		tables.put("article", rows("SELECT path, content_hash, web_url, title FROM newsprobe.article"));
		tables.put("article_link", rows("SELECT a.path, l.position, l.url, l.role FROM newsprobe.article_link l"
				+ " JOIN newsprobe.article a ON a.id = l.article_id"));
		tables.put("article_image", rows("SELECT a.path, i.position, i.url, i.declared_width FROM newsprobe.article_image i"
				+ " JOIN newsprobe.article a ON a.id = i.article_id"));
		tables.put("url_state", rows("SELECT url, kind, verdict, status_code, final_url, image_width FROM newsprobe.url_state"));
		tables.put("probe_result", rows("SELECT url, verdict, status_code, final_url FROM newsprobe.probe_result"
				+ " WHERE job_execution_id = " + execution));
		tables.put("ingest_error", rows("SELECT path, line, code, rejected, reason FROM newsprobe.ingest_error"
				+ " WHERE job_execution_id = " + execution));
		assertThat(count("SELECT count(*) - count(DISTINCT url) FROM newsprobe.probe_result WHERE job_execution_id = "
				+ execution)).as("each URL once in probe_result").isZero();
		return tables;
	}

	private static List<String> rows(String sql) {
		return jdbc.query(sql, (rs, row) -> {
			StringBuilder text = new StringBuilder();
			for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
				text.append('|').append(rs.getString(i));
			}
			return text.append('|').toString();
		}).stream().sorted().toList();
	}

	/** Every path of the archive on every host, answering after a latency. */
	private static void serve(Duration latency) {
		byte[] image = Fixtures.png(40, 30);
		for (FixtureWeb host : hosts) {
			for (int n = 0; n < ARTICLES; n++) {
				host.route("/ok/" + n, Response.html("<html><head><title>Story " + n + "</title></head></html>").latency(latency));
				host.route("/gone/" + n, Response.status(404).latency(latency));
				host.route("/moved/" + n, Response.redirect(301, "/ok/" + n).latency(latency));
				host.route("/img/" + n + ".png", Response.image(image, "image/png").latency(latency));
			}
			host.route("/shared", Response.html("<html><head><title>Shared</title></head></html>").latency(latency));
		}
	}

	/**
	 * Forty articles over four hosts, each citing its own page, an image (some with the wrong declared
	 * size), a broken link or a moved one, and one URL all of them share; two of them declare the same
	 * webUrl; one file is not valid YAML.
	 */
	private static void writeArchive() {
		try {
			for (int n = 0; n < ARTICLES; n++) {
				FixtureWeb own = hosts.get(n % 4);
				String webUrl = own.url("/ok/" + ((n == 33) ? 3 : n));
				StringBuilder text = new StringBuilder("---\ntitle: \"Story " + n + "\"\nwebUrl: \"" + webUrl + "\"\n");
				text.append("images:\n  - url: \"").append(own.url("/img/" + n + ".png")).append("\"\n    width: ")
					.append((n % 6 == 0) ? 50 : 40)
					.append("\n    height: 30\n---\n");
				text.append("[shared](").append(hosts.get(0).url("/shared")).append(")\n");
				text.append("[gone](").append(hosts.get((n + 1) % 4).url("/gone/" + n)).append(")\n");
				text.append("[moved](").append(hosts.get((n + 2) % 4).url("/moved/" + n)).append(")\n");
				text.append("[peer](").append(hosts.get((n + 3) % 4).url("/ok/" + ((n + 1) % ARTICLES))).append(")\n");
				Path file = archive.resolve(String.format("d%d/a%03d.md", n / 10, n));
				Files.createDirectories(file.getParent());
				Files.writeString(file, text);
			}
			Files.writeString(archive.resolve("d2/broken.md"), "---\ntitle: Breaking: news\n---\n");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	record Result(int code, String out, String err) {
	}

}
