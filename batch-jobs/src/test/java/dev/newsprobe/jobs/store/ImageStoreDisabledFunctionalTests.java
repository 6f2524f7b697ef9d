package dev.newsprobe.jobs.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image store as newsprobe ships it: off. The step runs, says so, downloads nothing and
 * leaves the disk alone.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32",
		"spring.datasource.hikari.maximum-pool-size=2" })
class ImageStoreDisabledFunctionalTests {

	static final Path HOME = Path.of(System.getProperty("java.io.tmpdir"),
			"newsprobe-disabled-store-" + ProcessHandle.current().pid());

	@DynamicPropertySource
	static void home(DynamicPropertyRegistry registry) {
		registry.add("newsprobe.home", HOME::toString);
	}

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ImageStoreProvider stores;

	@TempDir
	Path archive;

	@Test
	void theStepRunsAndSaysTheStoreIsDisabledAndNothingIsDownloadedOrWritten() throws Exception {
		try (FixtureWeb web = FixtureWeb.start()) {
			web.route("/a.png", Response.image(Fixtures.png(40, 30), "image/png"));
			Files.writeString(this.archive.resolve("a.md"),
					"---\ntitle: \"a\"\nimages:\n  - url: \"" + web.url("/a.png") + "\"\n    isCached: true\n---\n");

			JobExecution execution = this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(this.archive), 1));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			StepExecution step = execution.getStepExecutions().stream()
				.filter(s -> s.getStepName().equals(ImageStoreStepConfiguration.RECONCILE_IMAGE_STORE_STEP))
				.findFirst()
				.orElseThrow();
			assertThat(step.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(step.getExitStatus().getExitDescription()).contains("image store disabled");
			assertThat(this.jdbc.queryForObject("SELECT verdict FROM newsprobe.url_state WHERE url = ?", String.class,
					web.url("/a.png"))).isEqualTo("OK");
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM newsprobe.image_copy", Long.class)).isZero();
			assertThat(this.jdbc.queryForObject("SELECT newsprobe.image_copy_current(?)", Boolean.class, web.url("/a.png")))
				.isFalse();
			assertThat(web.hits("/a.png", "GET")).as("the probe's HEAD only").isZero();
			assertThat(this.stores.directory()).isEqualTo(HOME.resolve("images").toAbsolutePath().normalize());
			assertThat(HOME.resolve("images")).doesNotExist();
		}
	}

}
