package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.operate.ExecutionLocks;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator commands ({@code status}, {@code restart}, {@code stop}, {@code abandon},
 * {@code recover}) as an operator types them, against a real PostgreSQL: their help, what they do,
 * and every refusal with its message and exit code. Executions left running by another process
 * are recorded in the job repository as Spring Batch records them, with the heartbeat of a live
 * process (this one) or of one that is gone; killing real processes is
 * {@link OperatorProcessIntegrationTests}' part.
 */
class OperatorCommandsIntegrationTests {

	static final String TEST_JOB = "operatorTestJob";

	static final AtomicLong instances = new AtomicLong();

	static String databaseUrl;

	static JdbcTemplate jdbc;

	static ConfigurableApplicationContext context;

	@TempDir
	Path tmp;

	@BeforeAll
	static void database() {
		databaseUrl = TestDatabases.freshDatabase(OperatorCommandsIntegrationTests.class);
		context = NewsprobeApplication.start(config().toArray(String[]::new), new PrintWriter(new StringWriter()));
		jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
	}

	@AfterAll
	static void close() {
		context.close();
	}

	@Test
	void everyOperatorCommandHasHelpThatNamesItsExitCodes() {
		for (String command : List.of("status", "restart", "stop", "abandon", "recover")) {
			Result result = newsprobe(false, command, "--help");
			assertThat(result.code()).as(command).isZero();
			assertThat(result.out()).as(command).startsWith("Usage: newsprobe " + command).contains("Exit codes:");
		}
		assertThat(newsprobe(false, "--help").out()).contains("restart", "stop", "abandon", "recover");
	}

	@Test
	void anUnknownOrMalformedExecutionIdIsAUsageErrorForEveryCommand() {
		for (String command : List.of("status", "restart", "stop", "abandon")) {
			Result unknown = newsprobe(true, command, "987654");
			assertThat(unknown.code()).as(command + " " + unknown).isEqualTo(2);
			assertThat(unknown.err()).as(command).contains("there is no job execution 987654", "'newsprobe status'");
			Result malformed = newsprobe(false, command, "last-night");
			assertThat(malformed.code()).as(command).isEqualTo(2);
			assertThat(malformed.err()).as(command).contains("last-night");
		}
		assertThat(newsprobe(false, "restart").code()).isEqualTo(2);
		assertThat(newsprobe(false, "status", "--status", "SLEEPING").code()).isEqualTo(2);
		assertThat(newsprobe(false, "stop", "1", "--wait", "--timeout", "soon").code()).isEqualTo(2);
	}

	@Test
	void aCompletedRunIsNotRestartedStoppedNorAbandoned() {
		long id = completedAudit("completed");

		Result restart = newsprobe(true, "restart", String.valueOf(id));
		Result stop = newsprobe(true, "stop", String.valueOf(id));
		Result abandon = newsprobe(true, "abandon", String.valueOf(id));

		assertThat(restart.code()).isEqualTo(1);
		assertThat(restart.err()).contains("articleAuditJob execution " + id + " COMPLETED at",
				"a completed run has nothing left to restart");
		assertThat(stop.code()).isEqualTo(1);
		assertThat(stop.err()).contains("is not running: it is COMPLETED", "nothing to stop");
		assertThat(abandon.code()).isEqualTo(1);
		assertThat(abandon.err()).contains("COMPLETED; only a FAILED or STOPPED run can be abandoned");
		assertThat(status(id)).isEqualTo("COMPLETED");
	}

	@Test
	void restartResumesAFailedAuditFromItsLastCommitAndCompletesIt() {
		Path archive = this.tmp.resolve("failing");
		for (int i = 0; i < 30; i++) {
			Archives.writeArticle(archive.resolve("f" + i + ".md"), 2000 + i);
		}
		jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.operator_test_refuse() RETURNS trigger AS $$
				BEGIN RAISE EXCEPTION 'database refuses writes (simulated by the test)'; END $$ LANGUAGE plpgsql
				""");
		jdbc.execute("CREATE TRIGGER operator_test_refuse BEFORE INSERT ON newsprobe.ingest_error "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.operator_test_refuse()");
		long failed;
		try {
			writeFile(archive.resolve("z-bad.md"), "---\ntitle: Breaking: news\n---\n");
			Result audit = newsprobe(true, "audit", "--input", archive.toString());
			assertThat(audit.code()).isEqualTo(1);
			failed = latestExecution();
			assertThat(audit.err()).contains("'newsprobe restart " + failed + "'");
		}
		finally {
			jdbc.execute("DROP TRIGGER operator_test_refuse ON newsprobe.ingest_error");
		}

		Result restart = newsprobe(true, "restart", String.valueOf(failed));

		assertThat(restart.code()).as(restart.toString()).isZero();
		assertThat(restart.out()).contains("Restarting articleAuditJob execution " + failed + " (FAILED)", "COMPLETED");
		long restarted = latestExecution();
		assertThat(status(restarted)).isEqualTo("COMPLETED");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM newsprobe.article WHERE path LIKE ?", Long.class,
				archive + "/%")).isEqualTo(30);
		Result again = newsprobe(true, "restart", String.valueOf(failed));
		assertThat(again.code()).isEqualTo(1);
		assertThat(again.out()).contains("is not the latest of its job instance; the latest is " + restarted + " (COMPLETED)");
		assertThat(again.err()).contains("nothing left to restart");
	}

	@Test
	void aRunningExecutionWithALiveProcessIsShownStoppableAndRefusedRestartAbandonAndRecovery() {
		long id = runningExecution(ProcessHandle.current().pid(), hostName(), "now()");

		Result status = newsprobe(true, "status");
		Result restart = newsprobe(true, "restart", String.valueOf(id));
		Result abandon = newsprobe(true, "abandon", String.valueOf(id));
		Result recover = newsprobe(true, "recover");

		assertThat(status.code()).isZero();
		assertThat(status.out()).contains("Running now:", TEST_JOB + " execution " + id + " STARTED since",
				"step " + TEST_JOB + ".step", "pid " + ProcessHandle.current().pid() + " on ", "last heartbeat");
		assertThat(restart.code()).isEqualTo(1);
		assertThat(restart.err()).contains("cannot be restarted while it runs", "'newsprobe stop " + id + "'");
		assertThat(abandon.code()).isEqualTo(1);
		assertThat(abandon.err()).contains("a running execution cannot be abandoned", "Stop it first");
		assertThat(recover.code()).isZero();
		assertThat(recover.out()).contains("Nothing to recover:", "running, each with a live process (heartbeat within 60 s)",
				String.valueOf(id));
		assertThat(status(id)).isEqualTo("STARTED");

		Result stop = newsprobe(true, "stop", String.valueOf(id));

		assertThat(stop.code()).as(stop.toString()).isZero();
		assertThat(stop.out()).contains("Asked " + TEST_JOB + " execution " + id + " to stop",
				"resume it with 'newsprobe restart " + id + "'");
		assertThat(status(id)).isIn("STOPPING", "STOPPED");
		markEnded(id);
	}

	@Test
	void recoverMarksAnExecutionWhoseProcessDiedFailedWithTheReasonAndLeavesItRestartable() {
		long deadPid = deadProcessId();
		long id = runningExecution(deadPid, hostName(), "now()");

		Result status = newsprobe(true, "status");
		Result stop = newsprobe(true, "stop", String.valueOf(id));
		Result restart = newsprobe(true, "restart", String.valueOf(id));

		assertThat(status.out()).contains("execution " + id, "ORPHANED: its process (pid " + deadPid, "is no longer alive",
				"'newsprobe recover'");
		assertThat(stop.code()).isEqualTo(1);
		assertThat(stop.err()).contains("is no longer alive", "nothing can stop it", "'newsprobe recover'");
		assertThat(restart.code()).isEqualTo(1);
		assertThat(restart.err()).contains("'newsprobe recover --restart'");

		Result recover = newsprobe(true, "recover");

		assertThat(recover.code()).as(recover.toString()).isZero();
		assertThat(recover.out()).contains(TEST_JOB + " execution " + id + " (STARTED since", "was orphaned",
				"its process (pid " + deadPid, "is no longer alive", "Marked it and its running steps FAILED",
				"'newsprobe restart " + id + "'");
		assertThat(status(id)).isEqualTo("FAILED");
		assertThat(jdbc.queryForObject("SELECT exit_message FROM newsprobe_batch.batch_job_execution WHERE job_execution_id = ?",
				String.class, id)).startsWith("Orphaned: its process (pid " + deadPid);
		assertThat(jdbc.queryForObject("SELECT status || ' ' || exit_code FROM newsprobe_batch.batch_step_execution "
				+ "WHERE job_execution_id = ?", String.class, id)).isEqualTo("FAILED FAILED");

		Result detail = newsprobe(true, "status", String.valueOf(id));

		assertThat(detail.code()).isZero();
		assertThat(detail.out()).contains(TEST_JOB + " execution " + id + ": FAILED (exit code FAILED)",
				"exit       Orphaned: its process", TEST_JOB + ".step", "FAILED", "COMMITS", "ROLLBACKS");
		assertThat(newsprobe(true, "recover").out()).doesNotContain("execution " + id + " ");
	}

	@Test
	void recoverFindsAnExecutionWhoseHeartbeatOnAnotherHostStoppedAndOneThatNeverHadAHeartbeat() {
		long silent = runningExecution(4242, "another-host.example", "now() - interval '5 minutes'");
		long ancient = runningExecution(-1, null, null);
		jdbc.update("UPDATE newsprobe_batch.batch_job_execution SET create_time = now() - interval '2 hours' "
				+ "WHERE job_execution_id = ?", ancient);

		Result recover = newsprobe(true, "recover");

		assertThat(recover.code()).as(recover.toString()).isZero();
		assertThat(recover.out()).contains("execution " + silent + " (STARTED", "its last heartbeat (pid 4242 on another-host.example) was",
				"more than the 60 s allowed", "execution " + ancient + " (STARTED",
				"no heartbeat was ever recorded for it");
		assertThat(status(silent)).isEqualTo("FAILED");
		assertThat(status(ancient)).isEqualTo("FAILED");
	}

	@Test
	void abandonGivesUpAFailedRunForGoodAndRestartThenRefusesIt() {
		long id = runningExecution(deadProcessId(), hostName(), "now()");
		assertThat(newsprobe(true, "recover").code()).isZero();

		Result abandon = newsprobe(true, "abandon", String.valueOf(id));
		Result again = newsprobe(true, "abandon", String.valueOf(id));
		Result restart = newsprobe(true, "restart", String.valueOf(id));

		assertThat(abandon.code()).as(abandon.toString()).isZero();
		assertThat(abandon.out()).contains(TEST_JOB + " execution " + id + " is now ABANDONED", "never be restarted");
		assertThat(status(id)).isEqualTo("ABANDONED");
		assertThat(again.code()).isZero();
		assertThat(again.out()).contains("already ABANDONED; nothing to do");
		assertThat(restart.code()).isEqualTo(1);
		assertThat(restart.err()).contains("was ABANDONED; an abandoned run is never restarted");
	}

	@Test
	void abandonMarksARunLeftBehindByADeadProcessFailedFirst() {
		long id = runningExecution(deadProcessId(), hostName(), "now()");

		Result abandon = newsprobe(true, "abandon", String.valueOf(id));

		assertThat(abandon.code()).as(abandon.toString()).isZero();
		assertThat(abandon.out()).contains("was left STARTED by a process that is gone", "marked FAILED", "is now ABANDONED");
		assertThat(status(id)).isEqualTo("ABANDONED");
	}

	@Test
	void statusFiltersByJobAndStatusAndShowsOneExecutionStepByStep() {
		long id = completedAudit("filters");

		Result completed = newsprobe(true, "status", "--job", "articleAuditJob", "--status", "completed");
		Result failedOnly = newsprobe(true, "status", "--status", "FAILED", "--job", "articleAuditJob", "--limit", "50");
		Result unknownJob = newsprobe(true, "status", "--job", "noSuchJob");
		Result detail = newsprobe(true, "status", String.valueOf(id));

		assertThat(completed.code()).isZero();
		assertThat(completed.out()).contains("EXECUTION", String.format("%-9d articleAuditJob  COMPLETED", id))
			.doesNotContain("FAILED ", TEST_JOB);
		assertThat(failedOnly.out().lines().filter(line -> line.matches("^\\d+ .*")))
			.allMatch(line -> line.contains(" FAILED "));
		assertThat(unknownJob.out()).contains("No executions of noSuchJob yet. Known jobs:", "articleAuditJob");
		assertThat(detail.code()).isZero();
		assertThat(detail.out()).contains("articleAuditJob execution " + id + ": COMPLETED (exit code COMPLETED)",
				"parameters input=", "articleAuditJob.ingest", "articleAuditJob.probe", "READ", "WRITTEN", "COMMITS");
	}

	@Test
	void anExecutionWhoseLockIsHeldIsAliveWhateverItsHeartbeatSays() throws Exception {
		long id = runningExecution(4242, "another-host.example", "now() - interval '5 minutes'");
		Result recover;
		Result status;
		java.util.Properties properties = new java.util.Properties();
		properties.setProperty("user", TestDatabases.user());
		properties.setProperty("ApplicationName", "a live run");
		try (Connection holder = DriverManager.getConnection(databaseUrl, properties);
				PreparedStatement lock = holder.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
			lock.setInt(1, ExecutionLocks.LOCK_CLASS);
			lock.setInt(2, (int) id);
			lock.execute();

			recover = newsprobe(true, "recover");
			status = newsprobe(true, "status");
		}

		assertThat(recover.code()).as(recover.toString()).isZero();
		assertThat(recover.out()).contains("Nothing to recover:",
				TEST_JOB + " execution " + id + ": its lock is held by a live run", "last heartbeat 3");
		assertThat(status.out()).contains(TEST_JOB + " execution " + id + " STARTED", "its lock is held by a live run");
		assertThat(status(id)).isEqualTo("STARTED");

		Result afterItsSessionEnded = newsprobe(true, "recover");

		assertThat(afterItsSessionEnded.out()).contains(TEST_JOB + " execution " + id + " (STARTED since", "was orphaned",
				"its last heartbeat (pid 4242 on another-host.example)");
		assertThat(status(id)).isEqualTo("FAILED");
	}

	@Test
	void anAuditWhoseLastRunWasLeftRunningByAProcessThatIsGoneRecoversItAndResumesItAndSaysSoFirst() {
		Path archive = this.tmp.resolve("orphan");
		for (int i = 0; i < 3; i++) {
			Archives.writeArticle(archive.resolve("o" + i + ".md"), 3000 + i);
		}
		JobRepository repository = context.getBean(JobRepository.class);
		JobParameters parameters = RunParameters.forRun(List.of(archive.toAbsolutePath().normalize()),
				10_000 + instances.incrementAndGet());
		JobInstance instance = repository.createJobInstance("articleAuditJob", parameters);
		JobExecution left = repository.createJobExecution(instance, parameters, new ExecutionContext());
		left.setStatus(BatchStatus.STARTED);
		left.setStartTime(LocalDateTime.now());
		repository.update(left);
		StepExecution step = repository.createStepExecution("articleAuditJob.ingest", left);
		step.setStatus(BatchStatus.STARTED);
		step.setStartTime(LocalDateTime.now());
		repository.update(step);
		long deadPid = deadProcessId();
		jdbc.update("INSERT INTO newsprobe.execution_heartbeat (job_execution_id, host, pid) VALUES (?, ?, ?)", left.getId(),
				hostName(), deadPid);

		Result audit = newsprobe(true, "audit", "--input", archive.toString());

		assertThat(audit.code()).as(audit.toString()).isZero();
		assertThat(audit.out()).startsWith("articleAuditJob execution " + left.getId()
				+ " was left STARTED by a process that is gone (its process (pid " + deadPid);
		assertThat(audit.out()).contains("is no longer alive); marked it FAILED, and resuming it from its last commit.",
				"Restarted articleAuditJob from its last commit (instance " + instance.getInstanceId() + ")", "COMPLETED",
				"3 seen: 3 parsed");
		assertThat(status(left.getId())).isEqualTo("FAILED");
		assertThat(jdbc.queryForList("SELECT status FROM newsprobe_batch.batch_job_execution WHERE job_instance_id = ?"
				+ " ORDER BY job_execution_id", String.class, instance.getInstanceId())).containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void aRestartGoesOnWithTheSettingsItsRunStartedWithAndRefusesAConflictingOneUnlessTold() throws Exception {
		try (FixtureWeb web = FixtureWeb.start()) {
			web.fallback(Response.html("<title>A story</title>"));
			long kept = failedAuditWith(this.tmp.resolve("kept"), web, "--newsprobe.probe.allowed-networks=127.0.0.1/32");
			long replaced = failedAuditWith(this.tmp.resolve("replaced"), web,
					"--newsprobe.probe.allowed-networks=127.0.0.1/32");

			Result detail = newsprobe(true, "status", String.valueOf(kept));
			Result conflicting = newsprobe(true, "restart", String.valueOf(kept), "--newsprobe.probe.allowed-networks=10.0.0.0/8");

			assertThat(detail.out()).contains("  settings   newsprobe.probe.allowed-networks=127.0.0.1/32");
			assertThat(conflicting.code()).as(conflicting.toString()).isEqualTo(2);
			assertThat(conflicting.err()).contains("articleAuditJob execution " + kept + " started with other settings than"
					+ " this command gives", "newsprobe.probe.allowed-networks: the run has '127.0.0.1/32', this command"
					+ " '10.0.0.0/8'", "--with-current-settings");
			assertThat(status(kept)).isEqualTo("FAILED");

			Result plain = newsprobe(true, "restart", String.valueOf(kept));

			assertThat(plain.code()).as(plain.toString()).isZero();
			assertThat(plain.out()).contains("Going on with the settings articleAuditJob execution " + kept
					+ " started with: newsprobe.probe.allowed-networks=127.0.0.1/32", "COMPLETED", "probed  3 URLs: 3 OK");
			assertThat(settingsOf(latestExecution())).isEqualTo("{\"newsprobe.probe.allowed-networks\": \"127.0.0.1/32\"}");

			Result current = newsprobe(true, "restart", String.valueOf(replaced), "--with-current-settings");

			assertThat(current.code()).as(current.toString()).isZero();
			assertThat(current.out()).contains("Going on with this command's settings, not those articleAuditJob execution "
					+ replaced + " started with (--with-current-settings)", "probed  3 URLs: 3 FORBIDDEN_ADDRESS");
			assertThat(settingsOf(latestExecution())).isEqualTo("{}");
		}
	}

	/** An audit of three pages on a fixture host, with a setting, that fails in ingest; its execution id. */
	private long failedAuditWith(Path archive, FixtureWeb web, String setting) {
		for (int i = 0; i < 3; i++) {
			writeFile(archive.resolve("s" + i + ".md"), "---\ntitle: s\nwebUrl: \"" + web.url("/" + archive.getFileName() + i)
					+ "\"\n---\n");
		}
		jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.operator_test_refuse() RETURNS trigger AS $$
				BEGIN RAISE EXCEPTION 'database refuses writes (simulated by the test)'; END $$ LANGUAGE plpgsql
				""");
		jdbc.execute("CREATE TRIGGER operator_test_refuse BEFORE INSERT ON newsprobe.article "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.operator_test_refuse()");
		try {
			Result audit = newsprobe(true, "audit", "--input", archive.toString(), setting);
			assertThat(audit.code()).as(audit.toString()).isEqualTo(1);
			return latestExecution();
		}
		finally {
			jdbc.execute("DROP TRIGGER operator_test_refuse ON newsprobe.article");
		}
	}

	private static String settingsOf(long executionId) {
		return jdbc.queryForObject("SELECT settings::text FROM newsprobe.run_settings WHERE job_execution_id = ?",
				String.class, executionId);
	}

	private long completedAudit(String name) {
		Path archive = this.tmp.resolve(name);
		Archives.writeArticle(archive.resolve("a.md"), name.hashCode() & 0xffff);
		Result audit = newsprobe(true, "audit", "--input", archive.toString());
		assertThat(audit.code()).as(audit.toString()).isZero();
		return latestExecution();
	}

	/**
	 * Records an execution of a test job as a process that died (or still runs) leaves it: STARTED, a step
	 * STARTED, and a heartbeat row of the given process and age (none when host is null).
	 */
	private static long runningExecution(long pid, String host, String beatAt) {
		JobRepository repository = context.getBean(JobRepository.class);
		JobParameters parameters = new JobParametersBuilder().addLong("n", instances.incrementAndGet()).toJobParameters();
		JobInstance instance = repository.createJobInstance(TEST_JOB, parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now());
		repository.update(execution);
		StepExecution step = repository.createStepExecution(TEST_JOB + ".step", execution);
		step.setStatus(BatchStatus.STARTED);
		step.setStartTime(LocalDateTime.now());
		repository.update(step);
		if (host != null) {
			jdbc.update("INSERT INTO newsprobe.execution_heartbeat (job_execution_id, host, pid, beat_at) VALUES (?, ?, ?, "
					+ beatAt + ")", execution.getId(), host, pid);
		}
		return execution.getId();
	}

	private static void markEnded(long id) {
		jdbc.update("UPDATE newsprobe_batch.batch_step_execution SET status = 'STOPPED', end_time = now() WHERE job_execution_id = ?", id);
		jdbc.update("UPDATE newsprobe_batch.batch_job_execution SET status = 'STOPPED', end_time = now() WHERE job_execution_id = ?", id);
		jdbc.update("UPDATE newsprobe.execution_heartbeat SET ended_at = now() WHERE job_execution_id = ?", id);
	}

	private static long deadProcessId() {
		try {
			Process process = new ProcessBuilder("true").start();
			process.waitFor();
			return process.pid();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String hostName() {
		return dev.newsprobe.jobs.operate.ProcessIdentity.current().host();
	}

	private static String status(long id) {
		return jdbc.queryForObject("SELECT status FROM newsprobe_batch.batch_job_execution WHERE job_execution_id = ?",
				String.class, id);
	}

	private static long latestExecution() {
		return jdbc.queryForObject("SELECT max(job_execution_id) FROM newsprobe_batch.batch_job_execution "
				+ "JOIN newsprobe_batch.batch_job_instance USING (job_instance_id) WHERE job_name = 'articleAuditJob'", Long.class);
	}

	private static void writeFile(Path file, String text) {
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private static List<String> config() {
		return List.of("--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + TestDatabases.user(),
				"--logging.level.root=ERROR", "--logging.level.dev.newsprobe=WARN");
	}

	private static Result newsprobe(boolean withDatabase, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> all = new ArrayList<>(List.of(args));
		if (withDatabase) {
			all.addAll(config());
		}
		PrintWriter errWriter = new PrintWriter(err);
		NewsprobeCli cli = new NewsprobeCli(springArgs -> NewsprobeApplication.start(springArgs, errWriter),
				new PrintWriter(out), errWriter);
		int code = cli.execute(all.toArray(String[]::new));
		return new Result(code, out.toString(), err.toString());
	}

	record Result(int code, String out, String err) {
	}

}
