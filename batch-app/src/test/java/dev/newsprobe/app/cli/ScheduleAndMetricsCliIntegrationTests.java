package dev.newsprobe.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.database.DatabaseSchema;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code newsprobe schedule}'s command line, and what {@code audit} shows of its progress, logs and
 * metrics, run in-process against a real PostgreSQL and a fixture web on loopback.
 */
class ScheduleAndMetricsCliIntegrationTests {

	static String databaseUrl;

	@TempDir
	Path tmp;

	@BeforeAll
	static void database() {
		databaseUrl = TestDatabases.freshDatabase(ScheduleAndMetricsCliIntegrationTests.class);
		new DatabaseSchema(new SimpleDriverDataSource(new org.postgresql.Driver(), databaseUrl, TestDatabases.user(), ""))
			.migrate();
	}

	@Test
	void scheduleHelpSaysWhatRunsWhenAndHowOverlapIsPrevented() {
		Result result = run(false, "schedule", "--help");

		assertThat(result.code()).isZero();
		assertThat(result.out()).startsWith("Usage: newsprobe schedule")
			.contains("newsprobe.schedule.audit.cron", "newsprobe.schedule.zone", "advisory lock", "--input=DIR",
					"--metrics-port=PORT", "--metrics-address=ADDRESS", "audit --run-date", "Exit codes:");
	}

	@Test
	void aBadCronExpressionIsAUsageErrorWithExitCodeTwoAndSaysWhatACronLooksLike() throws Exception {
		Path archive = Files.createDirectories(this.tmp.resolve("a"));

		Result garbage = run(true, "schedule", "--input", archive.toString(), "--newsprobe.schedule.audit.cron=every night");
		Result fiveFields = run(true, "schedule", "--input", archive.toString(), "--newsprobe.schedule.audit.cron=0 2 * * *");

		assertThat(garbage.code()).isEqualTo(2);
		assertThat(garbage.err()).contains("newsprobe.schedule.audit.cron 'every night' is not a valid cron expression",
				"Six fields, seconds first", "'0 0 2 * * *'", "Try 'newsprobe schedule --help'");
		assertThat(fiveFields.code()).isEqualTo(2);
		assertThat(fiveFields.err()).contains("six fields, seconds first: did you mean '0 0 2 * * *'?");
	}

	@Test
	void aBadTimeZoneMissingInputOrBadMetricsPortIsAUsageError() throws Exception {
		Path archive = Files.createDirectories(this.tmp.resolve("b"));

		Result zone = run(true, "schedule", "--input", archive.toString(), "--newsprobe.schedule.zone=Mars/Olympus");
		Result noInput = run(true, "schedule");
		Result notADirectory = run(false, "schedule", "--input", this.tmp.resolve("nowhere").toString());
		Result port = run(false, "schedule", "--input", archive.toString(), "--metrics-port", "70000");

		assertThat(zone.code()).isEqualTo(2);
		assertThat(zone.err()).contains("newsprobe.schedule.zone 'Mars/Olympus' is not a time zone", "Europe/Berlin");
		assertThat(noInput.code()).isEqualTo(2);
		assertThat(noInput.err()).contains("give --input DIR or set newsprobe.schedule.audit.input");
		assertThat(notADirectory.code()).isEqualTo(2);
		assertThat(notADirectory.err()).as("the same rule as audit's, at the command line")
			.contains("input root " + this.tmp.resolve("nowhere") + " does not exist");
		assertThat(port.code()).isEqualTo(2);
		assertThat(port.err()).contains("--metrics-port must be between 0 and 65535");
	}

	@Test
	void auditShowsProgressInPlainLinesLogsWhichRunStepAndUrlAndWritesItsMetricsToATextfile() throws Exception {
		Path archive = Files.createDirectories(this.tmp.resolve("fixture"));
		Path metrics = this.tmp.resolve("newsprobe.prom");
		try (FixtureWeb web = FixtureWeb.start()) {
			for (int i = 0; i < 4; i++) {
				web.route("/story/" + i, Response.html("<title>Story " + i + "</title>").latency(Duration.ofMillis(700)));
				Files.writeString(archive.resolve("s" + i + ".md"), "---\ntitle: \"Story " + i + "\"\nwebUrl: \""
						+ web.url("/story/" + i) + "\"\nimages:\n  - url: \"" + web.url("/gone-" + i + ".jpg") + "\"\n---\n");
			}
			ByteArrayOutputStream logs = new ByteArrayOutputStream();
			PrintStream stdout = System.out;
			Result result;
			System.setOut(new PrintStream(logs, true, StandardCharsets.UTF_8));
			try {
				result = run(true, "audit", "--input", archive.toString(), "--metrics-file", metrics.toString(),
						"--newsprobe.probe.allowed-networks=127.0.0.1/32", "--newsprobe.progress.interval=150ms",
						"--logging.level.dev.newsprobe.jobs.probe=DEBUG");
			}
			finally {
				System.setOut(stdout);
			}

			assertThat(result.code()).as(result.err()).isZero();
			// not a terminal: plain lines with counts, the total known from the due URLs, and a closing line
			assertThat(result.err()).containsPattern("articleAuditJob\\.probe: [0-8] of 8 URLs \\([0-9.]+ %\\), [0-9.,]+ URLs/s")
				.contains("articleAuditJob.probe: COMPLETED, 8 URLs in ")
				.doesNotContain("\r", "[####");
			long execution = Long.parseLong(result.out().replaceAll("(?s).*articleAuditJob execution (\\d+) COMPLETED.*", "$1"));
			assertThat(logs.toString(StandardCharsets.UTF_8)).contains("[" + execution + " articleAuditJob.probe] "
					+ "ProbeResultWriter: OK 200", web.url("/story/0"));
			String text = Files.readString(metrics);
			assertThat(text).contains(
					"newsprobe_probe_requests_total{host=\"127.0.0.1:" + web.port() + "\",method=\"GET\",status=\"2xx\"} 4",
					"newsprobe_probe_request_latency_seconds_count{host=\"127.0.0.1:" + web.port() + "\"}",
					"newsprobe_probe_verdicts_total{kind=\"page\",verdict=\"OK\"} 4",
					"newsprobe_probe_verdicts_total{kind=\"image\",verdict=\"BROKEN\"} 4",
					"newsprobe_probe_in_flight 0",
					"spring_batch_chunk_write_seconds_count{")
				.doesNotContain("spring_batch_item_read_seconds_count{");
			assertThat(text.lines()
				.filter(line -> line.startsWith("spring_batch_job_seconds_count{")
						&& line.contains("spring_batch_job_name=\"articleAuditJob\"")
						&& line.contains("spring_batch_job_status=\"COMPLETED\""))
				.toList()).as(text).singleElement().asString().endsWith(" 1");
			assertThat(text.lines()
				.filter(line -> line.startsWith("spring_batch_step_seconds_count{")
						&& line.contains("spring_batch_step_name=\"articleAuditJob.probe\""))
				.toList()).as(text).singleElement().asString().contains("spring_batch_step_status=\"COMPLETED\"");
		}
		assertThat(this.tmp).isDirectoryNotContaining("glob:**.tmp");
	}

	@Test
	void aMetricsFileInADirectoryThatDoesNotExistIsAUsageError() throws Exception {
		Path archive = Files.createDirectories(this.tmp.resolve("c"));

		Result result = run(false, "audit", "--input", archive.toString(), "--metrics-file",
				this.tmp.resolve("no/such/dir/x.prom").toString());

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("its directory does not exist or cannot be written");
	}

	private static Result run(boolean withDatabase, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> all = new ArrayList<>(List.of(args));
		if (withDatabase) {
			all.add("--spring.datasource.url=" + databaseUrl);
			all.add("--spring.datasource.username=" + TestDatabases.user());
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
