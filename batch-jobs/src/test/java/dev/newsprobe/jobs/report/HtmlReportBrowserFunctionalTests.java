package dev.newsprobe.jobs.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML report of a real run (three nights of an archive audited against local fixture sites),
 * opened from disk in headless Chromium with JavaScript off: it fetches nothing, every chart is there
 * with its title, axis titles, dates and legend, and every number it shows is the JSON report's.
 */
@JobFunctionalTest(properties = { "newsprobe.probe.allowed-networks=127.0.0.0/8", "newsprobe.probe.total-timeout=5s",
		"newsprobe.probe.response-timeout=2s", "newsprobe.probe.retry-backoff=20ms", "newsprobe.probe.retry-after-cap=1s",
		"newsprobe.report.dir=target/test-reports/HtmlReportBrowserFunctionalTests" })
class HtmlReportBrowserFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	RunReports reports;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	FixtureWeb news;

	FixtureWeb media;

	FixtureWeb busy;

	@BeforeEach
	void start() {
		this.news = FixtureWeb.start("127.0.0.1");
		this.media = FixtureWeb.start("127.0.0.2");
		this.busy = FixtureWeb.start("127.0.0.3");
	}

	@AfterEach
	void stop() {
		this.news.close();
		this.media.close();
		this.busy.close();
	}

	@Test
	void theReportOfARealRunShowsItsChartsAndTheJsonReportsNumbersInABrowserAndFetchesNothing() throws Exception {
		JobExecution last = new ReportNights(this.archive, this.news, this.media, this.busy, this.jobOperator,
				this.articleAuditJob, this.jdbc).runNights(3);
		String tag = this.jdbc.queryForObject("SELECT left(replace(id::text, '-', ''), 8) FROM newsprobe.database_identity",
				String.class);
		ReportFiles files = ReportFiles.in(this.reports.defaultDirectory(), tag, last.getId());
		DocumentContext report = JsonPath.parse(Files.readString(files.json()));
		Path shots = Path.of("target", "test-reports", "HtmlReportBrowserFunctionalTests");

		DocumentContext page = JsonPath.parse(BrowserCheck.open(files.html(), shots.resolve("report.png"),
				shots.resolve("report-grey-print.png")));

		List<Map<String, String>> requests = page.read("$.requests");
		assertThat(requests).as("the page itself is the only request: no script, style, font or image fetched")
			.extracting(request -> request.get("url"))
			.containsOnly(page.read("$.pageUrl", String.class));
		assertThat((List<Object>) page.read("$.blocked")).isEmpty();
		assertThat(page.read("$.scripts", Integer.class)).isZero();
		assertThat(page.read("$.stylesheets", Integer.class)).isZero();
		assertThat((List<Object>) page.read("$.sources")).isEmpty();
		assertThat(page.read("$.bodyText", Integer.class)).as("readable with JavaScript off").isGreaterThan(2000);
		assertThat(page.read("$.title", String.class)).isEqualTo("newsprobe report: execution " + last.getId() + " (COMPLETED)");
		assertThat((List<Object>) page.read("$.sections[*].id")).containsExactly("headline", "fix", "trend", "providers",
				"hosts", "images", "rejected", "links", "run");

		Map<String, Map<String, Object>> charts = new java.util.LinkedHashMap<>();
		for (Map<String, Object> chart : (List<Map<String, Object>>) page.read("$.charts")) {
			charts.put((String) chart.get("id"), chart);
		}
		assertThat(charts).containsOnlyKeys("chart-verdicts", "chart-providers", "chart-images", "chart-slowest",
				"chart-rate-limits");
		assertThat(charts.values()).allSatisfy(chart -> {
			assertThat((String) chart.get("title")).isNotBlank();
			assertThat((List<String>) chart.get("axisTitles")).isNotEmpty();
			assertThat((List<String>) chart.get("legend")).isNotEmpty();
			assertThat(((Number) chart.get("width")).doubleValue()).isGreaterThan(300);
			assertThat((Integer) chart.get("marks")).as("%s draws something", chart.get("id")).isPositive();
		});
		assertThat(strings(charts.get("chart-verdicts"), "axisTitles")).containsExactly("URLs cited (distinct)",
				"night of the run (month-day), 2026-11-20 to 2026-11-22");
		assertThat(strings(charts.get("chart-verdicts"), "ticks")).contains("11-20", "11-21", "11-22", "0");
		assertThat(strings(charts.get("chart-verdicts"), "legend")).containsExactly("broken", "need attention", "not checked", "ok");
		assertThat(strings(charts.get("chart-providers"), "axisTitles")).contains("broken share of its URLs (%)");
		assertThat(strings(charts.get("chart-providers"), "ticks")).contains("11-20", "11-22", "0 %");
		assertThat(strings(charts.get("chart-providers"), "legend")).contains("alpineledger.example", "harbourdaily.example");
		assertThat(strings(charts.get("chart-images"), "axisTitles")).singleElement().asString().contains("images of live articles (%)");
		assertThat(strings(charts.get("chart-images"), "legend")).anySatisfy(label -> assertThat(label).startsWith("agree "));
		assertThat(strings(charts.get("chart-slowest"), "axisTitles")).singleElement().asString().contains("milliseconds");
		assertThat(strings(charts.get("chart-slowest"), "texts")).contains(this.media.host());
		assertThat(strings(charts.get("chart-rate-limits"), "axisTitles")).containsExactly("probes in this run");
		assertThat(strings(charts.get("chart-rate-limits"), "texts")).contains(this.busy.host());
		assertThat(strings(charts.get("chart-rate-limits"), "legend")).containsExactly("ended 429 or 503", "needed a retry");

		List<Map<String, String>> numbers = page.read("$.numbers");
		List<String> mismatches = new ArrayList<>();
		for (Map<String, String> shown : numbers) {
			Object value = report.read("$." + shown.get("path"));
			if (!(value instanceof Number number) || number.longValue() != parse(shown.get("text"))) {
				mismatches.add(shown.get("path") + ": page shows " + shown.get("text") + ", JSON has " + value);
			}
		}
		assertThat(mismatches).as("numbers shown that differ from the JSON report").isEmpty();
		for (Map<String, String> shown : (List<Map<String, String>>) page.read("$.texts")) {
			assertThat(shown.get("text")).as(shown.get("path")).isEqualTo(report.read("$." + shown.get("path"), String.class));
		}
		assertThat(numbers).extracting(shown -> shown.get("path"))
			.contains("headline.broken", "headline.brokenBefore", "headline.newlyBroken", "headline.fixed", "urls.total",
					"urls.byClass.broken", "brokenLinks.citations", "movedLinks.urls", "rejectedFiles.total", "toFix.files",
					"imageCache.agree", "providers.top[0].broken", "slowestHosts[0].p95Ms", "rateLimitedHosts[0].throttled",
					"trend.runs[2].broken", "files.seen");
		assertThat(report.read("$.rejectedFiles.total", Integer.class)).isEqualTo(1);
		assertThat(report.read("$.movedLinks.urls", Integer.class)).isEqualTo(1);
		assertThat(report.read("$.rateLimitedHosts[0].host", String.class)).isEqualTo(this.busy.host());
		assertThat(report.read("$.rateLimitedHosts[0].throttled", Integer.class)).isEqualTo(2);
		assertThat((List<Object>) report.read("$.trend.runs[*].night")).containsExactly("2026-11-20", "2026-11-21", "2026-11-22");
		assertThat((List<String>) page.read("$.links")).contains("index.html", files.brokenLinksCsv().getFileName().toString());

		assertThat(shots.resolve("report.png")).isNotEmptyFile();
		byte[] png = Files.readAllBytes(shots.resolve("report.png"));
		assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");

		String index = Files.readString(this.reports.defaultDirectory().resolve("index.html"));
		Matcher executions = Pattern.compile(">execution (\\d+)</a>").matcher(index);
		List<Long> listed = new ArrayList<>();
		while (executions.find()) {
			listed.add(Long.parseLong(executions.group(1)));
		}
		assertThat(listed).as("index.html: every kept report, newest first").startsWith(last.getId(), last.getId() - 1,
				last.getId() - 2);
	}

	private static List<String> strings(Map<String, Object> chart, String key) {
		return (List<String>) chart.get(key);
	}

	private static long parse(String shown) {
		return Long.parseLong(shown.replace(",", "").trim());
	}

}
