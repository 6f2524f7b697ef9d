package dev.newsprobe.jobs.report.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.newsprobe.jobs.report.RunReport;
import dev.newsprobe.jobs.report.VerdictClass;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The report's queries: set-based, each returning a bounded number of rows, except the broken
 * links, which are streamed. They must run in one transaction: {@link #prepare} gathers the URLs
 * cited by live articles with their verdict as of the execution into a temporary table the others
 * read (dropped at commit).
 * <p>
 * "As of the execution": a URL's state is {@code url_state} unless a later execution has probed it
 * since, in which case it is its last {@code probe_result} up to the execution. The citing articles
 * are those live now (the archive as it is when the report is made).
 */
public final class ReportQueries {

	/** The host of a URL column, lower case ({@code newsprobe.url_host}); {@code NULL} when the URL has none. */
	private static final String HOST = "NULLIF(newsprobe.url_host(%s), '')";

	private static final String LIVE_LINKS = """
			newsprobe.article_link l JOIN newsprobe.article a ON a.id = l.article_id AND a.gone_at IS NULL""";

	private final NamedParameterJdbcTemplate jdbc;

	private final NamedParameterJdbcTemplate streaming;

	/**
	 * @param dataSource the database
	 * @param fetchSize rows fetched at a time when streaming (PostgreSQL streams only inside a transaction)
	 */
	public ReportQueries(DataSource dataSource, int fetchSize) {
		this.jdbc = new NamedParameterJdbcTemplate(dataSource);
		JdbcTemplate streaming = new JdbcTemplate(dataSource);
		streaming.setFetchSize(fetchSize);
		this.streaming = new NamedParameterJdbcTemplate(streaming);
	}

	/** Gathers the URLs cited by live articles and their state as of an execution; must be called first. */
	public void prepare(long executionId) {
		this.jdbc.getJdbcOperations().execute("DROP TABLE IF EXISTS pg_temp.report_url");
		this.jdbc.update("""
				CREATE TEMPORARY TABLE report_url ON COMMIT DROP AS
				WITH state AS (
				    SELECT u.url, u.verdict, u.verdict_reason AS reason, u.status_code, u.final_url, u.last_checked_at AS checked_at
				    FROM newsprobe.url_state u
				    WHERE u.first_seen_execution_id <= :execution
				      AND (u.last_probe_execution_id IS NULL OR u.last_probe_execution_id <= :execution)
				    UNION ALL
				    SELECT u.url, p.verdict, p.reason, p.status_code, p.final_url, p.checked_at
				    FROM newsprobe.url_state u
				    LEFT JOIN LATERAL (
				        SELECT r.verdict, r.reason, r.status_code, r.final_url, r.checked_at FROM newsprobe.probe_result r
				        WHERE r.url = u.url AND r.job_execution_id <= :execution
				        ORDER BY r.job_execution_id DESC LIMIT 1) p ON true
				    WHERE u.first_seen_execution_id <= :execution AND u.last_probe_execution_id > :execution)
				SELECT s.*, %s AS class, %s AS host
				FROM state s
				WHERE EXISTS (SELECT 1 FROM %s WHERE l.url = s.url)
				""".formatted(VerdictClass.sqlCase("s.verdict"), HOST.formatted("s.url"), LIVE_LINKS), params(executionId));
		this.jdbc.getJdbcOperations().execute("CREATE INDEX ON pg_temp.report_url (url)");
		this.jdbc.getJdbcOperations().execute("ANALYZE pg_temp.report_url");
	}

	/** The live articles and the URLs they cite, by class and verdict; what the run probed. */
	public RunReport.Urls urls(Scope run) {
		long executionId = run.executionId();
		Map<String, Long> byClass = new LinkedHashMap<>();
		for (VerdictClass verdictClass : VerdictClass.values()) {
			byClass.put(verdictClass.key(), 0L);
		}
		this.jdbc.query("SELECT class, count(*) FROM report_url GROUP BY 1",
				(RowCallbackHandler) rs -> byClass.put(rs.getString(1), rs.getLong(2)));
		Map<String, Long> byVerdict = counts(
				"SELECT verdict, count(*) FROM report_url WHERE verdict IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1",
				executionId);
		Map<String, Long> probed = counts(
				"SELECT verdict, count(*) FROM newsprobe.probe_result WHERE job_execution_id IN (:executions) GROUP BY 1 ORDER BY 2 DESC, 1",
				run);
		long total = byClass.values().stream().mapToLong(Long::longValue).sum();
		long articles = count("SELECT count(*) FROM newsprobe.article WHERE gone_at IS NULL", executionId);
		return new RunReport.Urls(total, articles, byClass, byVerdict, probed.values().stream().mapToLong(Long::longValue).sum(),
				probed);
	}

	/** Verdict transitions and article changes the run recorded in the audit log. */
	public RunReport.Changes changes(Scope run, int top) {
		List<RunReport.Transition> transitions = this.jdbc.query("""
				SELECT old_value, new_value, count(*) FROM newsprobe.audit_event
				WHERE job_execution_id IN (:executions) AND entity = 'url' AND field = 'verdict'
				GROUP BY 1, 2 ORDER BY 3 DESC, 1 NULLS FIRST, 2
				""", params(run), (rs, row) -> new RunReport.Transition(rs.getString(1), rs.getString(2), rs.getLong(3)));
		long newlyBroken = 0;
		long fixed = 0;
		long firstBroken = 0;
		for (RunReport.Transition transition : transitions) {
			VerdictClass to = VerdictClass.of(transition.to());
			if (transition.from() == null) {
				firstBroken += (to == VerdictClass.BROKEN) ? transition.urls() : 0;
			}
			else if (VerdictClass.of(transition.from()) == VerdictClass.BROKEN) {
				fixed += (to == VerdictClass.OK || to == VerdictClass.ATTENTION) ? transition.urls() : 0;
			}
			else {
				newlyBroken += (to == VerdictClass.BROKEN) ? transition.urls() : 0;
			}
		}
		String changed = """
				SELECT entity_key, old_value, new_value FROM newsprobe.audit_event
				WHERE job_execution_id IN (:executions) AND entity = 'url' AND field = 'verdict' AND old_value IS NOT NULL
				  AND (%s) = '%s' AND (%s) IN (%s)
				ORDER BY entity_key LIMIT :top
				""";
		List<RunReport.UrlChange> newlyBrokenUrls = this.jdbc.query(
				changed.formatted(VerdictClass.sqlCase("new_value"), VerdictClass.BROKEN.key(),
						VerdictClass.sqlCase("old_value"), "'ok', 'attention'"),
				params(run).addValue("top", top), ReportQueries::urlChange);
		List<RunReport.UrlChange> fixedUrls = this.jdbc.query(
				changed.formatted(VerdictClass.sqlCase("old_value"), VerdictClass.BROKEN.key(),
						VerdictClass.sqlCase("new_value"), "'ok', 'attention'"),
				params(run).addValue("top", top), ReportQueries::urlChange);
		Map<String, Long> articles = counts("""
				SELECT CASE WHEN field = 'content_hash' AND old_value IS NULL THEN 'new'
				            WHEN field = 'content_hash' THEN 'changed'
				            WHEN field = 'gone' AND new_value = 'true' THEN 'gone'
				            ELSE 'back' END, count(*)
				FROM newsprobe.audit_event
				WHERE job_execution_id IN (:executions) AND entity = 'article' AND field IN ('content_hash', 'gone')
				GROUP BY 1
				""", run);
		return new RunReport.Changes(transitions, newlyBroken, fixed, firstBroken, newlyBrokenUrls, fixedUrls,
				articles.getOrDefault("new", 0L), articles.getOrDefault("changed", 0L), articles.getOrDefault("gone", 0L),
				articles.getOrDefault("back", 0L));
	}

	/** The broken URLs: totals and the most cited. */
	public RunReport.BrokenLinks brokenLinks(long executionId, String csvName, int top) {
		long[] totals = new long[2];
		this.jdbc.query("""
				SELECT count(DISTINCT u.url), count(*) FROM report_url u JOIN %s ON l.url = u.url WHERE u.class = 'broken'
				""".formatted(LIVE_LINKS), params(executionId), (RowCallbackHandler) rs -> {
					totals[0] = rs.getLong(1);
					totals[1] = rs.getLong(2);
				});
		List<RunReport.BrokenUrl> rows = this.jdbc.query("""
				SELECT u.url, u.verdict, u.status_code, u.final_url, u.reason, count(DISTINCT l.article_id) AS articles
				FROM report_url u JOIN %s ON l.url = u.url
				WHERE u.class = 'broken'
				GROUP BY 1, 2, 3, 4, 5 ORDER BY 6 DESC, 1 LIMIT :top
				""".formatted(LIVE_LINKS), params(executionId).addValue("top", top),
				(rs, row) -> new RunReport.BrokenUrl(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
						rs.getString(4), rs.getString(5), rs.getLong(6)));
		return new RunReport.BrokenLinks(totals[0], totals[1], csvName, rows);
	}

	/** Counts per provider domain, most broken URLs first. */
	public RunReport.Ranked<RunReport.Provider> providers(long executionId, int top) {
		long[] total = new long[1];
		List<RunReport.Provider> rows = this.jdbc.query("""
				SELECT a.provider_domain, max(a.provider_name), count(DISTINCT a.id), count(DISTINCT u.url),
				       count(DISTINCT u.url) FILTER (WHERE u.class = 'ok'),
				       count(DISTINCT u.url) FILTER (WHERE u.class = 'attention'),
				       count(DISTINCT u.url) FILTER (WHERE u.class = 'broken') AS broken,
				       count(DISTINCT u.url) FILTER (WHERE u.class = 'unchecked'),
				       count(*) OVER ()
				FROM newsprobe.article a
				LEFT JOIN newsprobe.article_link l ON l.article_id = a.id
				LEFT JOIN report_url u ON u.url = l.url
				WHERE a.gone_at IS NULL
				GROUP BY 1 ORDER BY broken DESC, 4 DESC, 1 NULLS LAST LIMIT :top
				""", params(executionId).addValue("top", top), (rs, row) -> {
					total[0] = rs.getLong(9);
					return new RunReport.Provider(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
							rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8));
				});
		return new RunReport.Ranked<>(total[0], rows);
	}

	/** Counts per host, most broken URLs first. */
	public RunReport.Ranked<RunReport.Host> hosts(long executionId, int top) {
		long[] total = new long[1];
		List<RunReport.Host> rows = this.jdbc.query("""
				SELECT host, count(*), count(*) FILTER (WHERE class = 'ok'), count(*) FILTER (WHERE class = 'attention'),
				       count(*) FILTER (WHERE class = 'broken') AS broken, count(*) FILTER (WHERE class = 'unchecked'),
				       count(*) OVER ()
				FROM report_url GROUP BY 1 ORDER BY broken DESC, 2 DESC, 1 NULLS LAST LIMIT :top
				""", params(executionId).addValue("top", top), (rs, row) -> {
					total[0] = rs.getLong(7);
					return new RunReport.Host(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5),
							rs.getLong(6));
				});
		return new RunReport.Ranked<>(total[0], rows);
	}

	/**
	 * Image cache agreement: each live article image's declared {@code isCached} against the
	 * verified state of its URL's verdict as of the run, by the rule the reconcile steps use
	 * ({@code newsprobe.image_verdict_cached}: served for {@code OK}, {@code MOVED},
	 * {@code SIZE_MISMATCH}; not for {@code BROKEN}, {@code SOFT_404}, {@code NOT_AN_IMAGE},
	 * {@code INVALID_URL}; unknown otherwise).
	 */
	public RunReport.ImageCache imageCache(long executionId) {
		return this.jdbc.queryForObject("""
				SELECT count(*),
				       count(*) FILTER (WHERE i.declared_is_cached = v.served),
				       count(*) FILTER (WHERE i.declared_is_cached AND NOT v.served),
				       count(*) FILTER (WHERE NOT i.declared_is_cached AND v.served),
				       count(*) FILTER (WHERE i.declared_is_cached IS NULL),
				       count(*) FILTER (WHERE i.declared_is_cached IS NOT NULL AND v.served IS NULL),
				       count(*) FILTER (WHERE (i.declared_width IS NOT NULL OR i.declared_height IS NOT NULL)
				           AND u.verdict IN ('OK', 'MOVED') AND NOT COALESCE(s.image_size_known,
				               s.image_width IS NOT NULL AND s.image_height IS NOT NULL))
				FROM newsprobe.article_image i
				JOIN newsprobe.article a ON a.id = i.article_id AND a.gone_at IS NULL
				LEFT JOIN report_url u ON u.url = i.url
				LEFT JOIN newsprobe.url_state s ON s.url = i.url
				CROSS JOIN LATERAL (SELECT newsprobe.image_verdict_cached(u.verdict) AS served) v
				""", params(executionId), (rs, row) -> new RunReport.ImageCache(rs.getLong(1), rs.getLong(2), rs.getLong(3),
						rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
	}

	/** The hosts whose URLs took longest in the run, by p95. */
	public List<RunReport.SlowHost> slowestHosts(Scope run, int top) {
		return this.jdbc.query("""
				SELECT host, count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY elapsed_ms),
				       percentile_disc(0.95) WITHIN GROUP (ORDER BY elapsed_ms) AS p95, max(elapsed_ms)
				FROM (SELECT %s AS host, elapsed_ms FROM newsprobe.probe_result WHERE job_execution_id IN (:executions)) p
				GROUP BY 1 ORDER BY p95 DESC, 5 DESC, 1 NULLS LAST LIMIT :top
				""".formatted(HOST.formatted("url")), params(run).addValue("top", top),
				(rs, row) -> new RunReport.SlowHost(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5)));
	}

	/**
	 * The run an execution belongs to: it and the executions of its job instance before it.
	 * @param executionId the execution
	 * @return the run
	 */
	public Scope scope(long executionId) {
		List<Long> executions = this.jdbc.queryForList("""
				SELECT e.job_execution_id FROM newsprobe_batch.batch_job_execution e
				WHERE e.job_instance_id = (SELECT job_instance_id FROM newsprobe_batch.batch_job_execution
				                           WHERE job_execution_id = :execution)
				  AND e.job_execution_id <= :execution
				ORDER BY 1
				""", params(executionId), Long.class);
		return new Scope(executionId, executions.isEmpty() ? List.of(executionId) : executions);
	}

	/** The last execution of the same job before the run, or {@code null}. */
	public Long previousExecution(String jobName, Scope run) {
		List<Long> ids = this.jdbc.queryForList("""
				SELECT max(e.job_execution_id) FROM newsprobe_batch.batch_job_execution e
				JOIN newsprobe_batch.batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE i.job_name = :job AND e.job_execution_id < :first
				""", params(run).addValue("job", jobName).addValue("first", run.executions().get(0)), Long.class);
		return ids.isEmpty() ? null : ids.get(0);
	}

	/**
	 * The step executions of the run, in order, without the steps named.
	 * @param run the run
	 * @param leftOut step names to leave out (the report step)
	 * @return the steps
	 */
	public List<RunReport.Step> steps(Scope run, String leftOut) {
		return this.jdbc.query("""
				SELECT job_execution_id, step_name, status, read_count, write_count, filter_count,
				       read_skip_count + write_skip_count + process_skip_count
				FROM newsprobe_batch.batch_step_execution
				WHERE job_execution_id IN (:executions) AND step_name <> :leftOut
				ORDER BY step_execution_id
				""", params(run).addValue("leftOut", leftOut), (rs, row) -> new RunReport.Step(rs.getLong(1), rs.getString(2),
						rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
	}

	/**
	 * What the run's ingest steps did with the article files.
	 * @param run the run
	 * @param steps its steps
	 * @param ingestStep the name of the ingest step (a chunk step: files read, unchanged ones
	 * filtered, the others written, rejected ones included)
	 * @param sweepStep the name of the step marking vanished files gone (it writes one per file)
	 * @return the counts
	 */
	public RunReport.Files files(Scope run, List<RunReport.Step> steps, String ingestStep, String sweepStep) {
		long read = 0;
		long filtered = 0;
		long written = 0;
		long gone = 0;
		for (RunReport.Step step : steps) {
			if (step.name().equals(ingestStep)) {
				read += step.read();
				filtered += step.filtered();
				written += step.written();
			}
			else if (step.name().equals(sweepStep)) {
				gone += step.written();
			}
		}
		long[] counts = new long[3];
		this.jdbc.query("""
				SELECT (SELECT count(*) FROM newsprobe.ingest_error WHERE job_execution_id IN (:executions) AND rejected),
				       (SELECT count(*) FROM newsprobe.ingest_error WHERE job_execution_id IN (:executions) AND NOT rejected),
				       (SELECT count(*) FROM newsprobe.url_state WHERE first_seen_execution_id IN (:executions))
				""", params(run), (RowCallbackHandler) rs -> {
					counts[0] = rs.getLong(1);
					counts[1] = rs.getLong(2);
					counts[2] = rs.getLong(3);
				});
		return new RunReport.Files(read, written - counts[0], filtered, counts[0], counts[1], gone, counts[2]);
	}

	/**
	 * Streams every citation of a broken URL by a live article, by URL, path and line.
	 * @param handler receives each row: url, verdict, status_code, final_url, reason, checked_at,
	 * path, role, line, provider_domain
	 */
	public void forEachBrokenCitation(long executionId, RowCallbackHandler handler) {
		this.streaming.query("""
				SELECT u.url, u.verdict, u.status_code, u.final_url, u.reason, u.checked_at, a.path, l.role, l.line,
				       a.provider_domain
				FROM report_url u JOIN %s ON l.url = u.url
				WHERE u.class = 'broken'
				ORDER BY u.url, a.path, l.line, l.role
				""".formatted(LIVE_LINKS), params(executionId), handler);
	}

	private Map<String, Long> counts(String sql, long executionId) {
		return counts(sql, params(executionId));
	}

	private Map<String, Long> counts(String sql, Scope run) {
		return counts(sql, params(run));
	}

	private Map<String, Long> counts(String sql, MapSqlParameterSource params) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query(sql, params, (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
		return counts;
	}

	private long count(String sql, long executionId) {
		Long count = this.jdbc.queryForObject(sql, params(executionId), Long.class);
		return (count != null) ? count : 0;
	}

	private static RunReport.UrlChange urlChange(ResultSet rs, int row) throws SQLException {
		return new RunReport.UrlChange(rs.getString(1), rs.getString(2), rs.getString(3));
	}

	private static MapSqlParameterSource params(long executionId) {
		return new MapSqlParameterSource("execution", executionId);
	}

	private static MapSqlParameterSource params(Scope run) {
		return params(run.executionId()).addValue("executions", run.executions());
	}

	/**
	 * A run: an execution and the executions of its job instance before it, oldest first.
	 *
	 * @param executionId the execution the report is of
	 * @param executions the run's executions, it included
	 */
	public record Scope(long executionId, List<Long> executions) {
	}

}
