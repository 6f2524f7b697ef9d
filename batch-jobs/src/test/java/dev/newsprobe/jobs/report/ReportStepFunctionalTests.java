package dev.newsprobe.jobs.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The report step of {@code articleAuditJob} on fixture archives probed against local servers on two
 * loopback hosts, and a real PostgreSQL: the counts a person reads, the CSV of broken links read
 * back with hostile values, the JSON's documented fields, and the changes between two runs.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.0/8", "newsprobe.probe.total-timeout=5s",
		"newsprobe.probe.response-timeout=2s", "newsprobe.probe.retry-backoff=50ms",
		"newsprobe.report.dir=target/test-reports/ReportStepFunctionalTests" })
class ReportStepFunctionalTests {

	static final String HOSTILE_NAME = "beta, \"quoted\"\n=name.md";

	static final String HOSTILE_URL = "=1+2,\"x\"";

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	RunReports reports;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	FixtureWeb one;

	FixtureWeb two;

	long runId;

	@BeforeEach
	void start() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result CASCADE");
		this.one = FixtureWeb.start("127.0.0.1");
		this.two = FixtureWeb.start("127.0.0.2");
	}

	@AfterEach
	void stop() {
		this.one.close();
		this.two.close();
	}

	@Test
	void theReportStepWritesTheKnownCountsByVerdictProviderAndHost() throws Exception {
		fixtureArchive();

		JobExecution execution = run();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long id = execution.getId();
		Path dir = this.reports.defaultDirectory();
		assertThat(dir).endsWith(Path.of("target", "test-reports", "ReportStepFunctionalTests"));
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.contains("-" + id + ".")))
				.containsExactlyInAnyOrder("report-" + id + ".md", "report-" + id + ".json", "broken-links-" + id + ".csv");
		}
		DocumentContext json = JsonPath.parse(Files.readString(dir.resolve("report-" + id + ".json")));
		assertThat((Map<String, Object>) json.read("$.urls.byVerdict")).containsExactly(entry("OK", 3), entry("BROKEN", 2),
				entry("INVALID_URL", 1), entry("MOVED", 1));
		assertThat((Map<String, Object>) json.read("$.urls.byClass")).containsExactly(entry("ok", 3), entry("attention", 1),
				entry("broken", 3), entry("unchecked", 0));
		assertThat((Integer) json.read("$.urls.total")).isEqualTo(7);
		assertThat((Integer) json.read("$.urls.probed")).isEqualTo(6);
		assertThat((List<Object>) json.read("$.providers.top[*].domain")).containsExactly("alpha.example", "beta.example");
		assertThat((Map<String, Object>) json.read("$.providers.top[0]")).containsEntry("articles", 2)
			.containsEntry("urls", 6)
			.containsEntry("ok", 3)
			.containsEntry("attention", 1)
			.containsEntry("broken", 2)
			.containsEntry("name", "Alpha News");
		assertThat((Map<String, Object>) json.read("$.providers.top[1]")).containsEntry("urls", 3)
			.containsEntry("ok", 1)
			.containsEntry("broken", 2);
		assertThat((List<Object>) json.read("$.hosts.top[*].host")).containsExactly("127.0.0.2", null, "127.0.0.1");
		assertThat((List<Object>) json.read("$.hosts.top[*].broken")).containsExactly(2, 1, 0);
		assertThat((Integer) json.read("$.hosts.total")).isEqualTo(3);
		assertThat((Map<String, Object>) json.read("$.imageCache")).containsEntry("images", 3)
			.containsEntry("agree", 1)
			.containsEntry("declaredCachedButUnavailable", 1)
			.containsEntry("declaredNotCachedButAvailable", 1)
			.containsEntry("undeclared", 0);
		assertThat((List<Object>) json.read("$.slowestHosts[*].host")).as("/gone answers after 300 ms")
			.containsExactly("127.0.0.2", "127.0.0.1");
		assertThat((Integer) json.read("$.slowestHosts[0].maxMs")).isGreaterThanOrEqualTo(300);
		assertThat((Map<String, Object>) json.read("$.files")).containsEntry("seen", 3).containsEntry("parsed", 3);
		assertThat((Map<String, Object>) json.read("$.brokenLinks")).containsEntry("urls", 3)
			.containsEntry("citations", 4)
			.containsEntry("csv", "broken-links-" + id + ".csv");
		assertThat((String) json.read("$.brokenLinks.top[0].url")).isEqualTo(this.two.url("/gone"));
		assertThat((Integer) json.read("$.brokenLinks.top[0].articles")).isEqualTo(2);

		String markdown = Files.readString(dir.resolve("report-" + id + ".md"));
		assertThat(markdown).contains("# newsprobe report: articleAuditJob execution " + id,
				"7 distinct URLs cited by 3 live articles: 3 ok, 1 need attention, 3 broken, 0 not checked yet",
				"| `alpha.example` | Alpha News | 2 | 6 | 3 | 1 | 2 | 0 |", "| `127.0.0.2` | 3 | 0 | 1 | 2 | 0 |",
				"| 3 | 1 | 1 | 1 | 0 | 0 |");
		assertThat(markdown).as("a hostile provider name stays in its cell").contains("| Beta \\| Times |");
		assertThat(this.reports.writtenBy(this.jobRepository.getJobExecution(id)))
			.hasValue(dir.resolve("report-" + id + ".md"));
	}

	@Test
	void theCsvListsExactlyTheBrokenLinksWithTheirCitingArticlesAndReadsBackWithHostileValues() throws Exception {
		fixtureArchive();
		long id = run().getId();

		Path csv = this.reports.defaultDirectory().resolve("broken-links-" + id + ".csv");
		String text = Files.readString(csv);
		List<List<String>> records = CsvReader.parse(text);

		assertThat(records.get(0)).containsExactly("url", "verdict", "status_code", "final_url", "reason", "checked_at",
				"article_path", "role", "line", "provider_domain");
		String hostile = this.archive.resolve(HOSTILE_NAME).toString();
		String alphaOne = this.archive.resolve("alpha-one.md").toString();
		String alphaTwo = this.archive.resolve("alpha-two.md").toString();
		assertThat(records.subList(1, records.size()).stream().map(r -> List.of(r.get(0), r.get(1), r.get(2), r.get(6), r.get(7))))
			.containsExactlyInAnyOrder(List.of(HOSTILE_URL, "INVALID_URL", "", hostile, "amp"),
					List.of(this.two.url("/gone"), "BROKEN", "404", alphaOne, "body_link"),
					List.of(this.two.url("/gone"), "BROKEN", "404", hostile, "web"),
					List.of(this.two.url("/missing.png"), "BROKEN", "404", alphaTwo, "image"));
		assertThat(records).allSatisfy(record -> assertThat(record).hasSize(10));
		assertThat(text).as("the formula is guarded and the quotes doubled").contains("\"'=1+2,\"\"x\"\"\"");
		assertThat(text).as("a path with a line break is quoted").contains("\"" + hostile.replace("\"", "\"\"") + "\"");
	}

	@Test
	void theReportShowsAUrlThatWentFromOkToBrokenBetweenTwoRunsAndOneThatWasFixed() throws Exception {
		this.one.route("/flip", Response.html("<title>Flip</title>")).route("/mend", Response.status(503));
		article("changes.md", "Gamma", "gamma.example", this.one.url("/flip"), null, null,
				"[mend](" + this.one.url("/mend") + ")");
		JobExecution first = run();

		this.one.route("/flip", Response.status(410)).route("/mend", Response.html("<title>Mended</title>"));
		this.jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() - interval '1 minute'");
		JobExecution second = run();

		DocumentContext json = JsonPath.parse(Files.readString(
				this.reports.defaultDirectory().resolve("report-" + second.getId() + ".json")));
		assertThat((Integer) json.read("$.run.previousExecutionId")).isEqualTo((int) first.getId());
		assertThat((Integer) json.read("$.changes.newlyBroken")).isEqualTo(1);
		assertThat((Integer) json.read("$.changes.fixed")).isEqualTo(1);
		assertThat((List<Object>) json.read("$.changes.newlyBrokenUrls[*].url")).containsExactly(this.one.url("/flip"));
		assertThat((List<Object>) json.read("$.changes.fixedUrls[*].url")).containsExactly(this.one.url("/mend"));
		assertThat((List<Object>) json.read("$.changes.transitions[?(@.from == 'OK')].to")).containsExactly("BROKEN");
		String markdown = Files.readString(this.reports.defaultDirectory().resolve("report-" + second.getId() + ".md"));
		assertThat(markdown).contains("1 URLs newly broken, 1 fixed", "### Newly broken",
				"| `" + this.one.url("/flip") + "` | `OK` | `BROKEN` |", "| `OK` | `BROKEN` | 1 |");

		RunReport past = this.reports.report(this.jobRepository.getJobExecution(first.getId()));
		assertThat(past.urls().byVerdict()).as("the first run's report, made again later, keeps its verdicts")
			.containsExactlyInAnyOrderEntriesOf(Map.of("OK", 1L, "SERVER_ERROR", 1L));
		assertThat(past.changes().transitions()).extracting(RunReport.Transition::from).containsOnlyNulls();
	}

	@Test
	void writingTheReportAgainRewritesTheSameFilesWhole(@TempDir Path elsewhere) throws Exception {
		fixtureArchive();
		JobExecution execution = this.jobRepository.getJobExecution(run().getId());

		ReportFiles first = this.reports.write(execution, elsewhere, false);
		String csv = Files.readString(first.brokenLinksCsv());
		ReportFiles again = this.reports.write(execution, elsewhere, false);

		assertThat(again.brokenLinkRows()).isEqualTo(4);
		assertThat(Files.readString(again.brokenLinksCsv())).isEqualTo(csv);
		try (Stream<Path> files = Files.list(elsewhere)) {
			assertThat(files).hasSize(3);
		}
		assertThat(JsonPath.parse(Files.readString(again.json())).read("$.run.status", String.class))
			.isEqualTo("COMPLETED");
	}

	@Test
	void aRunThatFailedInItsReportStepIsRestartedAndItsReportCoversTheWholeRun() throws Exception {
		fixtureArchive();
		Path dir = this.reports.defaultDirectory();
		if (Files.isDirectory(dir)) {
			try (Stream<Path> files = Files.list(dir)) {
				for (Path file : (Iterable<Path>) files::iterator) {
					Files.delete(file);
				}
			}
			Files.delete(dir);
		}
		Files.createDirectories(dir.getParent());
		Files.writeString(dir, "a file where the report directory should be");
		JobParameters parameters = RunParameters.forNight(List.of(this.archive), LocalDate.of(2026, 11, 20));

		JobExecution failed = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getStepExecutions()).filteredOn(step -> step.getStepName().equals(ReportStepConfiguration.REPORT_STEP))
			.singleElement()
			.satisfies(step -> assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED));

		Files.delete(dir);
		JobExecution restarted = this.jobOperator.start(this.articleAuditJob, parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getStepExecutions()).extracting(step -> step.getStepName())
			.containsExactly(ReportStepConfiguration.REPORT_STEP);
		DocumentContext json = JsonPath.parse(Files.readString(dir.resolve("report-" + restarted.getId() + ".json")));
		assertThat((List<Object>) json.read("$.run.executions")).containsExactly((int) failed.getId(), (int) restarted.getId());
		assertThat((Integer) json.read("$.files.seen")).as("read by the first execution").isEqualTo(3);
		assertThat((Integer) json.read("$.urls.probed")).isEqualTo(6);
		assertThat((Integer) json.read("$.brokenLinks.citations")).isEqualTo(4);
		assertThat((List<Object>) json.read("$.run.steps[*].executionId")).containsOnly((int) failed.getId());
		assertThat(Files.readString(dir.resolve("report-" + restarted.getId() + ".md")))
			.contains("| restarted | the run spans executions " + failed.getId() + ", " + restarted.getId());
	}

	private void fixtureArchive() throws Exception {
		this.one.route("/ok1", Response.html("<title>One</title>"))
			.route("/ok2", Response.html("<title>Two</title>"))
			.route("/img.png", Response.image(Fixtures.png(40, 30), "image/png"));
		this.two.route("/gone", Response.status(404).latency(Duration.ofMillis(300)))
			.route("/missing.png", Response.status(404))
			.route("/old", Response.redirect(301, this.one.url("/ok1")));
		article("alpha-one.md", "Alpha News", "alpha.example", this.one.url("/ok1"),
				image(this.one.url("/img.png"), 40, 30, true), null, "[gone](" + this.two.url("/gone") + ")");
		article("alpha-two.md", "Alpha News", "alpha.example", this.one.url("/ok2"),
				image(this.two.url("/missing.png"), null, null, true), null, "[old](" + this.two.url("/old") + ")");
		article(HOSTILE_NAME, "Beta | Times", "beta.example", this.two.url("/gone"),
				image(this.one.url("/img.png"), null, null, false), "'" + HOSTILE_URL.replace("'", "''") + "'", "");
	}

	private static String image(String url, Integer width, Integer height, boolean cached) {
		return "  - url: \"" + url + "\"\n" + ((width != null) ? "    width: " + width + "\n    height: " + height + "\n" : "")
				+ "    isCached: " + cached + "\n";
	}

	private void article(String name, String providerName, String domain, String webUrl, String images, String ampWebUrl,
			String body) throws Exception {
		StringBuilder text = new StringBuilder("---\ntitle: \"" + name.replace("\"", "'").replace("\n", " ") + "\"\n");
		text.append("webUrl: \"").append(webUrl).append("\"\n");
		if (ampWebUrl != null) {
			text.append("ampWebUrl: ").append(ampWebUrl).append('\n');
		}
		text.append("provider:\n  name: \"").append(providerName).append("\"\n  domain: ").append(domain).append('\n');
		if (images != null) {
			text.append("images:\n").append(images);
		}
		text.append("---\n").append(body).append('\n');
		Files.writeString(this.archive.resolve(name), text);
	}

	private JobExecution run() throws Exception {
		return this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(this.archive), ++this.runId));
	}

}
