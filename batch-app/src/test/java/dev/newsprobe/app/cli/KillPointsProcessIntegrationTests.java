package dev.newsprobe.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.app.test.NewsprobeProcess;
import dev.newsprobe.app.test.NewsprobeProcess.Result;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.database.DatabaseSchema;
import dev.newsprobe.jobs.report.ReportFiles;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGKILL in the middle of each step of {@code articleAuditJob} but probing (which
 * {@link OperatorProcessIntegrationTests} kills): ingest, the sweep of vanished files, the image
 * store, reconcile, write-back and the report. After a plain {@code recover --restart}, the
 * database, the article files, the image store and the report are what one uninterrupted run of
 * the same archive leaves.
 * <p>
 * Every run, killed or not, audits a copy of one archive with the image store on and
 * {@code --write-back}, on a database seeded with articles whose files are gone (so the sweep has
 * work). To kill a run at a known point, a trigger the test installs makes the step's write wait
 * on an advisory lock the test holds, once the step has committed a few chunks (or, for the report,
 * which only reads, the test holds a lock on a table the report reads). The test sees the process
 * wait there, kills it, lets go, and removes the trigger: a deterministic kill in mid-step, with
 * chunks committed and one in flight. One uninterrupted reference run serves every kill point.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KillPointsProcessIntegrationTests {

	static final int ARTICLES = 120;

	static final int GHOSTS = 20;

	static final long HOLD = 7_777_001L;

	static FixtureWeb web;

	static Path archive;

	static Path referenceRoot;

	static Snapshot reference;

	@TempDir
	static Path tmp;

	@BeforeAll
	static void archiveAndReferenceRun() throws Exception {
		web = FixtureWeb.start();
		archive = tmp.resolve("archive");
		for (int i = 0; i < ARTICLES; i++) {
			web.route("/p/" + i, (i % 10 == 3) ? Response.status(404) : Response.html("<title>Story " + i + "</title>"));
			web.route("/img/" + i + ".png", (i % 10 == 7) ? Response.status(404)
					: Response.image(Fixtures.png(40 + i, 30), "image/png"));
			// every image declared cached: those the store mirrors agree, the broken ones are written back
			String text = "---\ntitle: \"Story " + i + "\"\nwebUrl: \"" + web.url("/p/" + i) + "\"\nimages:\n  - url: \""
					+ web.url("/img/" + i + ".png") + "\"\n    width: " + (40 + i) + "\n    height: 30\n    isCached: "
					+ (i % 3 != 0) + "\n---\nBody " + i + "\n";
			Path file = archive.resolve(String.format("d%d/a%03d.md", i / 40, i));
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		Run run = new Run("reference", ReferenceDatabase.class);
		assertThat(inProcess(run.args("audit"))).as("the uninterrupted reference run").isZero();
		reference = Snapshot.of(run);
		referenceRoot = run.root;
		assertThat(reference.articles()).as("the ghosts marked gone")
			.anyMatch(row -> row.contains("ghost") && row.endsWith("gone"));
		assertThat(reference.files()).as("files written back").isNotEqualTo(Snapshot.files(archive));
		assertThat(reference.store()).as("images mirrored").hasSizeGreaterThan(ARTICLES / 2);
	}

	@AfterAll
	static void stopWeb() {
		web.close();
	}

	@Test
	@Order(1)
	void killedInTheMiddleOfIngest() throws Exception {
		killAndRecover("ingest", IngestDatabase.class, """
				CREATE TRIGGER kill_point BEFORE INSERT ON newsprobe.article FOR EACH ROW
				EXECUTE FUNCTION newsprobe.kill_point_hold('newsprobe.article', '60')""");
	}

	@Test
	@Order(2)
	void killedInTheMiddleOfTheSweepOfVanishedFiles() throws Exception {
		killAndRecover("sweep", SweepDatabase.class, """
				CREATE TRIGGER kill_point BEFORE UPDATE ON newsprobe.article FOR EACH ROW
				WHEN (OLD.gone_at IS NULL AND NEW.gone_at IS NOT NULL)
				EXECUTE FUNCTION newsprobe.kill_point_hold('newsprobe.article', '0')""");
	}

	@Test
	@Order(3)
	void killedInTheMiddleOfTheImageStore() throws Exception {
		killAndRecover("store", StoreDatabase.class, """
				CREATE TRIGGER kill_point BEFORE INSERT ON newsprobe.image_copy FOR EACH ROW
				EXECUTE FUNCTION newsprobe.kill_point_hold('newsprobe.image_copy', '15')""");
	}

	@Test
	@Order(4)
	void killedInTheMiddleOfReconcile() throws Exception {
		killAndRecover("reconcile", ReconcileDatabase.class, """
				CREATE TRIGGER kill_point BEFORE INSERT ON newsprobe.image_reconciliation FOR EACH ROW
				EXECUTE FUNCTION newsprobe.kill_point_hold('newsprobe.image_reconciliation', '30')""");
	}

	@Test
	@Order(5)
	void killedInTheMiddleOfWriteBack() throws Exception {
		killAndRecover("write-back", WriteBackDatabase.class, """
				CREATE TRIGGER kill_point BEFORE INSERT ON newsprobe.audit_event FOR EACH ROW
				WHEN (NEW.step_name = 'articleAuditJob.writeBack')
				EXECUTE FUNCTION newsprobe.kill_point_hold(
				    'newsprobe.audit_event WHERE step_name = ''articleAuditJob.writeBack''', '8')""");
	}

	@Test
	@Order(6)
	void killedInTheMiddleOfTheReport() throws Exception {
		killAndRecover("report", ReportDatabase.class, null);
	}

	/**
	 * Runs the audit in its own process until it waits at the kill point, kills it, runs a plain
	 * {@code recover --restart}, and compares what is left with the reference run.
	 * @param trigger the trigger that holds the step, or {@code null} for the report (held by a table lock)
	 */
	private static void killAndRecover(String name, Class<?> database, String trigger) throws Exception {
		Run run = new Run(name, database);
		run.jdbc.execute("""
				CREATE FUNCTION newsprobe.kill_point_hold() RETURNS trigger AS $$
				DECLARE done bigint;
				BEGIN
				    EXECUTE 'SELECT count(*) FROM ' || TG_ARGV[0] INTO done;
				    IF done >= TG_ARGV[1]::bigint THEN
				        PERFORM pg_advisory_xact_lock(%d);
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql""".formatted(HOLD));
		try (Connection holder = DriverManager.getConnection(run.url, TestDatabases.user(), "");
				Statement statement = holder.createStatement()) {
			statement.execute("SELECT pg_advisory_lock(" + HOLD + ")");
			if (trigger != null) {
				run.jdbc.execute(trigger);
			}
			NewsprobeProcess audit = NewsprobeProcess.start(tmp, name + "-audit", run.args("audit"));
			if (trigger == null) {
				// the report only reads: once ingest is over, the test takes a table only ingest writes and the report reads
				NewsprobeProcess.await(Duration.ofSeconds(120), "the probe step running",
						() -> run.stepStatus("articleAuditJob.probe").equals("STARTED"), audit);
				holder.setAutoCommit(false);
				statement.execute("LOCK TABLE newsprobe.ingest_error IN ACCESS EXCLUSIVE MODE");
				NewsprobeProcess.await(Duration.ofSeconds(120), "the report waiting on newsprobe.ingest_error",
						() -> run.count("SELECT count(*) FROM pg_locks WHERE NOT granted AND relation = "
								+ "'newsprobe.ingest_error'::regclass") > 0, audit);
			}
			else {
				NewsprobeProcess.await(Duration.ofSeconds(120), "the run waiting at the kill point", () -> run.count(
						"SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted AND objid = " + HOLD) > 0,
						audit);
			}
			String held = run.runningStep();
			audit.kill();
			assertThat(audit.await(30).code()).isEqualTo(137);
			System.out.println(name + ": killed in " + held + " after " + run.commits(held) + " commits");
			assertThat(held).isEqualTo(switch (name) {
				case "ingest" -> "articleAuditJob.ingest";
				case "sweep" -> "articleAuditJob.ingestSweep";
				case "store" -> "articleAuditJob.reconcileImageStore";
				case "reconcile" -> "articleAuditJob.reconcile";
				case "write-back" -> "articleAuditJob.writeBack";
				default -> "articleAuditJob.report";
			});
		}
		// after the test let go: the killed run's session, still waiting in the trigger, goes on, finds its client gone and ends
		if (trigger != null) {
			run.jdbc.execute("DROP TRIGGER kill_point ON " + trigger.split(" ON ")[1].split("\\s")[0]);
		}
		// the killed process's sessions are gone once the server has noticed
		NewsprobeProcess.await(Duration.ofSeconds(30), "the killed run's sessions ended", () -> run.count("""
				SELECT count(*) FROM pg_stat_activity
				WHERE datname = current_database() AND application_name LIKE 'newsprobe%'""") == 0);

		Result recovered = NewsprobeProcess.run(tmp, name + "-recover", run.plainArgs("recover", "--restart"));

		assertThat(recovered.code()).as(recovered.toString()).isZero();
		assertThat(recovered.out()).contains("was orphaned", "Going on with the settings", " COMPLETED in ");
		assertThat(run.jdbc.queryForList("SELECT status FROM newsprobe_batch.batch_job_execution ORDER BY job_execution_id",
				String.class)).containsExactly("FAILED", "COMPLETED");
		Snapshot snapshot = Snapshot.of(run);
		assertThat(snapshot).isEqualTo(reference);
		long last = run.count("SELECT max(job_execution_id) FROM newsprobe_batch.batch_job_execution");
		String tag = run.jdbc.queryForObject("SELECT left(replace(id::text, '-', ''), 8) FROM newsprobe.database_identity",
				String.class);
		ReportFiles report = ReportFiles.in(run.root.resolve("reports"), tag, last);
		assertThat(report.markdown()).exists();
		assertThat(report.html()).exists();
		assertThat(Files.readString(report.markdown())).contains("COMPLETED");
	}

	private static int inProcess(List<String> args) {
		PrintWriter err = new PrintWriter(new StringWriter());
		return new NewsprobeCli(springArgs -> NewsprobeApplication.start(springArgs, err), new PrintWriter(new StringWriter()),
				err).execute(args.toArray(String[]::new));
	}

	/** One audit's database, archive copy, image store and report directory. */
	static final class Run {

		final String url;

		final JdbcTemplate jdbc;

		final Path root;

		final Path archive;

		Run(String name, Class<?> database) throws IOException {
			this.url = TestDatabases.freshDatabase(database);
			SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), this.url,
					TestDatabases.user(), "");
			new DatabaseSchema(dataSource).migrate();
			this.jdbc = new JdbcTemplate(dataSource);
			this.root = tmp.resolve("run-" + name);
			this.archive = this.root.resolve("archive");
			copy(KillPointsProcessIntegrationTests.archive, this.archive);
			// articles an earlier run found whose files are gone since: the sweep marks them gone
			this.jdbc.update("""
					INSERT INTO newsprobe.article (id, path, content_hash, first_ingested_at, last_ingested_at,
					                               last_ingest_execution_id)
					SELECT nextval('newsprobe.article_id_seq'), ? || '/d9/ghost-' || g || '.md', 'gone-' || g, now(), now(), 0
					FROM generate_series(1, ?) g""", this.archive.toString(), GHOSTS);
		}

		/** The audit with every setting of these runs (each recorded with the run, so a plain restart keeps them). */
		List<String> args(String command) {
			List<String> args = plainArgs(command);
			args.addAll(List.of("--input", this.archive.toString(), "--write-back", "--report-dir=" + this.root.resolve("reports"),
					"--newsprobe.probe.allowed-networks=127.0.0.1/32", "--newsprobe.probe.max-attempts=1",
					"--newsprobe.store.enabled=true", "--newsprobe.store.directory=" + this.root.resolve("store"),
					"--newsprobe.ingest.chunk-size=5", "--newsprobe.probe.chunk-size=20", "--newsprobe.store.chunk-size=5",
					"--newsprobe.reconcile.chunk-size=10", "--newsprobe.write-back.chunk-size=4",
					"--newsprobe.operations.heartbeat-interval=1s", "--newsprobe.operations.heartbeat-timeout=10s"));
			return args;
		}

		List<String> plainArgs(String... command) {
			List<String> args = new ArrayList<>(List.of(command));
			args.addAll(List.of("--spring.datasource.url=" + this.url, "--spring.datasource.username=" + TestDatabases.user()));
			return args;
		}

		long count(String sql) {
			return this.jdbc.queryForObject(sql, Long.class);
		}

		String stepStatus(String step) {
			List<String> statuses = this.jdbc.queryForList(
					"SELECT status FROM newsprobe_batch.batch_step_execution WHERE step_name = ? ORDER BY step_execution_id DESC",
					String.class, step);
			return statuses.isEmpty() ? "" : statuses.get(0);
		}

		String runningStep() {
			List<String> steps = this.jdbc.queryForList(
					"SELECT step_name FROM newsprobe_batch.batch_step_execution WHERE status = 'STARTED'", String.class);
			assertThat(steps).as("the step running at the kill").hasSize(1);
			return steps.get(0);
		}

		long commits(String step) {
			return count("SELECT commit_count FROM newsprobe_batch.batch_step_execution WHERE step_name = '" + step + "'");
		}

	}

	/** What an audit leaves, without the ids, times and paths that differ between two runs. */
	record Snapshot(List<String> articles, List<String> urls, List<String> probes, List<String> events,
			List<String> reconciliation, List<String> copies, List<String> refusals, List<String> errors,
			Map<String, String> files, List<String> store) {

		static Snapshot of(Run run) {
			String root = run.archive.toString();
			return new Snapshot(rows(run, root, "SELECT path, web_url, content_hash, CASE WHEN gone_at IS NULL THEN 'live'"
					+ " ELSE 'gone' END FROM newsprobe.article"),
					rows(run, root, "SELECT url, kind, verdict, status_code, final_url, consecutive_failures FROM newsprobe.url_state"),
					rows(run, root, "SELECT url, verdict, status_code FROM newsprobe.probe_result"),
					rows(run, root, "SELECT entity, entity_key, field, old_value, new_value, step_name FROM newsprobe.audit_event"),
					rows(run, root, """
							SELECT a.path, r.position, r.url, r.declared_is_cached, r.state
							FROM newsprobe.image_reconciliation r JOIN newsprobe.article a ON a.id = r.article_id"""),
					rows(run, root, "SELECT url, state, sha256 FROM newsprobe.image_copy"),
					rows(run, root, "SELECT path, field, code FROM newsprobe.write_back_refusal"),
					rows(run, root, "SELECT path, code FROM newsprobe.ingest_error"), files(run.archive),
					storeFiles(run.root.resolve("store")));
		}

		private static List<String> rows(Run run, String root, String sql) {
			List<String> rows = new ArrayList<>();
			run.jdbc.query(sql, rs -> {
				StringBuilder row = new StringBuilder();
				for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
					row.append(i > 1 ? " | " : "").append(rs.getString(i));
				}
				rows.add(row.toString().replace(root, "ARCHIVE"));
			});
			rows.sort(null);
			return rows;
		}

		/** Each file under a directory, by relative path, with a digest of its content. */
		static Map<String, String> files(Path directory) {
			Map<String, String> files = new TreeMap<>();
			try (var paths = Files.walk(directory)) {
				for (Path path : paths.filter(Files::isRegularFile).toList()) {
					byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(path));
					files.put(directory.relativize(path).toString(), HexFormat.of().formatHex(digest, 0, 8));
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			catch (java.security.NoSuchAlgorithmException ex) {
				throw new IllegalStateException(ex);
			}
			return files;
		}

		private static List<String> storeFiles(Path store) {
			if (!Files.isDirectory(store)) {
				return List.of();
			}
			return files(store).keySet().stream().filter(path -> !path.contains("tmp")).sorted().toList();
		}

	}

	private static void copy(Path from, Path to) throws IOException {
		try (var paths = Files.walk(from)) {
			for (Path path : paths.toList()) {
				Path target = to.resolve(from.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(target);
				}
				else {
					Files.writeString(target, Files.readString(path, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
				}
			}
		}
	}

	private static final class ReferenceDatabase {

	}

	private static final class IngestDatabase {

	}

	private static final class SweepDatabase {

	}

	private static final class StoreDatabase {

	}

	private static final class ReconcileDatabase {

	}

	private static final class WriteBackDatabase {

	}

	private static final class ReportDatabase {

	}

}
