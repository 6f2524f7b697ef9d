package dev.newsprobe.jobs.probe;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.ImageFiles;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.reconcile.ReconcileSummaries;
import dev.newsprobe.jobs.report.RunReports;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Declared image sizes through a whole audit: verified, mismatched, or unverified when the image's own size
 * cannot be read, which the evidence ({@code size_known}), the analysts' view, reconcile's summary and the
 * report each say apart from the verified ones.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.1/32", "newsprobe.probe.total-timeout=5s",
		"newsprobe.probe.response-timeout=2s", "newsprobe.probe.retry-backoff=50ms",
		"newsprobe.report.dir=target/test-reports/ImageSizeFunctionalTests" })
class ImageSizeFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	ReconcileSummaries reconcile;

	@Autowired
	RunReports reports;

	@TempDir
	Path archive;

	FixtureWeb web;

	@BeforeEach
	void start() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result, newsprobe.image_reconciliation CASCADE");
		this.web = FixtureWeb.start();
	}

	@AfterEach
	void stop() {
		this.web.close();
	}

	@Test
	void anImageWhoseSizeCannotBeReadHasItsDeclaredSizeCountedUnverified() throws Exception {
		this.web.route("/photo.avif", Response.image(ImageFiles.avif(1200, 800), "image/avif").rangeable())
			.route("/camera.jpg", Response.image(ImageFiles.jpegBehindMetadata(3000, 2000, 250_000), "image/jpeg").rangeable())
			.route("/small.png", Response.image(Fixtures.png(40, 30), "image/png").rangeable())
			.route("/fluid.svg", Response.ok("image/svg+xml",
					"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\"/>".getBytes(StandardCharsets.UTF_8)));
		article("avif", "/photo.avif", 1200, 800);
		article("camera", "/camera.jpg", 3000, 2000);
		article("wrong", "/small.png", 400, 300);
		article("fluid", "/fluid.svg", 640, 480);

		JobExecution execution = this.jobOperator.start(this.articleAuditJob,
				RunParameters.forRun(List.of(this.archive), 1));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Object> fluid = this.jdbc.queryForMap("SELECT verdict, size_known, reason FROM newsprobe.probe_result"
				+ " WHERE url = ?", this.web.url("/fluid.svg"));
		assertThat(fluid).containsEntry("verdict", "OK").containsEntry("size_known", false);
		assertThat((String) fluid.get("reason")).contains("640x480 is unverified");
		assertThat(this.jdbc.queryForList("SELECT url, size_state FROM newsprobe.v_image_size_checks ORDER BY url"))
			.as("camera.jpg, fluid.svg, photo.avif, small.png")
			.extracting(row -> row.get("size_state"))
			.containsExactly("verified", "unverified", "verified", "mismatch");
		assertThat(this.jdbc.queryForObject("SELECT image_width FROM newsprobe.url_state WHERE url = ?", Integer.class,
				this.web.url("/camera.jpg"))).as("the frame header behind 250 KB of metadata").isEqualTo(3000);
		assertThat(this.reconcile.of(execution).sizesUnverified()).isEqualTo(1);
		assertThat(this.reports.report(execution).imageCache().sizeUnverified()).isEqualTo(1);
		assertThat(this.reports.markdown(execution)).contains("declared size unverified");
	}

	private void article(String name, String path, int width, int height) throws Exception {
		Files.writeString(this.archive.resolve(name + ".md"), "---\ntitle: \"" + name + "\"\nwebUrl: \"" + this.web.url("/" + name)
				+ "\"\nimages:\n  - url: \"" + this.web.url(path) + "\"\n    width: " + width + "\n    height: " + height
				+ "\n    isCached: true\n---\n");
		this.web.route("/" + name, Response.html("<title>" + name + "</title>"));
	}

}
