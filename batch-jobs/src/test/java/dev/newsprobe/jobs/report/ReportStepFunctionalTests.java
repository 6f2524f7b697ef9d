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
		String tag = tag();
		try (Stream<Path> files = Files.list(dir)) {
			assertThat(files.map(f -> f.getFileName().toString()).filter(f -> f.contains("-" + tag + "-" + id + ".")))
				.containsExactlyInAnyOrder("report-" + tag + "-" + id + ".md", "report-" + tag + "-" + id + ".json",
						"report-" + tag + "-" + id + ".html", "broken-links-" + tag + "-" + id + ".csv.gz");
		}
		assertThat(dir.resolve("index.html")).content().contains("report-" + tag + "-" + id + ".html");
		DocumentContext json = JsonPath.parse(Files.readString(files(id).json()));
		assertThat(json.read("$.run.status", String.class)).as("the run's own report has its final status")
			.isEqualTo("COMPLETED");
		assertThat(json.read("$.run.endTime", String.class)).isNotNull();
		assertThat(json.read("$.reportVersion", Integer.class)).isEqualTo(2);
		assertThat(json.read("$.run.database.tag", String.class)).isEqualTo(tag);
		assertThat((List<Object>) json.read("$.run.roots")).containsExactly(this.archive.toString());
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
			.containsEntry("csv", "broken-links-" + tag + "-" + id + ".csv.gz");
		assertThat((String) json.read("$.brokenLinks.top[0].url")).isEqualTo(this.two.url("/gone"));
		assertThat((Integer) json.read("$.brokenLinks.top[0].articles")).isEqualTo(2);

		String markdown = Files.readString(files(id).markdown());
		assertThat(markdown).contains("# newsprobe report: articleAuditJob execution " + id, "| status | COMPLETED |",
				"7 distinct URLs cited by 3 live articles: 3 ok, 1 need attention, 3 broken, 0 not checked yet",
				"| `alpha.example` | Alpha News | 2 | 6 | 3 | 1 | 2 | 0 |", "| `127.0.0.2` | 3 | 0 | 1 | 2 | 0 |",
				"| 3 | 1 | 1 | 1 | 0 | 0 |");
		assertThat(markdown).as("a hostile provider name stays in its cell").contains("| Beta \\| Times |");
		assertThat(this.reports.writtenBy(this.jobRepository.getJobExecution(id))).hasValue(files(id).html());
	}

	@Test
	void theCsvListsExactlyTheBrokenLinksWithTheirCitingArticlesAndReadsBackWithHostileValues() throws Exception {
		fixtureArchive();
		long id = run().getId();

		Path csv = files(id).brokenLinksCsv();
		String text = gunzip(csv);
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

		DocumentContext json = JsonPath.parse(Files.readString(files(second.getId()).json()));
		assertThat((Integer) json.read("$.run.previousExecutionId")).isEqualTo((int) first.getId());
		assertThat((Integer) json.read("$.headline.previousExecutionId")).isEqualTo((int) first.getId());
		assertThat(json.read("$.headline.sentence", String.class)).startsWith("No change in broken URLs since execution "
				+ first.getId()).contains("1 broke in this run and 1 was fixed");
		assertThat((List<Object>) json.read("$.trend.runs[*].executionId")).containsExactly((int) first.getId(),
				(int) second.getId());
		assertThat((List<Object>) json.read("$.trend.runs[*].broken")).containsExactly(1, 1);
		assertThat((Integer) json.read("$.changes.newlyBroken")).isEqualTo(1);
		assertThat((Integer) json.read("$.changes.fixed")).isEqualTo(1);
		assertThat((List<Object>) json.read("$.changes.newlyBrokenUrls[*].url")).containsExactly(this.one.url("/flip"));
		assertThat((List<Object>) json.read("$.changes.fixedUrls[*].url")).containsExactly(this.one.url("/mend"));
		assertThat((List<Object>) json.read("$.changes.transitions[?(@.from == 'OK')].to")).containsExactly("BROKEN");
		String markdown = Files.readString(files(second.getId()).markdown());
		assertThat(markdown).contains("1 URLs newly broken, 1 fixed", "### Newly broken",
				"| `" + this.one.url("/flip") + "` | `OK` | `BROKEN` |", "| `OK` | `BROKEN` | 1 |");

		RunReport past = this.reports.report(this.jobRepository.getJobExecution(first.getId()));
		assertThat(past.urls().byVerdict()).as("the first run's report, made again later, keeps its verdicts")
			.containsExactlyInAnyOrderEntriesOf(Map.of("OK", 1L, "SERVER_ERROR", 1L));
		assertThat(past.changes().transitions()).extracting(RunReport.Transition::from).containsOnlyNulls();
	}

	@Test
	void theReportCountsOnlyTheArticlesUnderTheRunsOwnInputRoots(@TempDir Path other) throws Exception {
		fixtureArchive();
		JobExecution first = run();
		this.one.route("/other", Response.html("<title>Other</title>"));
		Files.writeString(other.resolve("other.md"), "---\ntitle: Other\nwebUrl: \"" + this.one.url("/other")
				+ "\"\nprovider:\n  name: Other\n  domain: other.example\n---\n");

		JobExecution elsewhere = this.jobOperator.start(this.articleAuditJob, RunParameters.forRun(List.of(other), ++this.runId));

		DocumentContext json = JsonPath.parse(Files.readString(files(elsewhere.getId()).json()));
		assertThat((Integer) json.read("$.urls.total")).as("only the URL of the other root's article").isEqualTo(1);
		assertThat((Integer) json.read("$.urls.articles")).isEqualTo(1);
		assertThat((List<Object>) json.read("$.providers.top[*].domain")).containsExactly("other.example");
		assertThat((Integer) json.read("$.brokenLinks.citations")).isZero();
		assertThat(gunzip(files(elsewhere.getId()).brokenLinksCsv()).lines()).hasSize(1);
		assertThat(json.read("$.run.previousExecutionId", Long.class)).as("no earlier run on these roots").isNull();
		assertThat(json.read("$.headline.sentence", String.class)).startsWith("First report of these input roots: 0 of 1");
		RunReport again = this.reports.report(this.jobRepository.getJobExecution(first.getId()));
		assertThat(again.urls().total()).as("the first root's report, made again, still counts its own 7").isEqualTo(7);
		assertThat(again.urls().articles()).isEqualTo(3);
	}

	@Test
	void theReportListsRejectedFilesMovedLinksAsReplacementsAndWhatToFixPerFile() throws Exception {
		fixtureArchive();
		Files.writeString(this.archive.resolve("unclosed.md"), "---\ntitle: never closed\nwebUrl: https://x.example/\n");

		long id = run().getId();

		DocumentContext json = JsonPath.parse(Files.readString(files(id).json()));
		assertThat((Integer) json.read("$.rejectedFiles.total")).isEqualTo(1);
		assertThat((Map<String, Object>) json.read("$.rejectedFiles.top[0]"))
			.containsEntry("path", this.archive.resolve("unclosed.md").toString())
			.containsEntry("code", "UNCLOSED_FRONT_MATTER")
			.containsEntry("executionId", (int) id);
		assertThat(json.read("$.rejectedFiles.top[0].reason", String.class)).isNotBlank();
		assertThat((Map<String, Object>) json.read("$.movedLinks")).containsEntry("urls", 1).containsEntry("citations", 1);
		assertThat((Map<String, Object>) json.read("$.movedLinks.top[0]")).containsEntry("url", this.two.url("/old"))
			.containsEntry("finalUrl", this.one.url("/ok1"));
		String alphaTwo = this.archive.resolve("alpha-two.md").toString();
		assertThat((List<Object>) json.read("$.toFix.top[*].path")).contains(alphaTwo);
		assertThat((List<Object>) json.read("$.toFix.top[?(@.path == '" + alphaTwo + "')].fixes[*].kind"))
			.containsExactlyInAnyOrder("BROKEN", "MOVED", "STALE_CACHED");
		assertThat((List<Object>) json.read("$.toFix.top[?(@.path == '" + alphaTwo + "')].fixes[?(@.kind == 'MOVED')].replacement"))
			.containsExactly(this.one.url("/ok1"));
		assertThat((List<Object>) json.read("$.toFix.top[?(@.path == '" + alphaTwo + "')].fixes[?(@.kind == 'STALE_CACHED')].replacement"))
			.containsExactly("isCached: false");
		assertThat((Integer) json.read("$.toFix.files")).isEqualTo(3);
		RunReport.Findings findings = this.reports.findings(this.jobRepository.getJobExecution(id));
		assertThat(findings).isEqualTo(new RunReport.Findings(3, 1, 1, 2));

		String markdown = Files.readString(files(id).markdown());
		assertThat(markdown).contains("## Rejected files", "| `" + this.archive.resolve("unclosed.md") + "` | 1 | `UNCLOSED_FRONT_MATTER` |",
				"## Moved links", "| `" + this.two.url("/old") + "` | `" + this.one.url("/ok1") + "` | 1 |",
				"## What to fix", "### " + alphaTwo,
				"replace `" + this.two.url("/old") + "` with `" + this.one.url("/ok1") + "`",
				"set `isCached: false` for `" + this.two.url("/missing.png") + "`");
	}

	@Test
	void writingTheReportAgainRewritesTheSameFilesWhole(@TempDir Path elsewhere) throws Exception {
		fixtureArchive();
		JobExecution execution = this.jobRepository.getJobExecution(run().getId());

		ReportFiles first = this.reports.write(execution, elsewhere, false);
		String csv = gunzip(first.brokenLinksCsv());
		ReportFiles again = this.reports.write(execution, elsewhere, false);

		assertThat(again.brokenLinkRows()).isEqualTo(4);
		assertThat(gunzip(again.brokenLinksCsv())).isEqualTo(csv);
		try (Stream<Path> files = Files.list(elsewhere)) {
			assertThat(files).as("html, md, json, csv.gz and the index").hasSize(5);
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
		DocumentContext json = JsonPath.parse(Files.readString(files(restarted.getId()).json()));
		assertThat((List<Object>) json.read("$.run.executions")).containsExactly((int) failed.getId(), (int) restarted.getId());
		assertThat(json.read("$.run.status", String.class)).isEqualTo("COMPLETED");
		assertThat((Integer) json.read("$.files.seen")).as("read by the first execution").isEqualTo(3);
		assertThat((Integer) json.read("$.urls.probed")).isEqualTo(6);
		assertThat((Integer) json.read("$.brokenLinks.citations")).isEqualTo(4);
		assertThat((List<Object>) json.read("$.run.steps[*].executionId")).containsOnly((int) failed.getId());
		assertThat(Files.readString(files(restarted.getId()).markdown()))
			.contains("| restarted | the run spans executions " + failed.getId() + ", " + restarted.getId());
	}

	private String tag() {
		return this.jdbc.queryForObject("SELECT left(replace(id::text, '-', ''), 8) FROM newsprobe.database_identity",
				String.class);
	}

	private ReportFiles files(long id) {
		return ReportFiles.in(this.reports.defaultDirectory(), tag(), id);
	}

	static String gunzip(Path file) throws java.io.IOException {
		try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
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
