package dev.newsprobe.jobs.report.internal;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.newsprobe.jobs.report.RunReport;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HTML page and its charts on a report full of hostile values (what article files and servers
 * can put into URLs, paths, reasons and names): everything stays text, nothing can fetch or run, and
 * the series of every chart tell apart in grey.
 */
class HtmlReportTests {

	static final String HOSTILE = "\"><script>alert(1)</script><img src=https://evil.example/x.png>";

	@Test
	void aReportWithHostileValuesHasNoScriptNoFetchAndEveryValueEscaped() {
		String html = HtmlReport.render(report(HOSTILE, "javascript:alert(1)"));

		assertThat(html).startsWith("<!DOCTYPE html>")
			.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';");
		assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img").doesNotContainIgnoringCase("<link")
			.doesNotContainIgnoringCase("@import").doesNotContainIgnoringCase("url(http").doesNotContainIgnoringCase("<iframe");
		assertThat(Pattern.compile("<[a-z][^>]*\\s(src|srcset|background|poster|data)=", Pattern.CASE_INSENSITIVE).matcher(html).find())
			.as("no attribute that fetches").isFalse();
		assertThat(html).contains("&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;");
		assertThat(html).as("a URL that is not http(s) is never a link").doesNotContain("href=\"javascript:")
			.contains("<code class=\"url\">javascript:alert(1)</code>");
		assertThat(html).contains("<a class=\"url\" href=\"https://old.example/a?x=1&amp;y=2\" rel=\"noreferrer noopener\">");
	}

	@Test
	void everyChartIsInlineSvgWithTitleAxisTitlesAndLegend() {
		String html = HtmlReport.render(report("Provider", "https://old.example/x"));

		for (String chart : List.of("chart-verdicts", "chart-providers", "chart-images", "chart-slowest", "chart-rate-limits")) {
			int start = html.indexOf("<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"" + chart + "\"");
			assertThat(start).as(chart).isPositive();
			String svg = html.substring(start, html.indexOf("</svg>", start));
			assertThat(svg).contains("role=\"img\"", "<title id=\"" + chart + "-title\">", "class=\"axis-title\"",
					"class=\"legend\"");
		}
		assertThat(html).contains(">URLs cited (distinct)</text>", ">night of the run (month-day), 2026-11-20 to 2026-11-21</text>",
				">11-20</text>", ">11-21</text>", ">broken share of its URLs (%)</text>", ">probes in this run</text>");
	}

	@Test
	void theSeriesOfEveryChartDifferInGreyByLightnessOrPattern() {
		List<Charts.Fill> classes = List.of(Charts.BROKEN, Charts.ATTENTION, Charts.UNCHECKED, Charts.OK);
		for (int i = 0; i < classes.size(); i++) {
			for (int j = i + 1; j < classes.size(); j++) {
				Charts.Fill a = classes.get(i);
				Charts.Fill b = classes.get(j);
				boolean lightness = Math.abs(grey(a.base()) - grey(b.base())) >= 40;
				assertThat(lightness || a.pattern() != b.pattern()).as(a.name() + " and " + b.name()).isTrue();
			}
		}
		assertThat(grey(Charts.BROKEN.base())).as("broken is the darkest").isLessThan(grey(Charts.ATTENTION.base()));
		assertThat(grey(Charts.ATTENTION.base())).isLessThan(grey(Charts.OK.base()));
	}

	/** Luma of a #rrggbb colour, 0–255, as a grey printer renders it. */
	private static double grey(String colour) {
		int rgb = Integer.parseInt(colour.substring(1), 16);
		return 0.299 * (rgb >> 16 & 0xff) + 0.587 * (rgb >> 8 & 0xff) + 0.114 * (rgb & 0xff);
	}

	static RunReport report(String hostile, String oddUrl) {
		OffsetDateTime start = OffsetDateTime.of(2026, 11, 21, 2, 0, 0, 0, ZoneOffset.UTC);
		Map<String, Long> byClass = new LinkedHashMap<>(Map.of("ok", 10L, "attention", 2L, "broken", 3L, "unchecked", 1L));
		RunReport.Run run = new RunReport.Run("articleAuditJob", 12, "COMPLETED", start, start.plusSeconds(75), start.plusSeconds(80),
				true, new RunReport.Database("newsprobe", "5f3c9a1e"), List.of("/srv/" + hostile), "2026-11-21",
				Map.of("input", "/srv/" + hostile), List.of(12L), 11L,
				List.of(new RunReport.Step(12, "articleAuditJob.ingest", "COMPLETED", 4, 4, 0, 0)));
		RunReport.Fix moved = new RunReport.Fix("MOVED", "web", 3, "https://old.example/a?x=1&y=2", "MOVED",
				"https://new.example/" + hostile, "moved permanently");
		RunReport.Fix broken = new RunReport.Fix("BROKEN", "body_link", 9, oddUrl, "INVALID_URL", null, hostile);
		return new RunReport(run,
				new RunReport.Headline("Worse since execution 11 (2026-11-20): 3 URLs are broken, 1 more than then.", 11L,
						"2026-11-20", 3, 2L, 1, 0),
				new RunReport.Files(4, 3, 0, 1, 0, 0, 16), new RunReport.Urls(16, 4, byClass, Map.of("OK", 10L, "BROKEN", 3L), 16,
						Map.of("OK", 10L)),
				new RunReport.Changes(List.of(new RunReport.Transition("OK", "BROKEN", 1)), 1, 0, 2,
						List.of(new RunReport.UrlChange(oddUrl, "OK", "BROKEN")), List.of(), 1, 0, 0, 0),
				new RunReport.ToFix(1, 2, List.of(new RunReport.FileFixes("/srv/" + hostile + ".md", hostile, 1, 1, 0,
						List.of(moved, broken)))),
				new RunReport.BrokenLinks(3, 4, "broken-links-5f3c9a1e-12.csv.gz",
						List.of(new RunReport.BrokenUrl(oddUrl, "INVALID_URL", null, null, hostile, 2))),
				new RunReport.MovedLinks(1, 1, List.of(new RunReport.MovedUrl("https://old.example/a?x=1&y=2", oddUrl, 1))),
				new RunReport.RejectedFiles(1, List.of(new RunReport.RejectedFile("/srv/" + hostile, "YAML_SYNTAX", 3, hostile, 12, start))),
				new RunReport.Ranked<>(1, List.of(new RunReport.Provider(hostile, hostile, 4, 16, 10, 2, 3, 1))),
				new RunReport.Ranked<>(1, List.of(new RunReport.Host(hostile, 16, 10, 2, 3, 1))),
				new RunReport.ImageCache(5, 3, 1, 1, 0, 0, 0), List.of(new RunReport.SlowHost(hostile, 16, 20, 300, 900)),
				List.of(new RunReport.RateLimitedHost(hostile, 5, 2, 3)),
				new RunReport.Trend(List.of(new RunReport.TrendRun(11, "2026-11-20", 15, 11, 2, 2, 0),
						new RunReport.TrendRun(12, "2026-11-21", 16, 10, 2, 3, 1)),
						List.of(new RunReport.ProviderTrend(hostile, hostile,
								List.of(new RunReport.ProviderPoint(11, "2026-11-20", 15, 2),
										new RunReport.ProviderPoint(12, "2026-11-21", 16, 3))))));
	}

}
