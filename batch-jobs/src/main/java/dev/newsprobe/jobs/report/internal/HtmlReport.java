package dev.newsprobe.jobs.report.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsprobe.jobs.report.RunReport;

import static dev.newsprobe.jobs.report.internal.Html.esc;
import static dev.newsprobe.jobs.report.internal.Html.n;
import static dev.newsprobe.jobs.report.internal.Html.num;
import static dev.newsprobe.jobs.report.internal.Html.td;

/**
 * The report as one self-contained HTML page for people: opened from disk, mailed or archived, it
 * fetches nothing (no script, style sheet, font or image from anywhere; its Content-Security-Policy
 * forbids any), runs no script, and draws its charts as inline SVG ({@link Charts}). Its lists are
 * those of the JSON report, cut at {@code newsprobe.report.top}, so the page stays small whatever
 * the archive's size; the compressed CSV holds every broken link. Every number it shows from the
 * report carries the JSON path it comes from ({@code data-json}), which the browser test reads back.
 */
public final class HtmlReport {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	/** Files whose fixes show at once; the others open on a click (no script needed: {@code <details>}). */
	private static final int OPEN_FILES = 5;

	/** Allows inline styles and nothing else: no fetch of any kind, no script. */
	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:;"
			+ " base-uri 'none'; form-action 'none'";

	static final String STYLE = """
			:root { color: #1a1a1a; background: #ffffff; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif; }
			body { margin: 0 auto; max-width: 1100px; padding: 0 20px 40px; }
			header { border-bottom: 3px solid #1a1a1a; padding: 18px 0 10px; }
			h1 { font-size: 1.6em; margin: 0 0 4px; }
			h2 { font-size: 1.3em; margin: 32px 0 8px; border-bottom: 1px solid #bbb; padding-bottom: 3px; }
			h3 { font-size: 1.05em; margin: 18px 0 6px; }
			.meta { color: #444; margin: 2px 0; }
			.status { display: inline-block; padding: 1px 8px; border: 2px solid #1a1a1a; border-radius: 3px; font-weight: 700; }
			.status-COMPLETED { background: #e6f4e3; } .status-FAILED { background: #f8d7d3; } .status-STOPPED { background: #fbe7c6; }
			nav { margin: 10px 0; font-size: 0.92em; } nav a { margin-right: 12px; }
			.sentence { font-size: 1.25em; font-weight: 600; margin: 16px 0 12px; }
			.tiles { display: flex; gap: 14px; flex-wrap: wrap; }
			.tile { border: 2px solid #1a1a1a; border-radius: 4px; padding: 8px 14px; min-width: 180px; }
			.tile .big { font-size: 2em; font-weight: 700; display: block; }
			.tile.broken { border-left: 10px solid #b2182b; } .tile.newly { border-left: 10px dashed #b2182b; } .tile.fixed { border-left: 10px solid #a6dba0; }
			table { border-collapse: collapse; margin: 8px 0 12px; width: 100%; font-size: 0.93em; }
			th, td { border: 1px solid #c8c8c8; padding: 3px 7px; text-align: left; vertical-align: top; }
			th { background: #efefef; }
			tbody tr:nth-child(even) { background: #f8f8f8; }
			td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
			.url, code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: 0.92em; overflow-wrap: anywhere; }
			a { color: #0b4f91; }
			details { margin: 6px 0 10px; border-left: 3px solid #888; padding-left: 10px; }
			summary { cursor: pointer; font-weight: 600; overflow-wrap: anywhere; }
			.kind { font-weight: 700; white-space: nowrap; }
			.kind-BROKEN { color: #8b0f1f; } .kind-MOVED { color: #0b4f91; } .kind-STALE_CACHED { color: #6a3d00; }
			.more, .note { color: #555; font-size: 0.9em; }
			svg.chart { max-width: 100%; height: auto; display: block; margin: 6px 0 4px; }
			svg .chart-title { font-weight: 700; font-size: 14px; fill: #1a1a1a; }
			svg .axis-title { font-size: 12px; fill: #1a1a1a; }
			svg .tick, svg .label, svg .value, svg .legend, svg .end-label { font-size: 11.5px; fill: #1a1a1a; }
			svg .message { font-size: 13px; fill: #444; font-style: italic; }
			svg .axis { stroke: #1a1a1a; stroke-width: 1; } svg .grid { stroke: #d4d4d4; stroke-width: 1; }
			svg .p50 { stroke: #000000; stroke-width: 3; } svg .max { fill: #ffffff; stroke: #000000; stroke-width: 1.5; }
			svg rect[class^="series-"], svg .swatch { stroke: #333333; stroke-width: 0.6; }
			footer { margin-top: 36px; color: #555; font-size: 0.88em; border-top: 1px solid #bbb; padding-top: 8px; }
			@media print {
			  :root { font-size: 11pt; } nav { display: none; } a { color: #000; text-decoration: none; }
			  h2 { break-after: avoid; } svg.chart, table, details { break-inside: avoid; }
			}
			""";

	private final StringBuilder out = new StringBuilder(64 * 1024);

	private HtmlReport() {
	}

	/** The HTML page of a report. */
	public static String render(RunReport report) {
		HtmlReport html = new HtmlReport();
		RunReport.Run run = report.run();
		html.out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(CONTENT_SECURITY_POLICY).append("\">\n")
			.append("<meta name=\"referrer\" content=\"no-referrer\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<meta name=\"generator\" content=\"newsprobe report ").append(JsonReport.VERSION).append("\">\n")
			.append("<title>newsprobe report: execution ").append(run.executionId()).append(" (").append(esc(run.status()))
			.append(")</title>\n<style>\n").append(STYLE).append("</style>\n</head>\n<body>\n");
		html.header(report);
		html.headline(report.headline());
		html.toFix(report.toFix(), report.brokenLinks());
		html.trend(report.trend(), report.urls());
		html.providers(report.providers(), report.trend());
		html.hosts(report.hosts(), report.slowestHosts(), report.rateLimitedHosts());
		html.images(report.imageCache());
		html.rejected(report.rejectedFiles());
		html.links(report.brokenLinks(), report.movedLinks(), report.changes());
		html.run(report);
		html.out.append("<footer>Made by newsprobe at ").append(esc(time(run.generatedAt())))
			.append(". The JSON report beside this page has the same numbers for programs; <a href=\"index.html\">index.html</a>")
			.append(" lists every report kept in this directory.</footer>\n</body>\n</html>\n");
		return html.out.toString();
	}

	private void header(RunReport report) {
		RunReport.Run run = report.run();
		this.out.append("<header>\n<h1>newsprobe report: execution <span data-json=\"run.executionId\">")
			.append(run.executionId()).append("</span></h1>\n");
		this.out.append("<p class=\"meta\"><span class=\"status status-").append(esc(run.status()))
			.append("\" data-json-text=\"run.status\">").append(esc(run.status())).append("</span> ");
		if (run.endTime() == null) {
			this.out.append("the run is ending; this page is rewritten with its final status when it has. ");
		}
		this.out.append("Night ").append(esc((run.night() != null) ? run.night() : "-")).append(", took ")
			.append(esc(took(run.startTime(), run.endTime()))).append(".</p>\n");
		this.out.append("<p class=\"meta\">Input roots: ")
			.append(String.join(", ", run.roots().stream().map(root -> "<code>" + esc(root) + "</code>").toList()))
			.append(". Database <code>").append(esc(run.database().name())).append("</code> (report tag <code>")
			.append(esc(run.database().tag())).append("</code>). <a href=\"index.html\">All reports</a></p>\n");
		this.out.append("<nav><a href=\"#fix\">What to fix</a><a href=\"#trend\">Trend</a><a href=\"#providers\">Providers</a>")
			.append("<a href=\"#hosts\">Hosts</a><a href=\"#images\">Image cache</a><a href=\"#rejected\">Rejected files</a>")
			.append("<a href=\"#links\">Links</a><a href=\"#run\">The run</a></nav>\n</header>\n");
	}

	private void headline(RunReport.Headline headline) {
		this.out.append("<section id=\"headline\">\n<p class=\"sentence\" data-json-text=\"headline.sentence\">")
			.append(esc(headline.sentence())).append("</p>\n<div class=\"tiles\">\n");
		this.out.append("<div class=\"tile broken\"><span class=\"big\">").append(num("headline.broken", headline.broken()))
			.append("</span>broken URLs now");
		if (headline.brokenBefore() != null) {
			long delta = headline.broken() - headline.brokenBefore();
			this.out.append(" (").append((delta > 0) ? "+" : (delta < 0) ? "−" : "±").append(n(Math.abs(delta)))
				.append("; <span data-json=\"headline.brokenBefore\">").append(n(headline.brokenBefore()))
				.append("</span> in execution ").append(headline.previousExecutionId()).append(")");
		}
		this.out.append("</div>\n<div class=\"tile newly\"><span class=\"big\">")
			.append(num("headline.newlyBroken", headline.newlyBroken()))
			.append("</span>broke in this run</div>\n<div class=\"tile fixed\"><span class=\"big\">")
			.append(num("headline.fixed", headline.fixed())).append("</span>fixed in this run</div>\n</div>\n</section>\n");
	}

	private void toFix(RunReport.ToFix toFix, RunReport.BrokenLinks broken) {
		this.out.append("<section id=\"fix\">\n<h2>What to fix</h2>\n");
		if (toFix.top().isEmpty()) {
			this.out.append("<p>Nothing to fix in the files: no broken or moved links, no wrong <code>isCached</code>.</p>\n</section>\n");
			return;
		}
		this.out.append("<p>").append(num("toFix.fixes", toFix.fixes())).append(" changes in ")
			.append(num("toFix.files", toFix.files())).append(" files, the files with most to fix first")
			.append(shown(toFix.top().size(), toFix.files()))
			.append((toFix.top().size() > OPEN_FILES) ? "; the first " + OPEN_FILES + " are open, a click opens the others" : "")
			.append(". Every broken link is in <a href=\"")
			.append(esc(broken.csv())).append("\">").append(esc(broken.csv())).append("</a> (gzip-compressed CSV).</p>\n");
		for (int i = 0; i < toFix.top().size(); i++) {
			RunReport.FileFixes file = toFix.top().get(i);
			String at = "toFix.top[" + i + "]";
			this.out.append((i < OPEN_FILES) ? "<details open>" : "<details>").append("<summary><code>").append(esc(file.path()))
				.append("</code>: ")
				.append(num(at + ".broken", file.broken())).append(" broken, ").append(num(at + ".moved", file.moved()))
				.append(" moved, ").append(num(at + ".staleCached", file.staleCached())).append(" wrong isCached")
				.append((file.provider() != null) ? " (" + esc(file.provider()) + ")" : "").append("</summary>\n");
			this.out.append("<table><thead><tr><th class=\"n\">line</th><th>what to do</th><th>where</th><th>why</th></tr></thead><tbody>\n");
			for (RunReport.Fix fix : file.fixes()) {
				this.out.append("<tr><td class=\"n\">").append((fix.line() != null) ? fix.line() : "-").append("</td><td>")
					.append(what(fix)).append("</td><td><code>").append(esc(fix.role())).append("</code></td><td>")
					.append(esc(fix.detail())).append("</td></tr>\n");
			}
			this.out.append("</tbody></table>\n");
			long all = file.broken() + file.moved() + file.staleCached();
			if (file.fixes().size() < all) {
				this.out.append("<p class=\"more\">First ").append(file.fixes().size()).append(" of ").append(n(all))
					.append(" changes in this file; the CSV lists every broken link.</p>\n");
			}
			this.out.append("</details>\n");
		}
		this.out.append("</section>\n");
	}

	/** "replace X with Y" for every fix with a replacement (moved links, later dead links' archived copies). */
	private static String what(RunReport.Fix fix) {
		String kind = "<span class=\"kind kind-" + esc(fix.kind()) + "\">" + esc(label(fix.kind())) + "</span> ";
		if (fix.kind().equals(RunReport.FixKind.STALE_CACHED.name())) {
			return kind + "set <code>" + esc(fix.replacement()) + "</code> for " + Html.url(fix.url());
		}
		if (fix.replacement() != null) {
			return kind + "replace " + Html.url(fix.url()) + " with " + Html.url(fix.replacement());
		}
		return kind + "<code>" + esc(fix.verdict()) + "</code>: remove or replace " + Html.url(fix.url());
	}

	private static String label(String kind) {
		return switch (kind) {
			case "BROKEN" -> "broken";
			case "MOVED" -> "moved";
			case "STALE_CACHED" -> "isCached";
			default -> kind.toLowerCase(Locale.ROOT).replace('_', ' ');
		};
	}

	private void trend(RunReport.Trend trend, RunReport.Urls urls) {
		this.out.append("<section id=\"trend\">\n<h2>Trend</h2>\n<p>").append(num("urls.total", urls.total()))
			.append(" distinct URLs cited by ").append(num("urls.articles", urls.articles())).append(" live articles: ")
			.append(num("urls.byClass.ok", urls.byClass().getOrDefault("ok", 0L))).append(" ok, ")
			.append(num("urls.byClass.attention", urls.byClass().getOrDefault("attention", 0L))).append(" need attention, ")
			.append(num("urls.byClass.broken", urls.byClass().getOrDefault("broken", 0L))).append(" broken, ")
			.append(num("urls.byClass.unchecked", urls.byClass().getOrDefault("unchecked", 0L)))
			.append(" not checked yet. This run probed ").append(num("urls.probed", urls.probed())).append(" of them.</p>\n");
		this.out.append(Charts.verdictsPerRun(trend.runs())).append('\n');
		this.out.append("<table><thead><tr><th>night</th><th class=\"n\">execution</th><th class=\"n\">URLs</th><th class=\"n\">ok</th>")
			.append("<th class=\"n\">need attention</th><th class=\"n\">broken</th><th class=\"n\">not checked</th></tr></thead><tbody>\n");
		for (int i = trend.runs().size() - 1; i >= 0; i--) {
			RunReport.TrendRun run = trend.runs().get(i);
			String at = "trend.runs[" + i + "]";
			this.out.append("<tr><td>").append(esc(run.night())).append("</td>").append(td(at + ".executionId", run.executionId()))
				.append(td(at + ".urls", run.urls())).append(td(at + ".ok", run.ok())).append(td(at + ".attention", run.attention()))
				.append(td(at + ".broken", run.broken())).append(td(at + ".unchecked", run.unchecked())).append("</tr>\n");
		}
		this.out.append("</tbody></table>\n");
		if (!urls.byVerdict().isEmpty()) {
			this.out.append("<h3>By verdict</h3>\n<table><thead><tr><th>verdict</th><th class=\"n\">URLs</th><th class=\"n\">share</th>")
				.append("<th class=\"n\">probed by this run</th></tr></thead><tbody>\n");
			for (Map.Entry<String, Long> verdict : urls.byVerdict().entrySet()) {
				Long probed = urls.probedByVerdict().get(verdict.getKey());
				this.out.append("<tr><td><code>").append(esc(verdict.getKey())).append("</code></td>")
					.append(td("urls.byVerdict." + verdict.getKey(), verdict.getValue())).append("<td class=\"n\">")
					.append(Html.percent(verdict.getValue(), urls.total())).append("</td>")
					.append((probed != null) ? td("urls.probedByVerdict." + verdict.getKey(), probed) : "<td class=\"n\">0</td>")
					.append("</tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		this.out.append("</section>\n");
	}

	private void providers(RunReport.Ranked<RunReport.Provider> providers, RunReport.Trend trend) {
		this.out.append("<section id=\"providers\">\n<h2>Providers</h2>\n");
		this.out.append(Charts.providerShare(trend.runs(), trend.providers())).append('\n');
		this.out.append("<p>").append(num("providers.total", providers.total())).append(" providers, most broken first")
			.append(shown(providers.top().size(), providers.total())).append(".</p>\n");
		if (providers.top().isEmpty()) {
			this.out.append("<p>No live articles.</p>\n</section>\n");
			return;
		}
		this.out.append("<table><thead><tr><th>provider</th><th>name</th><th class=\"n\">articles</th><th class=\"n\">URLs</th>")
			.append("<th class=\"n\">ok</th><th class=\"n\">attention</th><th class=\"n\">broken</th><th class=\"n\">broken share</th>")
			.append("<th class=\"n\">not checked</th></tr></thead><tbody>\n");
		for (int i = 0; i < providers.top().size(); i++) {
			RunReport.Provider p = providers.top().get(i);
			String at = "providers.top[" + i + "]";
			this.out.append("<tr><td><code>").append(esc((p.domain() != null) ? p.domain() : "(none)")).append("</code></td><td>")
				.append(esc(p.name())).append("</td>").append(td(at + ".articles", p.articles())).append(td(at + ".urls", p.urls()))
				.append(td(at + ".ok", p.ok())).append(td(at + ".attention", p.attention())).append(td(at + ".broken", p.broken()))
				.append("<td class=\"n\">").append(Html.percent(p.broken(), p.urls())).append("</td>")
				.append(td(at + ".unchecked", p.unchecked())).append("</tr>\n");
		}
		this.out.append("</tbody></table>\n</section>\n");
	}

	private void hosts(RunReport.Ranked<RunReport.Host> hosts, List<RunReport.SlowHost> slowest,
			List<RunReport.RateLimitedHost> rateLimited) {
		this.out.append("<section id=\"hosts\">\n<h2>Hosts</h2>\n<p>").append(num("hosts.total", hosts.total()))
			.append(" hosts, most broken first").append(shown(hosts.top().size(), hosts.total())).append(".</p>\n");
		if (!hosts.top().isEmpty()) {
			this.out.append("<table><thead><tr><th>host</th><th class=\"n\">URLs</th><th class=\"n\">ok</th><th class=\"n\">attention</th>")
				.append("<th class=\"n\">broken</th><th class=\"n\">not checked</th></tr></thead><tbody>\n");
			for (int i = 0; i < hosts.top().size(); i++) {
				RunReport.Host h = hosts.top().get(i);
				String at = "hosts.top[" + i + "]";
				this.out.append("<tr><td><code>").append(esc((h.host() != null) ? h.host() : "(no host)")).append("</code></td>")
					.append(td(at + ".urls", h.urls())).append(td(at + ".ok", h.ok())).append(td(at + ".attention", h.attention()))
					.append(td(at + ".broken", h.broken())).append(td(at + ".unchecked", h.unchecked())).append("</tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		this.out.append("<h3>Slowest hosts</h3>\n").append(Charts.slowestHosts(slowest)).append('\n');
		if (!slowest.isEmpty()) {
			this.out.append("<table><thead><tr><th>host</th><th class=\"n\">URLs probed</th><th class=\"n\">p50 ms</th>")
				.append("<th class=\"n\">p95 ms</th><th class=\"n\">slowest ms</th></tr></thead><tbody>\n");
			for (int i = 0; i < slowest.size(); i++) {
				RunReport.SlowHost h = slowest.get(i);
				String at = "slowestHosts[" + i + "]";
				this.out.append("<tr><td><code>").append(esc((h.host() != null) ? h.host() : "(no host)")).append("</code></td>")
					.append(td(at + ".urls", h.urls())).append(td(at + ".p50Ms", h.p50Ms())).append(td(at + ".p95Ms", h.p95Ms()))
					.append(td(at + ".maxMs", h.maxMs())).append("</tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		this.out.append("<h3>Rate-limiting hosts</h3>\n").append(Charts.rateLimitedHosts(rateLimited)).append('\n');
		if (!rateLimited.isEmpty()) {
			this.out.append("<table><thead><tr><th>host</th><th class=\"n\">URLs probed</th><th class=\"n\">ended 429/503</th>")
				.append("<th class=\"n\">retried</th></tr></thead><tbody>\n");
			for (int i = 0; i < rateLimited.size(); i++) {
				RunReport.RateLimitedHost h = rateLimited.get(i);
				String at = "rateLimitedHosts[" + i + "]";
				this.out.append("<tr><td><code>").append(esc((h.host() != null) ? h.host() : "(no host)")).append("</code></td>")
					.append(td(at + ".probes", h.probes())).append(td(at + ".throttled", h.throttled()))
					.append(td(at + ".retried", h.retried())).append("</tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		this.out.append("</section>\n");
	}

	private void images(RunReport.ImageCache cache) {
		this.out.append("<section id=\"images\">\n<h2>Image cache</h2>\n").append(Charts.imageCache(cache)).append('\n');
		this.out.append("<table><thead><tr><th class=\"n\">images of live articles</th><th class=\"n\">agree</th>")
			.append("<th class=\"n\">isCached: true, not served</th><th class=\"n\">isCached: false, served</th>")
			.append("<th class=\"n\">no isCached</th><th class=\"n\">unknown</th>")
			.append("<th class=\"n\">declared size unverified</th></tr></thead><tbody><tr>")
			.append(td("imageCache.images", cache.images())).append(td("imageCache.agree", cache.agree()))
			.append(td("imageCache.declaredCachedButUnavailable", cache.declaredCachedButUnavailable()))
			.append(td("imageCache.declaredNotCachedButAvailable", cache.declaredNotCachedButAvailable()))
			.append(td("imageCache.undeclared", cache.undeclared())).append(td("imageCache.unchecked", cache.unchecked()))
			.append(td("imageCache.sizeUnverified", cache.sizeUnverified()))
			.append("</tr></tbody></table>\n<p class=\"note\">An image is served when its URL's verdict is <code>OK</code>,")
			.append(" <code>MOVED</code> or <code>SIZE_MISMATCH</code>, and not when it is <code>BROKEN</code>, <code>SOFT_404</code>,")
			.append(" <code>NOT_AN_IMAGE</code> or <code>INVALID_URL</code>; other verdicts leave it unknown.")
			.append(" <code>audit --write-back</code> fixes the flags that disagree.</p>\n</section>\n");
	}

	private void rejected(RunReport.RejectedFiles rejected) {
		this.out.append("<section id=\"rejected\">\n<h2>Rejected files</h2>\n");
		if (rejected.top().isEmpty()) {
			this.out.append("<p><span data-json=\"rejectedFiles.total\">0</span> files rejected: every file under the roots could be read.</p>\n</section>\n");
			return;
		}
		this.out.append("<p>").append(num("rejectedFiles.total", rejected.total()))
			.append((rejected.total() == 1) ? " file under the roots cannot be read; its links are not checked until it is fixed"
					: " files under the roots cannot be read; their links are not checked until they are fixed")
			.append(shown(rejected.top().size(), rejected.total())).append(".</p>\n");
		this.out.append("<table><thead><tr><th>file</th><th class=\"n\">line</th><th>code</th><th>reason</th>")
			.append("<th class=\"n\">since execution</th></tr></thead><tbody>\n");
		for (int i = 0; i < rejected.top().size(); i++) {
			RunReport.RejectedFile file = rejected.top().get(i);
			this.out.append("<tr><td><code>").append(esc(file.path())).append("</code></td><td class=\"n\">")
				.append((file.line() != null) ? file.line() : "-").append("</td><td><code data-json-text=\"rejectedFiles.top[")
				.append(i).append("].code\">").append(esc(file.code())).append("</code></td><td>").append(esc(file.reason()))
				.append("</td><td class=\"n\">").append(file.executionId()).append("</td></tr>\n");
		}
		this.out.append("</tbody></table>\n</section>\n");
	}

	private void links(RunReport.BrokenLinks broken, RunReport.MovedLinks moved, RunReport.Changes changes) {
		this.out.append("<section id=\"links\">\n<h2>Links</h2>\n<h3>Broken links</h3>\n<p>")
			.append(num("brokenLinks.urls", broken.urls())).append(" broken URLs, cited ")
			.append(num("brokenLinks.citations", broken.citations()))
			.append(" times by live articles. Every citation, with the article's path and the link's role and line, is in <a href=\"")
			.append(esc(broken.csv())).append("\">").append(esc(broken.csv())).append("</a>.</p>\n");
		if (!broken.top().isEmpty()) {
			this.out.append("<table><thead><tr><th>URL</th><th>verdict</th><th class=\"n\">status</th><th class=\"n\">articles</th>")
				.append("<th>reason</th></tr></thead><tbody>\n");
			for (int i = 0; i < broken.top().size(); i++) {
				RunReport.BrokenUrl url = broken.top().get(i);
				this.out.append("<tr><td>").append(Html.url(url.url())).append("</td><td><code>").append(esc(url.verdict()))
					.append("</code></td><td class=\"n\">").append((url.statusCode() != null) ? url.statusCode() : "-").append("</td>")
					.append(td("brokenLinks.top[" + i + "].articles", url.articles())).append("<td>").append(esc(url.reason()))
					.append("</td></tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		this.out.append("<h3>Moved links</h3>\n<p>").append(num("movedLinks.urls", moved.urls()))
			.append(" URLs moved permanently, cited ").append(num("movedLinks.citations", moved.citations()))
			.append(" times. <code>audit --write-back=moved</code> makes these replacements in the front matter.</p>\n");
		if (!moved.top().isEmpty()) {
			this.out.append("<table><thead><tr><th>replace</th><th>with</th><th class=\"n\">articles</th></tr></thead><tbody>\n");
			for (int i = 0; i < moved.top().size(); i++) {
				RunReport.MovedUrl url = moved.top().get(i);
				this.out.append("<tr><td>").append(Html.url(url.url())).append("</td><td>").append(Html.url(url.finalUrl()))
					.append("</td>").append(td("movedLinks.top[" + i + "].articles", url.articles())).append("</tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		this.out.append("<h3>Changes since the previous check</h3>\n<p>")
			.append(num("changes.newlyBroken", changes.newlyBroken())).append(" URLs newly broken, ")
			.append(num("changes.fixed", changes.fixed())).append(" fixed, ")
			.append(num("changes.firstCheckedBroken", changes.firstCheckedBroken())).append(" broken at their first check. Articles: ")
			.append(num("changes.articlesNew", changes.articlesNew())).append(" new, ")
			.append(num("changes.articlesChanged", changes.articlesChanged())).append(" changed, ")
			.append(num("changes.articlesGone", changes.articlesGone())).append(" gone, ")
			.append(num("changes.articlesBack", changes.articlesBack())).append(" back.</p>\n");
		if (!changes.transitions().isEmpty()) {
			this.out.append("<table><thead><tr><th>from</th><th>to</th><th class=\"n\">URLs</th></tr></thead><tbody>\n");
			for (int i = 0; i < changes.transitions().size(); i++) {
				RunReport.Transition t = changes.transitions().get(i);
				this.out.append("<tr><td>").append((t.from() != null) ? "<code>" + esc(t.from()) + "</code>" : "(first check)")
					.append("</td><td><code>").append(esc(t.to())).append("</code></td>")
					.append(td("changes.transitions[" + i + "].urls", t.urls())).append("</tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		urlChanges("Newly broken", changes.newlyBrokenUrls());
		urlChanges("Fixed", changes.fixedUrls());
		this.out.append("</section>\n");
	}

	private void urlChanges(String title, List<RunReport.UrlChange> rows) {
		if (rows.isEmpty()) {
			return;
		}
		this.out.append("<h3>").append(esc(title)).append("</h3>\n<table><thead><tr><th>URL</th><th>was</th><th>now</th></tr></thead><tbody>\n");
		for (RunReport.UrlChange change : rows) {
			this.out.append("<tr><td>").append(Html.url(change.url())).append("</td><td><code>").append(esc(change.from()))
				.append("</code></td><td><code>").append(esc(change.to())).append("</code></td></tr>\n");
		}
		this.out.append("</tbody></table>\n");
	}

	private void run(RunReport report) {
		RunReport.Run run = report.run();
		RunReport.Files files = report.files();
		this.out.append("<section id=\"run\">\n<h2>The run</h2>\n<table><tbody>\n");
		row("job", esc(run.job()));
		row("status", "<span data-json-text=\"run.status\">" + esc(run.status()) + "</span>");
		row("started", esc(time(run.startTime())));
		row("ended", esc(time(run.endTime())));
		row("duration", esc(took(run.startTime(), run.endTime())));
		row("report made", esc(time(run.generatedAt())) + (run.writtenByReportStep() ? " by the run's report step"
				: " by <code>newsprobe report " + run.executionId() + "</code>"));
		if (run.executions().size() > 1) {
			row("restarted", "the run spans executions "
					+ esc(String.join(", ", run.executions().stream().map(String::valueOf).toList())) + "; the counts cover them all");
		}
		row("previous run", (run.previousExecutionId() != null) ? "execution " + run.previousExecutionId() : "none");
		row("files", num("files.seen", files.seen()) + " seen: " + num("files.parsed", files.parsed()) + " parsed, "
				+ num("files.unchanged", files.unchanged()) + " unchanged, " + num("files.rejected", files.rejected())
				+ " rejected; " + num("files.warnings", files.warnings()) + " warnings; " + num("files.gone", files.gone())
				+ " gone; " + num("files.newUrls", files.newUrls()) + " new URLs");
		this.out.append("</tbody></table>\n<h3>Settings</h3>\n<table><thead><tr><th>parameter</th><th>value</th></tr></thead><tbody>\n");
		run.parameters().forEach((name, value) -> this.out.append("<tr><td><code>").append(esc(name)).append("</code></td><td><code>")
			.append(esc(value)).append("</code></td></tr>\n"));
		this.out.append("</tbody></table>\n");
		if (!run.steps().isEmpty()) {
			this.out.append("<h3>Steps</h3>\n<table><thead><tr><th>step</th><th class=\"n\">execution</th><th>status</th>")
				.append("<th class=\"n\">read</th><th class=\"n\">written</th><th class=\"n\">unchanged</th><th class=\"n\">skipped</th>")
				.append("</tr></thead><tbody>\n");
			for (int i = 0; i < run.steps().size(); i++) {
				RunReport.Step step = run.steps().get(i);
				String at = "run.steps[" + i + "]";
				this.out.append("<tr><td><code>").append(esc(step.name())).append("</code></td><td class=\"n\">")
					.append(step.executionId()).append("</td><td>").append(esc(step.status())).append("</td>")
					.append(td(at + ".read", step.read())).append(td(at + ".written", step.written()))
					.append(td(at + ".filtered", step.filtered())).append(td(at + ".skipped", step.skipped())).append("</tr>\n");
			}
			this.out.append("</tbody></table>\n");
		}
		this.out.append("</section>\n");
	}

	private void row(String name, String html) {
		this.out.append("<tr><th>").append(esc(name)).append("</th><td>").append(html).append("</td></tr>\n");
	}

	private static String shown(int shown, long total) {
		return (shown < total) ? " (the first " + shown + " of " + n(total) + ")" : "";
	}

	private static String time(OffsetDateTime time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	static String took(OffsetDateTime start, OffsetDateTime end) {
		if (start == null || end == null) {
			return "-";
		}
		long millis = Duration.between(start, end).toMillis();
		return (millis < 60_000) ? String.format(Locale.ROOT, "%.1f s", millis / 1000.0)
				: String.format(Locale.ROOT, "%d min %02d s", millis / 60_000, (millis / 1000) % 60);
	}

}
