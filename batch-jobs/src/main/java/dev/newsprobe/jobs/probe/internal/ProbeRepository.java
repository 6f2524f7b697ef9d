package dev.newsprobe.jobs.probe.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.newsprobe.core.cache.FreshnessPolicy.NextCheck;
import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.http.HostPoliteness;
import dev.newsprobe.core.probe.ProbeRequest;
import dev.newsprobe.core.probe.ProbeResult;
import dev.newsprobe.core.probe.Verdict;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.core.url.WebUrls;
import dev.newsprobe.jobs.probe.DueUrl;
import dev.newsprobe.jobs.probe.ProbeScope;
import dev.newsprobe.jobs.support.DbText;
import dev.newsprobe.jobs.support.PlainJson;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the URLs due for probing and writes what probing found: the {@code probe_result}
 * history and the new {@code url_state}. One statement per table and chunk.
 */
public final class ProbeRepository {

	private final JdbcTemplate jdbc;

	public ProbeRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Refreshes the planner's statistics of the tables the due query joins. Ingest has just
	 * written them, often far faster than autovacuum notices, and stale statistics turn the due
	 * query's index scans into repeated full scans (seen: 40 s per page of 1,000 instead of 15 ms).
	 */
	public void refreshStatistics() {
		this.jdbc.execute("ANALYZE newsprobe.url_state, newsprobe.article_link, newsprobe.article_image, newsprobe.article");
	}

	/**
	 * The next URLs due at a cutoff, in the order of their MD5 (which interleaves hosts) after a
	 * given one. Only URLs cited by a live
	 * article are due; offline verdicts ({@code INVALID_URL}) never are. A URL whose last verdict
	 * is OK is asked with its stored validators (a conditional request), unless an article now
	 * declares an image size other than the one last seen: then it is read again in full.
	 * @param scope which URLs count as due
	 * @param cutoff the moment the run started; URLs due after it wait for the next run
	 * @param after the last URL already read ("" for the start)
	 * @param limit how many
	 * @return the URLs with what is known of them
	 */
	public List<DueUrl> due(ProbeScope scope, Instant cutoff, String after, int limit) {
		return due(scope, cutoff, after, limit, null);
	}

	/**
	 * The next URLs due, as {@link #due(ProbeScope, Instant, String, int)}, of the hosts in some
	 * host buckets only.
	 * @param hostBuckets a bitmap of {@code newsprobe.url_host_bucket} values (bit {@code b} is bit
	 * {@code b % 8} of byte {@code b / 8}), or {@code null} for every host
	 */
	public List<DueUrl> due(ProbeScope scope, Instant cutoff, String after, int limit, byte[] hostBuckets) {
		String dueNow = dueCondition(scope);
		return this.jdbc.query("""
				SELECT u.url, u.kind, u.verdict, u.final_url, u.etag, u.last_modified,
				       d.declared_width, d.declared_height, c.web_url, u.consecutive_failures, u.cache_control, u.expires,
				       u.image_width, u.image_height
				FROM newsprobe.url_state u
				LEFT JOIN LATERAL (
				    SELECT i.declared_width, i.declared_height
				    FROM newsprobe.article_image i JOIN newsprobe.article a ON a.id = i.article_id AND a.gone_at IS NULL
				    WHERE i.url = u.url AND (i.declared_width IS NOT NULL OR i.declared_height IS NOT NULL)
				    GROUP BY 1, 2 ORDER BY count(*) DESC, 1, 2 LIMIT 1) d ON u.kind = 'image'
				LEFT JOIN LATERAL (
				    SELECT a.web_url
				    FROM newsprobe.article_link l JOIN newsprobe.article a ON a.id = l.article_id AND a.gone_at IS NULL
				    WHERE l.url = u.url AND l.role = 'amp' AND a.web_url IS NOT NULL
				    ORDER BY a.id LIMIT 1) c ON u.kind = 'page'
				WHERE %s AND (newsprobe.probe_order(u.url), u.url)
				      > (coalesce(newsprobe.probe_order(nullif(?, '')), -9223372036854775808), ?)
				  AND EXISTS (SELECT 1 FROM newsprobe.article_link l JOIN newsprobe.article a ON a.id = l.article_id
				              WHERE l.url = u.url AND a.gone_at IS NULL)
				  AND (?::bytea IS NULL OR get_bit(?::bytea, newsprobe.url_host_bucket(u.url)) = 1)
				ORDER BY newsprobe.probe_order(u.url), u.url
				LIMIT ?
				""".formatted(dueNow), (rs, row) -> {
					String verdict = rs.getString(3);
					Integer declaredWidth = (Integer) rs.getObject(7);
					Integer declaredHeight = (Integer) rs.getObject(8);
					boolean sameSize = (declaredWidth == null || declaredWidth.equals(rs.getObject(13)))
							&& (declaredHeight == null || declaredHeight.equals(rs.getObject(14)));
					boolean revalidate = "OK".equals(verdict) && sameSize;
					CheckedUrl canonical = WebUrls.check(rs.getString(9));
					ProbeRequest request = new ProbeRequest(rs.getString(1), "image".equals(rs.getString(2)),
							declaredWidth, declaredHeight, canonical.valid() ? canonical.normalized() : null,
							revalidate ? rs.getString(5) : null, revalidate ? rs.getString(6) : null);
					return new DueUrl(request, verdict, rs.getString(4), rs.getInt(10), rs.getString(11), rs.getString(12));
				}, Timestamp.from(cutoff), after, after, hostBuckets, hostBuckets, limit);
	}

	/**
	 * How many URLs are due at a cutoff in each host bucket ({@code newsprobe.url_host_bucket}), for
	 * partitioning the probe step by host.
	 * @param scope which URLs count as due
	 * @param cutoff the moment the run started
	 * @return 1024 counts, by bucket
	 */
	public long[] dueByHostBucket(ProbeScope scope, Instant cutoff) {
		long[] counts = new long[1024];
		this.jdbc.query("""
				SELECT newsprobe.url_host_bucket(u.url), count(*) FROM newsprobe.url_state u
				WHERE %s GROUP BY 1
				""".formatted(dueCondition(scope)), rs -> {
					counts[rs.getInt(1)] = rs.getLong(2);
				}, Timestamp.from(cutoff));
		return counts;
	}

	/**
	 * How many URLs are due at a cutoff (what {@link #due} would read in all), for progress.
	 * @param scope which URLs count as due
	 * @param cutoff the moment the run started
	 * @return the count
	 */
	public long countDue(ProbeScope scope, Instant cutoff) {
		Long count = this.jdbc.queryForObject("""
				SELECT count(*) FROM newsprobe.url_state u
				WHERE %s
				  AND EXISTS (SELECT 1 FROM newsprobe.article_link l JOIN newsprobe.article a ON a.id = l.article_id
				              WHERE l.url = u.url AND a.gone_at IS NULL)
				""".formatted(dueCondition(scope)), Long.class, Timestamp.from(cutoff));
		return (count != null) ? count : 0;
	}

	/** The SQL condition on {@code url_state u} for a scope, with one parameter: the cutoff. */
	private static String dueCondition(ProbeScope scope) {
		return switch (scope) {
			case DUE -> "u.next_check_at <= ?";
			case ALL -> "u.next_check_at IS NOT NULL AND (u.last_checked_at IS NULL OR u.last_checked_at < ?)";
			case EXPIRED -> "u.next_check_at <= ? AND u.verdict IS NOT NULL";
		};
	}

	/**
	 * Writes the results of one chunk: history rows (once, however often the chunk is replayed)
	 * and the URLs' new state and next due time.
	 * @param results the results
	 * @param executionId the job execution
	 * @param nextCheck when each result's URL is due again, and why
	 */
	public void write(List<ProbeResult> results, long executionId, Function<ProbeResult, NextCheck> nextCheck) {
		if (results.isEmpty()) {
			return;
		}
		Map<String, ProbeResult> byUrl = new LinkedHashMap<>();
		results.forEach(result -> byUrl.put(result.url(), result));
		List<ProbeResult> rows = new ArrayList<>(byUrl.values());
		this.jdbc.execute((Connection con) -> {
			try (PreparedStatement ps = con.prepareStatement("""
					INSERT INTO newsprobe.probe_result (job_execution_id, url, verdict, reason, status_code, final_url, hops,
					    content_type, content_length, image_width, image_height, size_known, page_title, canonical_url,
					    amp_html_url, og_image_url, is_amp, etag, last_modified, cache_control, expires, not_modified, attempts,
					    requests, elapsed_ms, error_class, error_message, checked_at)
					SELECT ?, r.* FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::text[], ?::jsonb[], ?::text[],
					    ?::bigint[], ?::int[], ?::int[], ?::boolean[], ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[],
					    ?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::int[], ?::int[], ?::bigint[], ?::text[],
					    ?::text[], ?::timestamptz[]) AS r
					ON CONFLICT (job_execution_id, url) DO NOTHING
					""")) {
				ps.setLong(1, executionId);
				int i = 2;
				ps.setArray(i++, array(con, "text", rows, ProbeResult::url));
				ps.setArray(i++, array(con, "text", rows, r -> r.verdict().name()));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::reason));
				ps.setArray(i++, array(con, "int4", rows, r -> (r.statusCode() > 0) ? r.statusCode() : null));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::finalUrl));
				ps.setArray(i++, array(con, "jsonb", rows, r -> hopsJson(r.hops())));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::contentType));
				ps.setArray(i++, array(con, "int8", rows, ProbeResult::contentLength));
				ps.setArray(i++, array(con, "int4", rows, ProbeResult::imageWidth));
				ps.setArray(i++, array(con, "int4", rows, ProbeResult::imageHeight));
				ps.setArray(i++, array(con, "bool", rows, ProbeResult::sizeKnown));
				ps.setArray(i++, array(con, "text", rows, r -> (r.page() != null) ? r.page().title() : null));
				ps.setArray(i++, array(con, "text", rows, r -> (r.page() != null) ? r.page().canonical() : null));
				ps.setArray(i++, array(con, "text", rows, r -> (r.page() != null) ? r.page().ampHtml() : null));
				ps.setArray(i++, array(con, "text", rows, r -> (r.page() != null) ? r.page().ogImage() : null));
				ps.setArray(i++, array(con, "bool", rows, r -> (r.page() != null) ? r.page().amp() : null));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::etag));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::lastModified));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::cacheControl));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::expires));
				ps.setArray(i++, array(con, "bool", rows, ProbeResult::notModified));
				ps.setArray(i++, array(con, "int4", rows, ProbeResult::attempts));
				ps.setArray(i++, array(con, "int4", rows, ProbeResult::requests));
				ps.setArray(i++, array(con, "int8", rows, ProbeResult::elapsedMillis));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::errorClass));
				ps.setArray(i++, array(con, "text", rows, ProbeResult::errorMessage));
				ps.setArray(i++, array(con, "timestamptz", rows, r -> Timestamp.from(r.checkedAt())));
				ps.executeUpdate();
			}
			// the new state is read back from the history rows just written, so each value is sent once
			try (PreparedStatement ps = con.prepareStatement("""
					UPDATE newsprobe.url_state u SET
					    verdict = r.verdict, verdict_reason = r.reason,
					    -- a 304 confirms the stored answer: its status and final URL stand, its headers update it
					    status_code = CASE WHEN r.not_modified THEN COALESCE(u.status_code, r.status_code) ELSE r.status_code END,
					    final_url = CASE WHEN r.not_modified THEN COALESCE(u.final_url, r.final_url) ELSE r.final_url END,
					    content_type = COALESCE(r.content_type, u.content_type),
					    content_length = COALESCE(r.content_length, u.content_length),
					    -- a size that could not be read this time is not known, whatever was read before
					    image_width = CASE WHEN r.size_known = false THEN NULL ELSE COALESCE(r.image_width, u.image_width) END,
					    image_height = CASE WHEN r.size_known = false THEN NULL ELSE COALESCE(r.image_height, u.image_height) END,
					    image_size_known = COALESCE(r.size_known, u.image_size_known),
					    page_title = COALESCE(r.page_title, u.page_title),
					    etag = CASE WHEN r.not_modified THEN COALESCE(r.etag, u.etag) ELSE r.etag END,
					    last_modified = CASE WHEN r.not_modified THEN COALESCE(r.last_modified, u.last_modified) ELSE r.last_modified END,
					    cache_control = CASE WHEN r.not_modified THEN COALESCE(r.cache_control, u.cache_control) ELSE r.cache_control END,
					    expires = CASE WHEN r.not_modified THEN COALESCE(r.expires, u.expires) ELSE r.expires END,
					    last_checked_at = r.checked_at,
					    last_ok_at = CASE WHEN r.verdict IN ('OK', 'MOVED') THEN r.checked_at ELSE u.last_ok_at END,
					    consecutive_failures = CASE WHEN r.verdict IN ('OK', 'MOVED') THEN 0 ELSE u.consecutive_failures + 1 END,
					    next_check_at = r.checked_at + w.wait, next_check_reason = w.reason,
					    last_probe_execution_id = r.job_execution_id
					FROM newsprobe.probe_result r
					JOIN unnest(?::text[], ?::interval[], ?::text[]) AS w(url, wait, reason) ON w.url = r.url
					WHERE r.job_execution_id = ? AND u.url = r.url
					""")) {
				List<NextCheck> next = rows.stream().map(nextCheck).toList();
				ps.setArray(1, array(con, "text", rows, ProbeResult::url));
				ps.setArray(2, con.createArrayOf("text", next.stream().map(n -> n.delay().toSeconds() + " seconds").toArray()));
				ps.setArray(3, con.createArrayOf("text", next.stream().map(n -> DbText.clean(n.reason())).toArray()));
				ps.setLong(4, executionId);
				ps.executeUpdate();
			}
			return null;
		});
	}

	/**
	 * Records the hosts a probe step slowed down for (their limit cut by 429, 503 or timeouts). A step run
	 * again (restarted) adds to its earlier record: the lowest limit and the cuts of both.
	 * @param executionId the job execution
	 * @param stepName the step (each partition has its own)
	 * @param hosts what the prober says of them
	 */
	public void recordPoliteness(long executionId, String stepName, List<HostPoliteness> hosts) {
		if (hosts.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("""
				INSERT INTO newsprobe.probe_host_politeness AS p (job_execution_id, step_name, host, configured_limit,
				    lowest_limit, final_limit, slowdowns)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (job_execution_id, step_name, host) DO UPDATE SET
				    configured_limit = EXCLUDED.configured_limit, lowest_limit = LEAST(p.lowest_limit, EXCLUDED.lowest_limit),
				    final_limit = EXCLUDED.final_limit, slowdowns = p.slowdowns + EXCLUDED.slowdowns, recorded_at = now()
				""", hosts, hosts.size(), (ps, host) -> {
					ps.setLong(1, executionId);
					ps.setString(2, stepName);
					ps.setString(3, DbText.clean(host.host()));
					ps.setInt(4, host.configuredLimit());
					ps.setInt(5, host.lowestLimit());
					ps.setInt(6, host.limit());
					ps.setInt(7, host.slowdowns());
				});
	}

	/** Probe results of one job execution, for summaries. */
	public Map<String, Long> verdictCounts(long executionId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query("SELECT verdict, count(*) FROM newsprobe.probe_result WHERE job_execution_id = ? GROUP BY 1 ORDER BY 2 DESC, 1",
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, executionId);
		return counts;
	}

	/** How many of a job execution's probes were answered 304 (revalidated without a body). */
	public long notModifiedCount(long executionId) {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ? AND not_modified", Long.class,
				executionId);
	}


	private static String hopsJson(List<Hop> hops) {
		List<Object> list = new ArrayList<>();
		for (Hop hop : hops) {
			Map<String, Object> map = new LinkedHashMap<>();
			map.put("url", hop.url());
			map.put("method", hop.method());
			map.put("status", (long) hop.statusCode());
			map.put("location", hop.location());
			map.put("address", hop.address());
			list.add(map);
		}
		return DbText.clean(PlainJson.write(list));
	}

	private static java.sql.Array array(Connection con, String type, List<ProbeResult> rows,
			Function<ProbeResult, Object> column) throws java.sql.SQLException {
		Object[] values = new Object[rows.size()];
		for (int i = 0; i < values.length; i++) {
			Object value = column.apply(rows.get(i));
			values[i] = (value instanceof String text) ? DbText.clean(text) : value;
		}
		return con.createArrayOf(type, values);
	}

	/** Whether a verdict means the URL works, for scheduling and counting. */
	public static boolean isWorking(Verdict verdict) {
		return verdict == Verdict.OK || verdict == Verdict.MOVED;
	}

}
