package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.jobs.database.DatabaseSchema;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code newsprobe audit --report-dir} and {@code newsprobe report ID} as a user types them, in-process
 * against a real PostgreSQL: the files, the output, and every refusal with its exit code.
 */
class ReportCommandIntegrationTests {

	static String databaseUrl;

	static JdbcTemplate jdbc;

	@TempDir
	Path tmp;

	@BeforeAll
	static void database() {
		databaseUrl = TestDatabases.freshDatabase(ReportCommandIntegrationTests.class);
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), databaseUrl,
				TestDatabases.user(), "");
		new DatabaseSchema(dataSource).migrate();
		jdbc = new JdbcTemplate(dataSource);
	}

	@Test
	void reportHasHelpThatSaysWhatItWritesAndItsExitCodes() {
		Result result = newsprobe(false, "report", "--help");

		assertThat(result.code()).isZero();
		assertThat(result.out()).startsWith("Usage: newsprobe report").contains("--report-dir", "--stdout",
				"report-TAG-ID.html", "index.html", "Exit codes:", "still running");
		assertThat(newsprobe(false, "audit", "--help").out()).contains("--report-dir=DIR", "--fail-on=WHAT",
				"4   completed, with the findings --fail-on names");
	}

	@Test
	void auditWritesTheReportIntoReportDirAndReportIdMakesItAgainWithTheFinalStatus() throws Exception {
		Path archive = this.tmp.resolve("archive");
		Archives.writeArticle(archive.resolve("a.md"), 1);
		Archives.writeArticle(archive.resolve("b.md"), 2);
		Path runDir = this.tmp.resolve("run-reports");

		Result audit = newsprobe(true, "audit", "--input", archive.toString(), "--report-dir", runDir.toString());

		assertThat(audit.code()).as(audit.err()).isZero();
		long id = executionOf(audit);
		String tag = tag();
		assertThat(audit.out()).contains("report  " + runDir.resolve("report-" + tag + "-" + id + ".html"));
		assertThat(runDir.resolve("report-" + tag + "-" + id + ".json")).exists();
		assertThat(runDir.resolve("broken-links-" + tag + "-" + id + ".csv.gz")).exists();
		assertThat(runDir.resolve("index.html")).exists();
		assertThat(Files.readString(runDir.resolve("report-" + tag + "-" + id + ".md"))).as("the run's own report, final status")
			.contains("| status | COMPLETED |");

		Path again = this.tmp.resolve("again");
		Result report = newsprobe(true, "report", Long.toString(id), "--report-dir", again.toString());

		assertThat(report.code()).as(report.err()).isZero();
		assertThat(report.out()).contains("Report of articleAuditJob execution " + id + " (COMPLETED)",
				again.resolve("report-" + tag + "-" + id + ".html").toString(),
				again.resolve("report-" + tag + "-" + id + ".md").toString(),
				again.resolve("broken-links-" + tag + "-" + id + ".csv.gz").toString());
		String markdown = Files.readString(again.resolve("report-" + tag + "-" + id + ".md"));
		assertThat(markdown).contains("| status | COMPLETED |", "2 article files seen: 2 parsed");
		List<String> csv = gunzip(again.resolve("broken-links-" + tag + "-" + id + ".csv.gz")).lines().toList();
		assertThat(csv).hasSizeGreaterThan(1);
		assertThat(csv.subList(1, csv.size())).allSatisfy(line -> assertThat(line).contains("DNS_ERROR"));
	}

	@Test
	void reportWithStdoutPrintsTheMarkdownAndWritesNothing() {
		Path archive = this.tmp.resolve("stdout");
		Archives.writeArticle(archive.resolve("s.md"), 3);
		Path home = this.tmp.resolve("home");
		long id = executionOf(
				newsprobe(true, "audit", "--input", archive.toString(), "--newsprobe.report.dir=" + home.resolve("reports")));

		Result result = newsprobe(true, "report", Long.toString(id), "--stdout");

		assertThat(result.code()).as(result.err()).isZero();
		assertThat(result.out()).startsWith("# newsprobe report: articleAuditJob execution " + id)
			.contains("## Broken links", "## Slowest hosts");
	}

	@Test
	void anUnknownIdIsRefusedWithExitCodeTwo() {
		Result result = newsprobe(true, "report", "987654");

		assertThat(result.code()).as(result.err()).isEqualTo(2);
		assertThat(result.err()).contains("there is no job execution 987654", "newsprobe status");
		assertThat(newsprobe(false, "report", "latest").code()).as("not a number").isEqualTo(2);
		assertThat(newsprobe(false, "report").code()).as("no ID").isEqualTo(2);
	}

	@Test
	void anExecutionOfAnotherJobIsRefusedWithExitCodeTwo() {
		long id = insertExecution("cacheRefreshJob", "COMPLETED");

		Result result = newsprobe(true, "report", Long.toString(id));

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("execution " + id + " is of cacheRefreshJob",
				"reports are made for articleAuditJob executions only");
	}

	@Test
	void anExecutionStillRunningIsRefusedAndSaysSo() {
		long id = insertExecution("articleAuditJob", "STARTED");

		Result result = newsprobe(true, "report", Long.toString(id), "--report-dir", this.tmp.toString());

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("execution " + id + " is still running (STARTED since");
		assertThat(this.tmp.resolve("report-" + tag() + "-" + id + ".md")).doesNotExist();
	}

	@Test
	void aReportDirThatIsAFileIsAUsageErrorAndOneThatCannotBeCreatedFailsSayingWhy() throws Exception {
		Path file = Files.writeString(this.tmp.resolve("not-a-dir"), "x");
		Path archive = this.tmp.resolve("bad-dir");
		Archives.writeArticle(archive.resolve("a.md"), 4);

		Result audit = newsprobe(true, "audit", "--input", archive.toString(), "--report-dir", file.toString());
		Result report = newsprobe(true, "report", "1", "--report-dir", file.toString());
		Result both = newsprobe(false, "report", "1", "--report-dir", this.tmp.toString(), "--stdout");

		assertThat(audit.code()).isEqualTo(2);
		assertThat(audit.err()).contains("report directory " + file + " is not a directory");
		assertThat(report.code()).isEqualTo(2);
		assertThat(report.err()).contains("is not a directory");
		assertThat(both.code()).isEqualTo(2);
		assertThat(both.err()).contains("--stdout writes no file");

		long id = executionOf(newsprobe(true, "audit", "--input", archive.toString()));
		Result unwritable = newsprobe(true, "report", Long.toString(id), "--report-dir", file.resolve("sub").toString());
		assertThat(unwritable.code()).isEqualTo(1);
		assertThat(unwritable.err()).contains("cannot create the report directory " + file.resolve("sub"));
	}

	@Test
	void aReportTopBelowOneIsAConfigurationError() {
		Result result = newsprobe(true, "report", "1", "--newsprobe.report.top=0");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("newsprobe.report.top must be at least 1");
	}

	@Test
	void auditFailOnBrokenExitsWithFourNamingTheFindingsAndZeroWithoutThem() throws Exception {
		Path archive = this.tmp.resolve("ci");
		Archives.writeArticle(archive.resolve("a.md"), 5);
		Files.writeString(archive.resolve("bad.md"), "---\ntitle: [unclosed\n---\n");

		Result broken = newsprobe(true, "audit", "--input", archive.toString(), "--fail-on", "broken");

		assertThat(broken.code()).as(broken.out() + broken.err()).isEqualTo(4);
		assertThat(broken.out()).containsPattern("fail-on broken: \\d+ broken URLs, 1 rejected file; exit 4");

		Path clean = this.tmp.resolve("clean");
		Files.createDirectories(clean);
		Files.writeString(clean.resolve("no-links.md"), "---\ntitle: Nothing cited\n---\nJust text.\n");
		Result none = newsprobe(true, "audit", "--input", clean.toString(), "--fail-on", "ATTENTION");

		assertThat(none.code()).as(none.out() + none.err()).isZero();
		assertThat(none.out()).contains("fail-on attention: no findings");
		Result without = newsprobe(true, "audit", "--input", archive.toString());
		assertThat(without.code()).as("findings without --fail-on are not failures").isZero();
	}

	@Test
	void auditFailOnWithAnUnknownWordIsAUsageError() {
		Result result = newsprobe(true, "audit", "--input", this.tmp.toString(), "--fail-on", "everything");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("--fail-on takes 'broken' or 'attention', not 'everything'");
	}

	@Test
	void aScheduledNightAlreadyCompletedStillFailsOnItsFindings() {
		Path archive = this.tmp.resolve("night");
		Archives.writeArticle(archive.resolve("n.md"), 6);

		Result first = newsprobe(true, "audit", "--input", archive.toString(), "--run-date", "2026-11-20", "--fail-on", "broken");
		Result again = newsprobe(true, "audit", "--input", archive.toString(), "--run-date", "2026-11-20", "--fail-on", "broken");

		assertThat(first.code()).as(first.out() + first.err()).isEqualTo(4);
		assertThat(again.out()).contains("already completed");
		assertThat(again.code()).as("the night's findings are the same the second time").isEqualTo(4);
	}

	@Test
	void reportsOfTwoDatabasesInOneDirectoryKeepTheirOwnNamesAndTheIndexListsBoth() throws Exception {
		Path archive = this.tmp.resolve("shared-archive");
		Archives.writeArticle(archive.resolve("s.md"), 7);
		Path shared = this.tmp.resolve("shared-reports");
		String otherDatabase = TestDatabases.freshDatabase(OtherDatabase.class);

		long here = executionOf(newsprobe(true, "audit", "--input", archive.toString(), "--report-dir", shared.toString()));
		List<String> other = new ArrayList<>(List.of("audit", "--input", archive.toString(), "--report-dir", shared.toString(),
				"--spring.datasource.url=" + otherDatabase, "--spring.datasource.username=" + TestDatabases.user()));
		long there = executionOf(newsprobe(false, other.toArray(String[]::new)));

		try (var files = Files.list(shared)) {
			List<String> names = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).toList();
			assertThat(names).as("execution %d here and %d there, never one file", here, there).hasSize(2)
				.contains("report-" + tag() + "-" + here + ".json");
		}
		assertThat(Files.readString(shared.resolve("index.html"))).contains(">execution " + here + "</a>",
				">execution " + there + "</a>");
	}

	/** Names a second test database. */
	static final class OtherDatabase {
	}

	private static String tag() {
		return jdbc.queryForObject("SELECT left(replace(id::text, '-', ''), 8) FROM newsprobe.database_identity", String.class);
	}

	private static String gunzip(Path file) throws java.io.IOException {
		try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(file))) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	private static long executionOf(Result audit) {
		java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("articleAuditJob execution (\\d+) COMPLETED")
			.matcher(audit.out());
		assertThat(matcher.find()).as(audit.out() + audit.err()).isTrue();
		return Long.parseLong(matcher.group(1));
	}

	/** An execution as another process would have left it in the job repository. */
	private static long insertExecution(String job, String status) {
		long instance = jdbc.queryForObject("SELECT COALESCE(max(job_instance_id), 0) + 1000 FROM newsprobe_batch.batch_job_instance",
				Long.class);
		long execution = jdbc.queryForObject(
				"SELECT COALESCE(max(job_execution_id), 0) + 1000 FROM newsprobe_batch.batch_job_execution", Long.class);
		jdbc.update("INSERT INTO newsprobe_batch.batch_job_instance (job_instance_id, version, job_name, job_key) VALUES (?, 0, ?, ?)",
				instance, job, "k" + instance);
		jdbc.update("""
				INSERT INTO newsprobe_batch.batch_job_execution (job_execution_id, version, job_instance_id, create_time,
				    start_time, status, exit_code, exit_message, last_updated)
				VALUES (?, 1, ?, now(), now(), ?, 'UNKNOWN', '', now())
				""", execution, instance, status);
		return execution;
	}

	private Result newsprobe(boolean withDatabase, String... args) {
		List<String> all = new ArrayList<>(List.of(args));
		if (withDatabase) {
			all.add("--spring.datasource.url=" + databaseUrl);
			all.add("--spring.datasource.username=" + TestDatabases.user());
			if (all.stream().noneMatch(arg -> arg.startsWith("--newsprobe.report.dir="))) {
				all.add("--newsprobe.report.dir=" + this.tmp.resolve("default-reports"));
			}
		}
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		PrintWriter errWriter = new PrintWriter(err);
		NewsprobeCli cli = new NewsprobeCli(springArgs -> NewsprobeApplication.start(springArgs, errWriter),
				new PrintWriter(out), errWriter);
		int code = cli.execute(all.toArray(String[]::new));
		return new Result(code, out.toString(), err.toString());
	}

	record Result(int code, String out, String err) {
	}

}
