package dev.newsprobe.jobs.report;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * What the report of one {@code articleAuditJob} execution says. A run restarted after a failure
 * spans several executions of one job instance: "the run" is all of them up to this one, so its
 * report counts the work committed before the restart too.
 * <p>
 * Rendered rendered as Markdown and JSON
 * (the JSON field names are these component names, documented in the README). Every list is
 * ranked and cut at {@code newsprobe.report.top} rows; the totals count every row.
 *
 * @param run which execution, its steps and parameters
 * @param files what the ingest steps of the run did with the article files
 * @param urls the distinct URLs cited by live articles, by their verdict as of this execution
 * @param changes what changed since the previous check: verdict transitions and articles
 * @param brokenLinks the URLs whose verdict is {@link VerdictClass#BROKEN}, most cited first
 * @param providers counts per provider (the articles' {@code provider.domain}), most broken first
 * @param hosts counts per host of the URLs, most broken first
 * @param imageCache declared {@code isCached} of live articles' images against what probing found
 * @param slowestHosts hosts probed in the run, slowest first (by p95)
 */
public record RunReport(Run run, Files files, Urls urls, Changes changes, BrokenLinks brokenLinks, Ranked<Provider> providers,
		Ranked<Host> hosts, ImageCache imageCache, List<SlowHost> slowestHosts) {

	/**
	 * The execution.
	 *
	 * @param job the job's name
	 * @param executionId the job execution id
	 * @param status its status when the report was made ({@code STARTED} when written by the run's
	 * own report step, which is its last)
	 * @param startTime when it started
	 * @param endTime when it ended, {@code null} while it runs
	 * @param generatedAt when this report was made
	 * @param writtenByReportStep whether the run's report step made it (else {@code newsprobe report ID})
	 * @param parameters the job parameters
	 * @param executions the executions of the run, oldest first: this one and those of the same job
	 * instance before it (more than one when the run was restarted)
	 * @param previousExecutionId the last execution of the same job before the run, {@code null} for the first
	 * @param steps the step executions of the run, in order (report steps left out)
	 */
	public record Run(String job, long executionId, String status, OffsetDateTime startTime, OffsetDateTime endTime,
			OffsetDateTime generatedAt, boolean writtenByReportStep, Map<String, String> parameters, List<Long> executions,
			Long previousExecutionId, List<Step> steps) {
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

}
