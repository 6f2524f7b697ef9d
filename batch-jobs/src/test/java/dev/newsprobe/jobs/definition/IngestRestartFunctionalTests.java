package dev.newsprobe.jobs.definition;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.AfterEach;
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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The restart path: the database refuses writes part-way through ingest, the job ends FAILED,
 * the cause is fixed, and the same job instance is run again. Every article lands exactly once
 * and no file committed before the failure is read (let alone parsed) again.
 */
@JobFunctionalTest(properties = "newsprobe.ingest.chunk-size=10")
class IngestRestartFunctionalTests {

	private static final int FILES = 95;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	@AfterEach
	void healTheDatabase() {
		this.jdbc.execute("DROP TRIGGER IF EXISTS refuse_after_limit ON newsprobe.article");
	}

	@Test
	void aFailedIngestRestartsAfterItsLastCommitAndWritesEveryArticleOnce() throws Exception {
		for (int i = 0; i < FILES; i++) {
			Archives.writeArticle(this.archive.resolve(String.format("d%02d/article-%03d.md", i / 20, i)), i);
		}
		refuseInsertsBeyond(35);
		JobParameters parameters = RunParameters.forNight(List.of(this.archive), java.time.LocalDate.of(2026, 11, 26));

		JobExecution failed = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		StepExecution failedIngest = step(failed);
		assertThat(failedIngest.getCommitCount()).isEqualTo(3);
		assertThat(count("SELECT count(*) FROM newsprobe.article")).isEqualTo(30);

		healTheDatabase();
		JobExecution restarted = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		StepExecution resumedIngest = step(restarted);
		assertThat(resumedIngest.getReadCount()).as("files read after the restart").isEqualTo(FILES - 30);
		assertThat(resumedIngest.getFilterCount()).as("files found unchanged after the restart").isZero();
		assertThat(count("SELECT count(*) FROM newsprobe.article")).isEqualTo(FILES);
		assertThat(count("SELECT count(DISTINCT path) FROM newsprobe.article")).isEqualTo(FILES);
		Map<Long, Long> byExecution = new java.util.TreeMap<>();
		this.jdbc.query("SELECT last_ingest_execution_id, count(*) FROM newsprobe.article GROUP BY 1",
				rs -> {
					byExecution.put(rs.getLong(1), rs.getLong(2));
				});
		assertThat(byExecution).containsExactly(Map.entry(failed.getId(), 30L), Map.entry(restarted.getId(), (long) FILES - 30));
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE field = 'content_hash'")).isEqualTo(FILES);
		assertThat(count("SELECT count(*) FROM newsprobe.url_state"))
			.isEqualTo(count("SELECT count(DISTINCT url) FROM newsprobe.article_link"));
	}

	@Test
	void aRunOfACompletedNightIsRefusedBySpringBatchSoTheLauncherCanSayNothingIsToDo() throws Exception {
		Archives.writeArticle(this.archive.resolve("one.md"), 1);
		JobParameters parameters = RunParameters.forNight(List.of(this.archive), java.time.LocalDate.of(2026, 1, 1));
		assertThat(this.jobOperator.start(this.articleAuditJob, parameters).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		org.assertj.core.api.Assertions.assertThatExceptionOfType(
				org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException.class)
			.isThrownBy(() -> this.jobOperator.start(this.articleAuditJob, parameters));
	}

	private void refuseInsertsBeyond(int rows) {
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.refuse_after_limit() RETURNS trigger AS $$
				BEGIN
				    IF (SELECT count(*) FROM newsprobe.article) >= %d THEN
				        RAISE EXCEPTION 'disk full (simulated by the test)';
				    END IF;
				    RETURN NEW;
				END $$ LANGUAGE plpgsql
				""".formatted(rows));
		this.jdbc.execute("CREATE TRIGGER refuse_after_limit BEFORE INSERT ON newsprobe.article "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.refuse_after_limit()");
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

	private static StepExecution step(JobExecution execution) {
		return execution.getStepExecutions().stream()
			.filter(s -> s.getStepName().equals(IngestStepConfiguration.INGEST_STEP))
			.findFirst()
			.orElseThrow();
	}

}
