package dev.newsprobe.jobs.report.internal;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import dev.newsprobe.jobs.report.RunReport;

/**
 * The report as Markdown for people. Every value that comes from an article file or a server is
 * escaped, so a hostile title, URL or reason stays inside its table cell and renders as text.
 */
public final class MarkdownReport {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

	private final StringBuilder out = new StringBuilder();

	private MarkdownReport() {
	}

	/** The Markdown text of a report. */
	public static String render(RunReport report) {
		MarkdownReport markdown = new MarkdownReport();
		markdown.header(report.run());
		markdown.headline(report.headline());
		markdown.files(report.files());
		markdown.urls(report.urls());
		markdown.changes(report.changes(), report.run());
		markdown.toFix(report.toFix());
		markdown.broken(report.brokenLinks());
		markdown.moved(report.movedLinks());
		markdown.rejected(report.rejectedFiles());
		markdown.providers(report.providers());
		markdown.hosts(report.hosts());
		markdown.imageCache(report.imageCache());
		markdown.slowest(report.slowestHosts());
		markdown.rateLimited(report.rateLimitedHosts());
		return markdown.out.toString();
	}

	private void header(RunReport.Run run) {
		line("# newsprobe report: " + run.job() + " execution " + run.executionId());
		line("");
		line("| | |");
		line("| --- | --- |");
		String status = run.status();
		if (run.endTime() == null) {
			status += " (the run is ending: this report is rewritten with its final status when it has; if it still"
					+ " says so, the run did not end normally and `newsprobe report " + run.executionId()
					+ "` writes it again)";
		}
		row("status", status);
		row("input roots", String.join(", ", run.roots().stream().map(MarkdownReport::code).toList()));
		row("database", code(run.database().name()) + " (report tag `" + run.database().tag() + "`)");
		row("started", time(run.startTime()));
		row("ended", (run.endTime() != null) ? time(run.endTime()) + " (" + took(run.startTime(), run.endTime()) + ")" : "-");
		row("report made", time(run.generatedAt()));
		run.parameters().forEach((name, value) -> row("parameter " + code(name), code(value)));
		if (run.executions().size() > 1) {
			row("restarted", "the run spans executions " + String.join(", ", run.executions().stream().map(String::valueOf).toList())
					+ "; the counts cover them all");
		}
		row("previous run", (run.previousExecutionId() != null) ? "execution " + run.previousExecutionId() : "none");
		line("");
		if (!run.steps().isEmpty()) {
			boolean restarted = run.executions().size() > 1;
			line("| step |" + (restarted ? " execution |" : "") + " status | read | written | unchanged | skipped |");
			line("| --- |" + (restarted ? " ---: |" : "") + " --- | ---: | ---: | ---: | ---: |");
			for (RunReport.Step step : run.steps()) {
				String name = code(step.name()) + (restarted ? " | " + step.executionId() : "");
				row(name, step.status(), n(step.read()), n(step.written()), n(step.filtered()), n(step.skipped()));
			}
			line("");
		}
	}

	private void headline(RunReport.Headline headline) {
		line("**" + text(headline.sentence()) + "**");
		line("");
		line("| broken URLs now | broke in this run | fixed in this run |");
		line("| ---: | ---: | ---: |");
		String before = (headline.brokenBefore() != null)
				? " (" + signed(headline.broken() - headline.brokenBefore()) + " since execution " + headline.previousExecutionId() + ")" : "";
		row(n(headline.broken()) + before, n(headline.newlyBroken()), n(headline.fixed()));
		line("");
	}

	private void toFix(RunReport.ToFix toFix) {
		line("## What to fix" + shown(toFix.top().size(), toFix.files()));
		line("");
		if (toFix.top().isEmpty()) {
			line("Nothing to fix in the files: no broken or moved links, no wrong `isCached`.");
			line("");
			return;
		}
		line(n(toFix.fixes()) + " changes in " + n(toFix.files()) + " files; the files with most to fix first.");
		line("");
		for (RunReport.FileFixes file : toFix.top()) {
			line("### " + text(file.path()));
			line("");
			line(n(file.broken()) + " broken, " + n(file.moved()) + " moved, " + n(file.staleCached()) + " wrong `isCached`"
					+ ((file.provider() != null) ? "; provider " + code(file.provider()) : "") + ".");
			line("");
			line("| line | where | what to do | why |");
			line("| ---: | --- | --- | --- |");
			for (RunReport.Fix fix : file.fixes()) {
				row((fix.line() != null) ? fix.line().toString() : "-", code(fix.role()), what(fix), text(fix.detail()));
			}
			long shownFixes = file.fixes().size();
			long all = file.broken() + file.moved() + file.staleCached();
			if (shownFixes < all) {
				line("");
				line("(first " + shownFixes + " of " + n(all) + "; the CSV lists every broken link)");
			}
			line("");
		}
	}

	/** What to do about one fix: replace X with Y when there is a replacement, else the verdict. */
	private static String what(RunReport.Fix fix) {
		if (fix.kind().equals(RunReport.FixKind.STALE_CACHED.name())) {
			return "set " + code(fix.replacement()) + " for " + code(fix.url());
		}
		if (fix.replacement() != null) {
			return "replace " + code(fix.url()) + " with " + code(fix.replacement());
		}
		return code(fix.verdict()) + ": remove or replace " + code(fix.url());
	}

	private void moved(RunReport.MovedLinks moved) {
		line("## Moved links");
		line("");
		line(n(moved.urls()) + " URLs moved permanently, cited " + n(moved.citations()) + " times by live articles."
				+ ((moved.urls() > 0) ? " `audit --write-back=moved` makes these replacements in the front matter." : ""));
		line("");
		if (!moved.top().isEmpty()) {
			line("Most cited" + shown(moved.top().size(), moved.urls()) + ":");
			line("");
			line("| replace | with | articles |");
			line("| --- | --- | ---: |");
			moved.top().forEach(url -> row(code(url.url()), code(url.finalUrl()), n(url.articles())));
			line("");
		}
	}

	private void rejected(RunReport.RejectedFiles rejected) {
		line("## Rejected files" + shown(rejected.top().size(), rejected.total()));
		line("");
		if (rejected.top().isEmpty()) {
			line("Every file under the roots could be read.");
			line("");
			return;
		}
		line(n(rejected.total()) + ((rejected.total() == 1) ? " file under the roots cannot be read; its links are not checked until it is fixed."
				: " files under the roots cannot be read; their links are not checked until they are fixed."));
		line("");
		line("| file | line | code | reason | since execution |");
		line("| --- | ---: | --- | --- | ---: |");
		for (RunReport.RejectedFile file : rejected.top()) {
			row(code(file.path()), (file.line() != null) ? file.line().toString() : "-", code(file.code()), text(file.reason()),
					String.valueOf(file.executionId()));
		}
		line("");
	}

	private void rateLimited(List<RunReport.RateLimitedHost> hosts) {
		line("## Rate-limiting hosts");
		line("");
		if (hosts.isEmpty()) {
			line("No host answered 429 or 503 or needed retries in this run.");
			line("");
			return;
		}
		line("Probes of this run that still ended in 429 (Too Many Requests) or 503 after their retries, and probes that"
				+ " needed more than one attempt.");
		line("");
		line("| host | URLs probed | ended 429/503 | retried |");
		line("| --- | ---: | ---: | ---: |");
		for (RunReport.RateLimitedHost h : hosts) {
			row((h.host() != null) ? code(h.host()) : "(no host)", n(h.probes()), n(h.throttled()), n(h.retried()));
		}
		line("");
	}

	private void files(RunReport.Files files) {
		line("## Files");
		line("");
		line(n(files.seen()) + " article files seen: " + n(files.parsed()) + " parsed, " + n(files.unchanged())
				+ " unchanged, " + n(files.rejected()) + " rejected; " + n(files.warnings()) + " warnings; "
				+ n(files.gone()) + " gone; " + n(files.newUrls()) + " new URLs.");
		line("");
	}

	private void urls(RunReport.Urls urls) {
		line("## URLs");
		line("");
		line(n(urls.total()) + " distinct URLs cited by " + n(urls.articles()) + " live articles: "
				+ n(urls.byClass().getOrDefault("ok", 0L)) + " ok, " + n(urls.byClass().getOrDefault("attention", 0L))
				+ " need attention, " + n(urls.byClass().getOrDefault("broken", 0L)) + " broken, "
				+ n(urls.byClass().getOrDefault("unchecked", 0L)) + " not checked yet. This run probed "
				+ n(urls.probed()) + (urls.probedByVerdict().isEmpty() ? "." : ": " + counts(urls.probedByVerdict()) + "."));
		line("");
		if (!urls.byVerdict().isEmpty()) {
			line("| verdict | URLs | share |");
			line("| --- | ---: | ---: |");
			urls.byVerdict().forEach((verdict, count) -> row(code(verdict), n(count), percent(count, urls.total())));
			line("");
		}
	}

	private void changes(RunReport.Changes changes, RunReport.Run run) {
		line("## Changes since the previous check");
		line("");
		line(n(changes.newlyBroken()) + " URLs newly broken, " + n(changes.fixed()) + " fixed, "
				+ n(changes.firstCheckedBroken()) + " broken at their first check. Articles: " + n(changes.articlesNew())
				+ " new, " + n(changes.articlesChanged()) + " changed, " + n(changes.articlesGone()) + " gone, "
				+ n(changes.articlesBack()) + " back.");
		line("");
		if (!changes.transitions().isEmpty()) {
			line("| from | to | URLs |");
			line("| --- | --- | ---: |");
			for (RunReport.Transition transition : changes.transitions()) {
				row((transition.from() != null) ? code(transition.from()) : "(first check)", code(transition.to()),
						n(transition.urls()));
			}
			line("");
		}
		urlChanges("Newly broken", changes.newlyBrokenUrls(), changes.newlyBroken());
		urlChanges("Fixed", changes.fixedUrls(), changes.fixed());
	}

	private void urlChanges(String title, List<RunReport.UrlChange> rows, long total) {
		if (rows.isEmpty()) {
			return;
		}
		line("### " + title + shown(rows.size(), total));
		line("");
		line("| URL | was | now |");
		line("| --- | --- | --- |");
		rows.forEach(change -> row(code(change.url()), code(change.from()), code(change.to())));
		line("");
	}

	private void broken(RunReport.BrokenLinks broken) {
		line("## Broken links");
		line("");
		line(n(broken.urls()) + " broken URLs, cited " + n(broken.citations()) + " times by live articles. Every citation, with"
				+ " the article's path and the link's role and line, is in `" + broken.csv() + "` (gzip-compressed CSV).");
		line("");
		if (!broken.top().isEmpty()) {
			line("Most cited" + shown(broken.top().size(), broken.urls()) + ":");
			line("");
			line("| URL | verdict | status | articles | reason |");
			line("| --- | --- | ---: | ---: | --- |");
			for (RunReport.BrokenUrl url : broken.top()) {
				row(code(url.url()), code(url.verdict()), (url.statusCode() != null) ? url.statusCode().toString() : "-",
						n(url.articles()), text(url.reason()));
			}
			line("");
		}
	}

	private void providers(RunReport.Ranked<RunReport.Provider> providers) {
		line("## By provider" + shown(providers.top().size(), providers.total()));
		line("");
		if (providers.top().isEmpty()) {
			line("No live articles.");
			line("");
			return;
		}
		line("| provider | name | articles | URLs | ok | attention | broken | not checked |");
		line("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
		for (RunReport.Provider p : providers.top()) {
			row((p.domain() != null) ? code(p.domain()) : "(none)", text(p.name()), n(p.articles()), n(p.urls()), n(p.ok()),
					n(p.attention()), n(p.broken()), n(p.unchecked()));
		}
		line("");
	}

	private void hosts(RunReport.Ranked<RunReport.Host> hosts) {
		line("## By host" + shown(hosts.top().size(), hosts.total()));
		line("");
		if (hosts.top().isEmpty()) {
			line("No URLs.");
			line("");
			return;
		}
		line("| host | URLs | ok | attention | broken | not checked |");
		line("| --- | ---: | ---: | ---: | ---: | ---: |");
		for (RunReport.Host h : hosts.top()) {
			row((h.host() != null) ? code(h.host()) : "(no host)", n(h.urls()), n(h.ok()), n(h.attention()), n(h.broken()),
					n(h.unchecked()));
		}
		line("");
	}

	private void imageCache(RunReport.ImageCache cache) {
		line("## Image cache (`isCached`)");
		line("");
		line("| images of live articles | agree | declared cached, not served | declared not cached, served | no `isCached` | unknown (unprobed or inconclusive) | declared size unverified |");
		line("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
		row(n(cache.images()), n(cache.agree()), n(cache.declaredCachedButUnavailable()), n(cache.declaredNotCachedButAvailable()),
				n(cache.undeclared()), n(cache.unchecked()), n(cache.sizeUnverified()));
		line("");
	}

	private void slowest(List<RunReport.SlowHost> hosts) {
		line("## Slowest hosts");
		line("");
		if (hosts.isEmpty()) {
			line("This run probed nothing.");
			line("");
			return;
		}
		line("Time per URL probed by this run, retries and redirects included.");
		line("");
		line("| host | URLs | p50 ms | p95 ms | max ms |");
		line("| --- | ---: | ---: | ---: | ---: |");
		for (RunReport.SlowHost h : hosts) {
			row((h.host() != null) ? code(h.host()) : "(no host)", n(h.urls()), n(h.p50Ms()), n(h.p95Ms()), n(h.maxMs()));
		}
		line("");
	}

	private void row(String... cells) {
		this.out.append("| ").append(String.join(" | ", cells)).append(" |\n");
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

	private static String shown(int shown, long total) {
		return (shown < total) ? " (first " + shown + " of " + String.format("%,d", total) + ")" : "";
	}

	private static String counts(Map<String, Long> counts) {
		return String.join(", ", counts.entrySet().stream().map(e -> n(e.getValue()) + " " + e.getKey()).toList());
	}

	private static String n(long value) {
		return String.format("%,d", value);
	}

	private static String signed(long value) {
		return (value > 0) ? "+" + n(value) : (value < 0) ? "-" + n(-value) : "±0";
	}

	private static String percent(long part, long whole) {
		return (whole == 0) ? "-" : String.format("%.1f %%", 100.0 * part / whole);
	}

	private static String time(OffsetDateTime time) {
		return (time != null) ? TIME.format(time) : "-";
	}

	private static String took(OffsetDateTime start, OffsetDateTime end) {
		if (start == null) {
			return "-";
		}
		long millis = Duration.between(start, end).toMillis();
		return (millis < 60_000) ? String.format("%.1f s", millis / 1000.0)
				: String.format("%d min %02d s", millis / 60_000, (millis / 1000) % 60);
	}

	/**
	 * Untrusted text as a table cell: line breaks and other control characters become spaces, and
	 * the characters Markdown or HTML would act on inside a line are escaped (a cell never starts a
	 * line, so {@code #}, {@code -} or {@code +} need not be).
	 */
	static String text(String value) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		StringBuilder cell = new StringBuilder(value.length());
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (Character.isISOControl(c)) {
				cell.append(' ');
			}
			else if ("\\`*_[]<>|~&".indexOf(c) >= 0) {
				cell.append('\\').append(c);
			}
			else {
				cell.append(c);
			}
		}
		return cell.toString();
	}

	/**
	 * Untrusted text as code in a table cell: a code span fenced by more backticks than any run in
	 * the text, with {@code |} escaped (tables split on it even in code) and control characters as spaces.
	 */
	static String code(String value) {
		if (value == null || value.isEmpty()) {
			return "-";
		}
		StringBuilder text = new StringBuilder(value.length());
		int run = 0;
		int longest = 0;
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			run = (c == '`') ? run + 1 : 0;
			longest = Math.max(longest, run);
			if (Character.isISOControl(c)) {
				text.append(' ');
			}
			else if (c == '|') {
				text.append("\\|");
			}
			else {
				text.append(c);
			}
		}
		String fence = "`".repeat(longest + 1);
		String padding = (text.charAt(0) == '`' || text.charAt(text.length() - 1) == '`') ? " " : "";
		return fence + padding + text + padding + fence;
	}

}
