package dev.newsprobe.app.schedule;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.app.schedule.TriggerLauncher.Action;
import dev.newsprobe.app.schedule.TriggerLauncher.Outcome;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.support.CronExpression;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What one trigger of the schedule does, trigger by trigger, in the application against a real
 * PostgreSQL: the rule for an earlier failed run, a trigger another scheduler already ran, and a
 * trigger skipped because the lock is held.
 */
class JobSchedulerIntegrationTests {

	static final ZoneId UTC = ZoneId.of("UTC");

	static String databaseUrl;

	static ConfigurableApplicationContext context;

	static JdbcTemplate jdbc;

	@TempDir
	static Path tmp;

	static JobScheduler scheduler;

	static Job job;

	@BeforeAll
	static void start() throws Exception {
		databaseUrl = TestDatabases.freshDatabase(JobSchedulerIntegrationTests.class);
		context = NewsprobeApplication.start(new String[] { "--spring.datasource.url=" + databaseUrl,
				"--spring.datasource.username=" + TestDatabases.user(), "--newsprobe.progress.mode=off" },
				new PrintWriter(new StringWriter()));
		jdbc = context.getBean(JdbcTemplate.class);
		job = context.getBean("articleAuditJob", Job.class);
		scheduler = new JobScheduler(List.of(), UTC,
				new TriggerLauncher(context.getBean(JobOperator.class), context.getBean(JobRepository.class)),
				() -> DriverManager.getConnection(databaseUrl, TestDatabases.user(), ""), Clock.system(UTC));
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void aFailedNightIsFinishedByTheNextTriggersBeforeTheirOwnRunAndATriggerRunsOnce() throws Exception {
		Path archive = Files.createDirectories(tmp.resolve("failing"));
		for (int i = 0; i < 12; i++) {
			Archives.writeArticle(archive.resolve("a" + i + ".md"), 500 + i);
		}
		Files.writeString(archive.resolve("z-broken.md"), "---\ntitle: Breaking: news\n---\n");
		ScheduledJob entry = entry(archive);
		ZonedDateTime night1 = ZonedDateTime.of(2026, 11, 20, 2, 0, 0, 0, UTC);
		ZonedDateTime night2 = night1.plusDays(1);
		ZonedDateTime night3 = night1.plusDays(2);
		jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.scheduler_test_refuse() RETURNS trigger AS $$
				BEGIN RAISE EXCEPTION 'database refuses writes (simulated by the test)'; END $$ LANGUAGE plpgsql
				""");
		jdbc.execute("CREATE TRIGGER scheduler_test_refuse BEFORE INSERT ON newsprobe.ingest_error "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.scheduler_test_refuse()");
		Outcome first;
		Outcome second;
		try {
			first = scheduler.fire(entry, night1).orElseThrow();
			second = scheduler.fire(entry, night2).orElseThrow();
		}
		finally {
			jdbc.execute("DROP TRIGGER scheduler_test_refuse ON newsprobe.ingest_error");
		}
		Outcome third = scheduler.fire(entry, night3).orElseThrow();
		Outcome again = scheduler.fire(entry, night3).orElseThrow();

		assertThat(first.action()).isEqualTo(Action.STARTED);
		assertThat(first.execution().getStatus()).isEqualTo(BatchStatus.FAILED);
		// the next night restarts the failed one first; it fails again, so the next night's own run waits
		assertThat(second.action()).isEqualTo(Action.EARLIER_RUN_STILL_FAILING);
		assertThat(second.resumed().getJobInstance().getInstanceId())
			.isEqualTo(first.execution().getJobInstance().getInstanceId());
		assertThat(instancesFor(archive, night2)).isZero();
		// once the cause is gone, the following trigger finishes night 1, then runs its own night
		assertThat(third.resumed().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(third.resumed().getJobInstance().getInstanceId())
			.isEqualTo(first.execution().getJobInstance().getInstanceId());
		assertThat(third.action()).isEqualTo(Action.STARTED);
		assertThat(third.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(third.execution().getStartTime()).isAfterOrEqualTo(third.resumed().getEndTime());
		// a trigger another scheduler already ran does nothing
		assertThat(again.action()).isEqualTo(Action.ALREADY_COMPLETED);
		assertThat(again.execution().getId()).isEqualTo(third.execution().getId());
		assertThat(jdbc.queryForObject("SELECT count(*) FROM newsprobe.article WHERE path LIKE ?", Long.class,
				archive + "/%")).isEqualTo(12);
		assertThat(jdbc.queryForObject("SELECT count(*) FROM newsprobe.ingest_error WHERE path = ?", Long.class,
				archive.resolve("z-broken.md").toString())).as("the bad file recorded once, by night 1's restart").isEqualTo(1);
		assertThat(executionsOn(archive)).as("night 1: failed, failed again, completed; night 3: completed")
			.isEqualTo(4);
	}

	@Test
	void aTriggerWhoseLockIsHeldElsewhereIsSkippedAndLaunchesNothing() throws Exception {
		Path archive = Files.createDirectories(tmp.resolve("locked"));
		Archives.writeArticle(archive.resolve("a.md"), 900);
		ScheduledJob entry = entry(archive);
		ZonedDateTime trigger = ZonedDateTime.of(2026, 12, 24, 2, 0, 0, 0, UTC);
		try (Connection other = DriverManager.getConnection(databaseUrl, TestDatabases.user(), "");
				PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
			lock.setLong(1, JobLock.key("articleAuditJob"));
			lock.execute();

			Optional<Outcome> outcome = scheduler.fire(entry, trigger);

			assertThat(outcome).isEmpty();
			assertThat(instancesFor(archive, trigger)).isZero();
		}
		// the other session ended: its lock went with it, and the trigger can run
		assertThat(scheduler.fire(entry, trigger)).hasValueSatisfying(
				outcome -> assertThat(outcome.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED));
	}

	private static ScheduledJob entry(Path archive) {
		List<Path> roots = List.of(archive);
		return new ScheduledJob(job, CronExpression.parse("0 0 2 * * *"), "0 0 2 * * *",
				trigger -> RunParameters.forTrigger(roots, trigger));
	}

	private static long instancesFor(Path archive, ZonedDateTime trigger) {
		return jdbc.queryForObject("""
				SELECT count(DISTINCT e.job_instance_id) FROM newsprobe_batch.batch_job_execution e
				JOIN newsprobe_batch.batch_job_execution_params p ON p.job_execution_id = e.job_execution_id
				JOIN newsprobe_batch.batch_job_execution_params i ON i.job_execution_id = e.job_execution_id
				WHERE p.parameter_name = ? AND p.parameter_value = ? AND i.parameter_name = ? AND i.parameter_value = ?""",
				Long.class, RunParameters.SCHEDULED_AT, RunParameters.scheduledAt(trigger), RunParameters.INPUT,
				RunParameters.encodeRoots(List.of(archive)));
	}

	private static long executionsOn(Path archive) {
		return jdbc.queryForObject("""
				SELECT count(*) FROM newsprobe_batch.batch_job_execution_params
				WHERE parameter_name = ? AND parameter_value = ?""", Long.class, RunParameters.INPUT,
				RunParameters.encodeRoots(List.of(archive)));
	}

}
