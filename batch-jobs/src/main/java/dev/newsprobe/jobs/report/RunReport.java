package dev.newsprobe.jobs.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the report of one {@code articleAuditJob} execution says. A run restarted after a failure
 * spans several executions of one job instance: "the run" is all of them up to this one, so its
 * report counts the work committed before the restart too. Everything it counts is scoped to the
 * run's input roots: the live articles under them and the URLs those cite.
 * <p>
 * Rendered as Markdown, JSON and HTML from this one record (the JSON field names are these
 * component names, documented in the README), so the three always show the same numbers. Every
 * list is ranked and cut at {@code newsprobe.report.top} rows; the totals count every row.
 *
 * @param run which execution, its steps and parameters
 * @param headline what changed since the previous report of the same roots, in one sentence and three numbers
 * @param files what the ingest steps of the run did with the article files
 * @param urls the distinct URLs cited by live articles, by their verdict as of this execution
 * @param changes what changed since the previous check: verdict transitions and articles
 * @param toFix what to change in which file, the files with most to fix first
 * @param brokenLinks the URLs whose verdict is {@link VerdictClass#BROKEN}, most cited first
 * @param movedLinks the URLs that moved permanently, with their new location, most cited first
 * @param rejectedFiles the files under the roots whose current content cannot be read, with why
 * @param providers counts per provider (the articles' {@code provider.domain}), most broken first
 * @param hosts counts per host of the URLs, most broken first
 * @param imageCache declared {@code isCached} of live articles' images against what probing found
 * @param slowestHosts hosts probed in the run, slowest first (by p95)
 * @param rateLimitedHosts hosts of the run's probes that answered 429 or 503, or needed retries, most first
 * @param trend the last reports of the same roots, oldest first, this one last
 */
public record RunReport(Run run, Headline headline, Files files, Urls urls, Changes changes, ToFix toFix,
		BrokenLinks brokenLinks, MovedLinks movedLinks, RejectedFiles rejectedFiles, Ranked<Provider> providers,
		Ranked<Host> hosts, ImageCache imageCache, List<SlowHost> slowestHosts, List<RateLimitedHost> rateLimitedHosts,
		Trend trend) {

	/** The same report with the execution's final status and end (what the report step could not know yet). */
	public RunReport withRun(Run run) {
		return new RunReport(run, this.headline, this.files, this.urls, this.changes, this.toFix, this.brokenLinks,
				this.movedLinks, this.rejectedFiles, this.providers, this.hosts, this.imageCache, this.slowestHosts,
				this.rateLimitedHosts, this.trend);
	}

	/** What {@code audit --fail-on} looks at: the findings of this report. */
	public Findings findings() {
		return new Findings(this.urls.byClass().getOrDefault(VerdictClass.BROKEN.key(), 0L), this.rejectedFiles.total(),
				this.urls.byClass().getOrDefault(VerdictClass.ATTENTION.key(), 0L),
				this.imageCache.declaredCachedButUnavailable() + this.imageCache.declaredNotCachedButAvailable());
	}

	/**
	 * The execution.
	 *
	 * @param job the job's name
	 * @param executionId the job execution id
	 * @param status its final status ({@code STARTED} only in the moment between the run's report
	 * step and the end of the run, when the report is rewritten with the final one)
	 * @param startTime when it started
	 * @param endTime when it ended ({@code null} only in that moment)
	 * @param generatedAt when this report was made
	 * @param writtenByReportStep whether the run's report step made it (else {@code newsprobe report ID})
	 * @param database the database the run is recorded in
	 * @param roots the run's input roots: the report counts the live articles under them
	 * @param runDate the night a scheduled run is for ({@code runDate} parameter), {@code null} for others
	 * @param parameters the job parameters
	 * @param executions the executions of the run, oldest first: this one and those of the same job
	 * instance before it (more than one when the run was restarted)
	 * @param previousExecutionId the last execution of the same job on the same roots before the run,
	 * {@code null} for the first
	 * @param steps the step executions of the run, in order (report steps left out)
	 */
	public record Run(String job, long executionId, String status, OffsetDateTime startTime, OffsetDateTime endTime,
			OffsetDateTime generatedAt, boolean writtenByReportStep, Database database, List<String> roots,
			String runDate, Map<String, String> parameters, List<Long> executions, Long previousExecutionId,
			List<Step> steps) {

		/** The same run with another status and end. */
		public Run ended(String status, OffsetDateTime endTime) {
			return new Run(this.job, this.executionId, status, this.startTime, endTime, this.generatedAt,
					this.writtenByReportStep, this.database, this.roots, this.runDate, this.parameters, this.executions,
					this.previousExecutionId, this.steps);
		}

		/** The night the run is for: its {@code runDate}, else the day it started, {@code null} when unknown. */
		public String night() {
			if (this.runDate != null) {
				return this.runDate;
			}
			return (this.startTime != null) ? this.startTime.toLocalDate().toString() : null;
		}

	}

	/**
	 * The database a run is recorded in.
	 *
	 * @param name the database's name on its server
	 * @param tag the first 8 hex digits of its random id ({@code newsprobe.database_identity}): part of
	 * every report file name, so reports of two databases in one directory never collide
	 */
	public record Database(String name, String tag) {
	}

	/**
	 * What changed since the previous report of the same roots, for a person who reads one line.
	 *
	 * @param sentence the change in one sentence
	 * @param previousExecutionId the execution whose report this one is compared with, {@code null} for the first
	 * @param previousNight that report's night (its run date, else the day it started)
	 * @param broken broken URLs now
	 * @param brokenBefore broken URLs in the previous report, {@code null} for the first
	 * @param newlyBroken URLs that broke in this run (see {@link Changes#newlyBroken()})
	 * @param fixed URLs fixed in this run (see {@link Changes#fixed()})
	 */
	public record Headline(String sentence, Long previousExecutionId, String previousNight, long broken, Long brokenBefore,
			long newlyBroken, long fixed) {
	}

	/**
	 * One step execution.
	 *
	 * @param executionId the job execution it belongs to
	 * @param name the step's name
	 * @param status its status
	 * @param read items read
	 * @param written items written
	 * @param filtered items filtered (unchanged files)
	 * @param skipped items skipped
	 */
	public record Step(long executionId, String name, String status, long read, long written, long filtered, long skipped) {
	}

	/**
	 * Article files.
	 *
	 * @param seen files read from the input roots (by all executions of the run: a restarted ingest
	 * step reads on from its last commit)
	 * @param parsed files parsed (new or changed)
	 * @param unchanged files skipped because their content had not changed
	 * @param rejected files rejected, each with an {@code ingest_error}
	 * @param warnings non-rejecting problems recorded
	 * @param gone articles whose file disappeared
	 * @param newUrls distinct URLs seen for the first time
	 */
	public record Files(long seen, long parsed, long unchanged, long rejected, long warnings, long gone, long newUrls) {
	}

	/**
	 * Distinct URLs.
	 *
	 * @param total distinct URLs cited by live articles
	 * @param articles live articles
	 * @param byClass {@code ok}, {@code attention}, {@code broken}, {@code unchecked} to count
	 * @param byVerdict verdict name to count, most frequent first (unchecked URLs are not in it)
	 * @param probed URLs probed by the run
	 * @param probedByVerdict verdict name to count of the run's probes, most frequent first
	 */
	public record Urls(long total, long articles, Map<String, Long> byClass, Map<String, Long> byVerdict, long probed,
			Map<String, Long> probedByVerdict) {
	}

	/**
	 * Changes since the previous check.
	 *
	 * @param transitions verdict transitions recorded by the run ({@code from} is {@code null}
	 * for a URL's first check)
	 * @param newlyBroken URLs that were checked before, not broken, and are broken now
	 * @param fixed URLs that were broken and now work or need only attention
	 * @param firstCheckedBroken URLs checked for the first time and found broken
	 * @param newlyBrokenUrls the newly broken URLs
	 * @param fixedUrls the fixed URLs
	 * @param articlesNew article files ingested for the first time
	 * @param articlesChanged article files whose content changed
	 * @param articlesGone article files that disappeared
	 * @param articlesBack article files that came back
	 */
	public record Changes(List<Transition> transitions, long newlyBroken, long fixed, long firstCheckedBroken,
			List<UrlChange> newlyBrokenUrls, List<UrlChange> fixedUrls, long articlesNew, long articlesChanged,
			long articlesGone, long articlesBack) {
	}

	/**
	 * A verdict transition.
	 *
	 * @param from the verdict before, {@code null} when never checked
	 * @param to the verdict now
	 * @param urls how many URLs made it
	 */
	public record Transition(String from, String to, long urls) {
	}

	/**
	 * One URL's verdict change.
	 *
	 * @param url the URL
	 * @param from the verdict before
	 * @param to the verdict now
	 */
	public record UrlChange(String url, String from, String to) {
	}

	/**
	 * What to fix, per file.
	 *
	 * @param files files with something to fix
	 * @param fixes things to fix in all
	 * @param top the files with most to fix, each with its fixes
	 */
	public record ToFix(long files, long fixes, List<FileFixes> top) {
	}

	/**
	 * One file's fixes.
	 *
	 * @param path the article file
	 * @param provider its {@code provider.domain}
	 * @param broken broken links in it
	 * @param moved moved links in it
	 * @param staleCached images whose {@code isCached} is wrong
	 * @param fixes what to change, by line (cut at {@code newsprobe.report.top}; the counts are complete)
	 */
	public record FileFixes(String path, String provider, long broken, long moved, long staleCached, List<Fix> fixes) {
	}

	/**
	 * One thing to change in a file.
	 *
	 * @param kind {@link FixKind} name
	 * @param role where the URL appears ({@code web}, {@code image}, {@code body_link}, ...)
	 * @param line the line in the file, {@code null} when not known
	 * @param url the URL as the file has it
	 * @param verdict its verdict
	 * @param replacement what to put instead: the new location of a moved link, the right
	 * {@code isCached} value; {@code null} when there is nothing to put instead (a broken link:
	 * remove or replace it by hand)
	 * @param detail why, in words
	 */
	public record Fix(String kind, String role, Integer line, String url, String verdict, String replacement,
			String detail) {
	}

	/**
	 * Kinds of fixes. The dead-links work adds {@code DEAD} here (a dead link with its archived
	 * copy as the replacement); renderers show any kind with a replacement as "replace X with Y".
	 */
	public enum FixKind {

		/** A broken link: nothing to put instead, remove it or find the page elsewhere. */
		BROKEN,

		/** A link that moved permanently: replace it with the new location. */
		MOVED,

		/** An image whose {@code isCached} says the opposite of what was verified: set it to the replacement. */
		STALE_CACHED

	}

	/**
	 * The broken URLs.
	 *
	 * @param urls distinct broken URLs cited by live articles
	 * @param citations how often live articles cite them (rows of the CSV)
	 * @param csv the CSV file's name, beside the report
	 * @param top the most cited ones
	 */
	public record BrokenLinks(long urls, long citations, String csv, List<BrokenUrl> top) {
	}

	/**
	 * A broken URL.
	 *
	 * @param url the URL
	 * @param verdict its verdict
	 * @param statusCode the last HTTP status, {@code null} when there was none
	 * @param finalUrl where redirects led, {@code null} when nowhere
	 * @param reason why, in words
	 * @param articles live articles citing it
	 */
	public record BrokenUrl(String url, String verdict, Integer statusCode, String finalUrl, String reason,
			long articles) {
	}

	/**
	 * The moved URLs.
	 *
	 * @param urls distinct URLs with the verdict {@code MOVED} cited by live articles
	 * @param citations how often live articles cite them
	 * @param top the most cited ones
	 */
	public record MovedLinks(long urls, long citations, List<MovedUrl> top) {
	}

	/**
	 * A moved URL: replace {@code url} with {@code finalUrl}.
	 *
	 * @param url the URL the files have
	 * @param finalUrl where it moved to
	 * @param articles live articles citing it
	 */
	public record MovedUrl(String url, String finalUrl, long articles) {
	}

	/**
	 * Rejected files.
	 *
	 * @param total files under the roots whose current content cannot be read
	 * @param top the first of them, by path
	 */
	public record RejectedFiles(long total, List<RejectedFile> top) {
	}

	/**
	 * A rejected file.
	 *
	 * @param path the file
	 * @param code why, as a code ({@code YAML_SYNTAX}, {@code NOT_UTF8}, ...)
	 * @param line the line the problem is on, {@code null} when it is not about a line
	 * @param reason why, in words, and what to do about it
	 * @param executionId the run that rejected its current content
	 * @param rejectedAt when
	 */
	public record RejectedFile(String path, String code, Integer line, String reason, long executionId,
			OffsetDateTime rejectedAt) {
	}

	/**
	 * A ranked list.
	 *
	 * @param total how many rows there are in all
	 * @param top the first rows
	 * @param <T> the row type
	 */
	public record Ranked<T>(long total, List<T> top) {
	}

	/**
	 * A provider's URLs.
	 *
	 * @param domain {@code provider.domain} of its articles ({@code null} for articles without one)
	 * @param name a {@code provider.name} of its articles
	 * @param articles live articles
	 * @param urls distinct URLs they cite
	 * @param ok of which OK
	 * @param attention of which need attention
	 * @param broken of which broken
	 * @param unchecked of which not checked yet
	 */
	public record Provider(String domain, String name, long articles, long urls, long ok, long attention, long broken,
			long unchecked) {
	}

	/**
	 * A host's URLs.
	 *
	 * @param host the host name (or IP literal), {@code null} for URLs without one
	 * @param urls distinct URLs on it cited by live articles
	 * @param ok of which OK
	 * @param attention of which need attention
	 * @param broken of which broken
	 * @param unchecked of which not checked yet
	 */
	public record Host(String host, long urls, long ok, long attention, long broken, long unchecked) {
	}

	/**
	 * Images of live articles: their declared {@code isCached} against the verified state.
	 *
	 * @param images image entries (an image cited twice counts twice)
	 * @param agree declared cached and available, or declared not cached and unavailable
	 * @param declaredCachedButUnavailable {@code isCached: true} but the image is not served
	 * @param declaredNotCachedButAvailable {@code isCached: false} but the image is served
	 * @param undeclared no {@code isCached}
	 * @param unchecked declared, but the image's state is unknown (not checked yet, or an inconclusive verdict)
	 * @param sizeUnverified served, with a declared size that could not be verified: the image's size could not be
	 * read ({@code newsprobe.v_image_size_checks}, {@code size_state = 'unverified'})
	 */
	public record ImageCache(long images, long agree, long declaredCachedButUnavailable, long declaredNotCachedButAvailable,
			long undeclared, long unchecked, long sizeUnverified) {
	}

	/**
	 * Time taken by one host's URLs in the run (whole probes: retries and redirects included).
	 *
	 * @param host the host
	 * @param urls URLs probed
	 * @param p50Ms median milliseconds
	 * @param p95Ms 95th percentile milliseconds
	 * @param maxMs slowest milliseconds
	 */
	public record SlowHost(String host, long urls, long p50Ms, long p95Ms, long maxMs) {
	}

	/**
	 * How often one host's probes in the run were throttled.
	 *
	 * @param host the host
	 * @param probes URLs probed
	 * @param throttled probes that still ended in 429 (Too Many Requests) or 503 after their retries
	 * @param retried probes that needed more than one attempt
	 */
	public record RateLimitedHost(String host, long probes, long throttled, long retried) {
	}

	/**
	 * The reports of the same roots before this one, for the charts.
	 *
	 * @param runs one point per report, oldest first, this one last
	 * @param providers the most broken providers now, with their broken share in each of those reports
	 */
	public record Trend(List<TrendRun> runs, List<ProviderTrend> providers) {
	}

	/**
	 * One earlier report's counts.
	 *
	 * @param executionId the execution
	 * @param night its run date, else the day it started
	 * @param urls distinct URLs cited
	 * @param ok of which OK
	 * @param attention of which need attention
	 * @param broken of which broken
	 * @param unchecked of which not checked yet
	 */
	public record TrendRun(long executionId, String night, long urls, long ok, long attention, long broken,
			long unchecked) {
	}

	/**
	 * One provider across the reports.
	 *
	 * @param domain its {@code provider.domain}
	 * @param name a {@code provider.name}
	 * @param points one per report that counted it, oldest first
	 */
	public record ProviderTrend(String domain, String name, List<ProviderPoint> points) {
	}

	/**
	 * A provider in one report.
	 *
	 * @param executionId the execution
	 * @param night its run date, else the day it started
	 * @param urls the provider's distinct URLs
	 * @param broken of which broken
	 */
	public record ProviderPoint(long executionId, String night, long urls, long broken) {
	}

	/**
	 * What {@code audit --fail-on} decides on.
	 *
	 * @param brokenUrls broken URLs cited by live articles under the roots
	 * @param rejectedFiles files under the roots that cannot be read
	 * @param attentionUrls URLs that need attention ({@code MOVED}, {@code SIZE_MISMATCH}, {@code BLOCKED})
	 * @param staleCached images whose declared {@code isCached} says the opposite of what was verified
	 */
	public record Findings(long brokenUrls, long rejectedFiles, long attentionUrls, long staleCached) {
	}

}
