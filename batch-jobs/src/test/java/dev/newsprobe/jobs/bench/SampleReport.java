package dev.newsprobe.jobs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.report.BrowserCheck;
import dev.newsprobe.jobs.report.ReportFiles;
import dev.newsprobe.jobs.report.ReportNights;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.JobsTestApplication;
import dev.newsprobe.jobs.test.TestDatabases;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Makes {@code samples/report/}: the sample archive (its good and its bad files) and a few articles
 * citing local fixture sites, audited over three nights on a fresh database, then the HTML report
 * of the last night opened in headless Chromium for its screenshot. The database gets a fixed id,
 * so the files keep their names from one making to the next. Not a test: run it with
 * {@code bench/sample-report.sh}.
 */
public final class SampleReport {

	/** The sample database's id: its first 8 hex digits name the sample's files. */
	static final String SAMPLE_ID = "5a3b1e00-0000-4000-8000-000000000000";

	private SampleReport() {
	}

	public static void main(String[] args) throws Exception {
		Path target = Path.of((args.length > 0) ? args[0] : "samples/report").toAbsolutePath().normalize();
		Path archive = Path.of("/tmp/newsprobe-sample/archive");
		Path reports = Files.createTempDirectory("newsprobe-sample-reports");
		clean(archive.getParent());
		Files.createDirectories(archive);
		Archives.copyOfSamples(archive.resolve("samples"));
		String url = TestDatabases.freshDatabase(SampleReport.class);
		try (FixtureWeb news = FixtureWeb.start("127.0.0.1"); FixtureWeb media = FixtureWeb.start("127.0.0.2");
				FixtureWeb busy = FixtureWeb.start("127.0.0.3");
				ConfigurableApplicationContext context = new SpringApplicationBuilder(JobsTestApplication.class)
					.bannerMode(Banner.Mode.OFF)
					.web(WebApplicationType.NONE)
					.properties("spring.datasource.url=" + url, "spring.datasource.username=" + TestDatabases.user(),
							"logging.level.root=WARN", "newsprobe.report.dir=" + reports, "newsprobe.report.top=10",
							"newsprobe.probe.allowed-networks=127.0.0.0/8", "newsprobe.probe.retry-backoff=20ms",
							"newsprobe.probe.retry-after-cap=1s", "newsprobe.probe.total-timeout=5s")
					.run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.update("UPDATE newsprobe.database_identity SET id = CAST(? AS uuid)", SAMPLE_ID);
			JobExecution last = new ReportNights(archive, news, media, busy, context.getBean(JobOperator.class),
					context.getBean(ArticleAuditJobConfiguration.JOB_NAME, Job.class), jdbc).runNights(3);
			String tag = SAMPLE_ID.substring(0, 8);
			clean(target);
			Files.createDirectories(target);
			try (Stream<Path> files = Files.list(reports)) {
				for (Path file : (Iterable<Path>) files::iterator) {
					Files.copy(file, target.resolve(file.getFileName()));
				}
			}
			ReportFiles files = ReportFiles.in(target, tag, last.getId());
			Path screenshot = target.resolve(ReportFiles.name(tag, last.getId(), "png"));
			BrowserCheck.open(files.html(), screenshot, Files.createTempFile("newsprobe-sample-grey", ".png"));
			System.out.println("sample report of execution " + last.getId() + " in " + target + ", screenshot " + screenshot);
		}
	}

	private static void clean(Path directory) throws Exception {
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> files = Files.walk(directory)) {
			for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
				Files.delete(file);
			}
		}
	}

}
