package dev.newsprobe.jobs.definition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.newsprobe.jobs.ingest.GoneArticleSweep;
import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code articleAuditJob}'s ingest against files that used to hurt it, on a real PostgreSQL: a
 * poison file costs one {@code ingest_error} while the good files beside it land and the run
 * completes; a FIFO does not hang the step; an unchanged archive is recognised by stat; an
 * archive that looks unmounted or mostly deleted is not swept gone without the operator's word.
 * The nesting limit is raised far beyond sense so that one file overflows the stack of the
 * read-ahead thread, as a library bug would: the last line of defence must hold.
 */
@JobFunctionalTest(properties = { "newsprobe.ingest.chunk-size=5", "newsprobe.ingest.max-nesting-depth=1000000",
		"newsprobe.ingest.max-values=100000000" })
class IngestSafetyFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	@BeforeEach
	void emptyTables() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.file_stat CASCADE");
	}

	@Test
	@Timeout(value = 120, unit = TimeUnit.SECONDS)
	void poisonFilesCostOneIngestErrorEachWhileTheGoodFilesBesideThemLand() throws Exception {
		// given twelve good files, and beside them a recursive alias, a stack overflow and a FIFO
		for (int i = 0; i < 12; i++) {
			Archives.writeArticle(this.archive.resolve(String.format("good-%02d.md", i)), i);
		}
		Files.writeString(this.archive.resolve("good-03-loop.md"), "---\ntitle: loop\nextra: &a [1, *a]\n---\n");
		Files.writeString(this.archive.resolve("good-07-deep.md"),
				"---\ntitle: deep\nextra: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n---\n");
		mkfifo(this.archive.resolve("good-09-pipe.md"));

		// when
		JobExecution execution = run(LocalDate.of(2026, 11, 1));

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT count(*) FROM newsprobe.article")).isEqualTo(12);
		Map<String, String> errors = this.jdbc.query("SELECT path, code || ': ' || reason FROM newsprobe.ingest_error WHERE rejected",
				(rs, n) -> Map.entry(Path.of(rs.getString(1)).getFileName().toString(), rs.getString(2)))
			.stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(errors).containsOnlyKeys("good-03-loop.md", "good-07-deep.md", "good-09-pipe.md");
		assertThat(errors.get("good-03-loop.md")).startsWith("RECURSIVE_ALIAS: line 3, column 15: the alias *a is inside");
		assertThat(errors.get("good-07-deep.md")).startsWith("INTERNAL: newsprobe failed on this file (java.lang.StackOverflowError");
		assertThat(errors.get("good-09-pipe.md")).startsWith("UNREADABLE: it is a named pipe (FIFO), not a regular file");
		StepExecution ingest = step(execution, IngestStepConfiguration.INGEST_STEP);
		assertThat(ingest.getReadCount()).isEqualTo(15);
		assertThat(ingest.getRollbackCount()).as("no chunk failed").isZero();
	}

	@Test
	void anUnchangedArchiveIsRecognisedByItsStatsAndAChangedFileIsStillRead() throws Exception {
		for (int i = 0; i < 8; i++) {
			Archives.writeArticle(this.archive.resolve("a" + i + ".md"), i);
		}
		run(LocalDate.of(2026, 11, 2));
		assertThat(count("SELECT count(*) FROM newsprobe.file_stat")).isEqualTo(8);
		// the stats were taken right after the files were written: racy, so the next run reads them once more
		this.jdbc.update("UPDATE newsprobe.file_stat SET stated_at = stated_at + interval '1 minute'");
		Archives.writeArticle(this.archive.resolve("a3.md"), 103);

		JobExecution second = run(LocalDate.of(2026, 11, 3));

		StepExecution ingest = step(second, IngestStepConfiguration.INGEST_STEP);
		assertThat(ingest.getReadCount()).isEqualTo(8);
		assertThat(ingest.getFilterCount()).as("unchanged").isEqualTo(7);
		assertThat(ingest.getWriteCount()).as("the changed file").isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT title FROM newsprobe.article WHERE path = ?", String.class,
				this.archive.resolve("a3.md").toString())).isEqualTo("Generated article 103");
		assertThat(this.jdbc.queryForObject("SELECT f.content_hash = a.content_hash FROM newsprobe.file_stat f"
				+ " JOIN newsprobe.article a USING (path) WHERE path = ?", Boolean.class, this.archive.resolve("a3.md").toString())).isTrue();
	}

	@Test
	void aRootWhoseArticlesMostlyVanishedIsNotSweptGoneUntilTheOperatorConfirms() throws Exception {
		// given 40 ingested articles, of which 12 files vanish (30 %, more than the 20 % allowed)
		for (int i = 0; i < 40; i++) {
			Archives.writeArticle(this.archive.resolve(String.format("f%02d.md", i)), i);
		}
		run(LocalDate.of(2026, 11, 4));
		for (int i = 0; i < 12; i++) {
			Files.delete(this.archive.resolve(String.format("f%02d.md", i)));
		}

		// when
		JobParameters night = RunParameters.forNight(List.of(this.archive), LocalDate.of(2026, 11, 5));
		JobExecution held = this.jobOperator.start(this.articleAuditJob, night);

		// then
		assertThat(held.getStatus()).isEqualTo(BatchStatus.FAILED);
		StepExecution sweep = step(held, IngestStepConfiguration.SWEEP_STEP);
		assertThat(sweep.getExitStatus().getExitDescription()).contains("the files of 12 of the 40 live articles under "
				+ this.archive + " (30.0 %) have vanished, more than newsprobe.ingest.max-gone-share (20 %)")
			.contains("Nothing was marked gone").contains("--allow-mass-gone");
		assertThat(count("SELECT count(*) FROM newsprobe.article WHERE gone_at IS NOT NULL")).isZero();

		// when the operator confirms, on the same night
		JobExecution confirmed = this.jobOperator.start(this.articleAuditJob,
				new JobParametersBuilder(night).addString(GoneArticleSweep.ALLOW_MASS_GONE, "true", false).toJobParameters());

		// then the same instance is resumed and sweeps
		assertThat(confirmed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(confirmed.getJobInstance().getInstanceId()).isEqualTo(held.getJobInstance().getInstanceId());
		assertThat(count("SELECT count(*) FROM newsprobe.article WHERE gone_at IS NOT NULL")).isEqualTo(12);
		assertThat(count("SELECT count(*) FROM newsprobe.audit_event WHERE field = 'gone'")).isEqualTo(12);
	}

	@Test
	void aRootThatIsEmptyOrMissingIsHeldAndAFewDeletionsAreNot() throws Exception {
		for (int i = 0; i < 4; i++) {
			Archives.writeArticle(this.archive.resolve("f" + i + ".md"), i);
		}
		run(LocalDate.of(2026, 11, 6));

		// a small deletion, a large share of a small archive: swept (at most 10 are never held)
		Files.delete(this.archive.resolve("f0.md"));
		assertThat(run(LocalDate.of(2026, 11, 7)).getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT count(*) FROM newsprobe.article WHERE gone_at IS NOT NULL")).isEqualTo(1);

		// an empty root: held, whatever the count
		for (int i = 1; i < 4; i++) {
			Files.delete(this.archive.resolve("f" + i + ".md"));
		}
		JobExecution empty = run(LocalDate.of(2026, 11, 8));
		assertThat(empty.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step(empty, IngestStepConfiguration.SWEEP_STEP).getExitStatus().getExitDescription())
			.contains("input root " + this.archive + " holds no article files, so all 3 live articles ingested from it would be"
					+ " marked gone (is it unmounted?)");

		// a missing root: held too
		Files.delete(this.archive);
		JobExecution missing = run(LocalDate.of(2026, 11, 9));
		assertThat(missing.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(step(missing, IngestStepConfiguration.SWEEP_STEP).getExitStatus().getExitDescription())
			.contains("input root " + this.archive + " does not exist");
		assertThat(count("SELECT count(*) FROM newsprobe.article WHERE gone_at IS NOT NULL")).isEqualTo(1);
	}

	@Test
	void aRootWithNoArticleFilesAndNothingIngestedIsAWarning() throws Exception {
		Files.writeString(this.archive.resolve("notes.txt"), "not an article");

		JobExecution execution = run(LocalDate.of(2026, 11, 10));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT code || ' ' || path || ': ' || reason FROM newsprobe.ingest_error"
				+ " WHERE NOT rejected AND job_execution_id = ?", String.class, execution.getId()))
			.isEqualTo("NO_ARTICLE_FILES " + this.archive + ": no article files found under " + this.archive
					+ " (an empty directory, or a disk that is not mounted?)");
	}

	private JobExecution run(LocalDate night) throws Exception {
		return this.jobOperator.start(this.articleAuditJob, RunParameters.forNight(List.of(this.archive), night));
	}

	private long count(String sql) {
		return this.jdbc.queryForObject(sql, Long.class);
	}

	private static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
	}

	private static void mkfifo(Path path) throws Exception {
		Process process = new ProcessBuilder("mkfifo", path.toString()).inheritIO().start();
		assertThat(process.waitFor()).isZero();
	}

}
