package dev.newsprobe.jobs.report.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
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
 * links, which are streamed. They must run in one transaction: {@link #prepare} gathers what the
 * others read into temporary tables (dropped at commit):
 * <ul>
 * <li>{@code report_article}: the live articles under the run's input roots;</li>
 * <li>{@code report_pair}: which URLs each of their providers cites (the only full read of {@code article_link});</li>
 * <li>{@code report_url}: the URLs they cite, with their verdict as of the execution;</li>
 * <li>{@code report_fix}: every change to make in a file (each citation of a broken or moved URL,
 * each image whose {@code isCached} is wrong), which the CSV, the broken and moved lists and the
 * per-file list all read;</li>
 * <li>{@code report_probe}: the run's own probes of those URLs.</li>
 * </ul>
 * The history tables ({@code probe_result}, {@code audit_event}, {@code ingest_error}) are only
 * read for the run's own executions, and with a lower bound on their time column, so a table
 * partitioned by time is read in the run's partitions only.
 * <p>
 * "As of the execution": a URL's state is {@code url_state} unless a later execution has probed it
 * since, in which case it is its last {@code probe_result} up to the execution. The citing articles
 * are those live now (the archive as it is when the report is made).
 */
public final class ReportQueries {

	/** The host of a URL column, lower case ({@code newsprobe.url_host}); {@code NULL} when the URL has none. */
	private static final String HOST = "NULLIF(newsprobe.url_host(%s), '')";

	/** How many of the most broken providers the provider trend follows. */
	private static final int TREND_PROVIDERS = 5;

	private static final org.slf4j.Logger logger = org.slf4j.LoggerFactory.getLogger(ReportQueries.class);

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

	/** The database's name and report tag. */
	public RunReport.Database database() {
		return this.jdbc.getJdbcOperations()
			.queryForObject("SELECT current_database(), left(replace(id::text, '-', ''), 8) FROM newsprobe.database_identity",
					(rs, row) -> new RunReport.Database(rs.getString(1), rs.getString(2)));
	}

	/**
	 * Gathers what the other queries read; must be called first, in their transaction.
	 * @param run the run
	 */
	public void prepare(Scope run) {
		var ddl = this.jdbc.getJdbcOperations();
		// The report hashes and sorts hundreds of thousands of rows per query: more memory than the
		// server's default 4MB keeps them off disk. For this transaction only.
		ddl.execute("SET LOCAL work_mem = '32MB'");
		for (String table : List.of("report_article", "report_pair", "report_url", "report_fix", "report_probe",
				"report_provider_now")) {
			ddl.execute("DROP TABLE IF EXISTS pg_temp." + table);
		}
		long started = System.nanoTime();
		this.jdbc.update("""
				CREATE TEMPORARY TABLE report_article ON COMMIT DROP AS
				SELECT a.id, a.path, a.provider_domain, a.provider_name FROM newsprobe.article a
				WHERE a.gone_at IS NULL AND %s
				""".formatted(underRoots("a.path", run)), params(run));
		started = took("report_article", started);
		ddl.execute("CREATE INDEX ON pg_temp.report_article (id)");
		ddl.execute("ANALYZE pg_temp.report_article");
		// Which URLs each provider cites, read from article_link once: the cited URLs and the provider counts come from it.
		this.jdbc.update("""
				CREATE TEMPORARY TABLE report_pair ON COMMIT DROP AS
				SELECT DISTINCT a.provider_domain, l.url FROM newsprobe.article_link l JOIN report_article a ON a.id = l.article_id
				""", params(run));
		ddl.execute("ANALYZE pg_temp.report_pair");
		started = took("report_pair", started);
		this.jdbc.update("""
				CREATE TEMPORARY TABLE report_url ON COMMIT DROP AS
				WITH cited AS (SELECT DISTINCT url FROM report_pair),
				state AS (
				    SELECT u.url, u.verdict, u.verdict_reason AS reason, u.status_code, u.final_url, u.last_checked_at AS checked_at
				    FROM cited c JOIN newsprobe.url_state u ON u.url = c.url
				    WHERE u.first_seen_execution_id <= :execution
				      AND (u.last_probe_execution_id IS NULL OR u.last_probe_execution_id <= :execution)
				    UNION ALL
				    SELECT u.url, p.verdict, p.reason, p.status_code, p.final_url, p.checked_at
				    FROM cited c JOIN newsprobe.url_state u ON u.url = c.url
				    LEFT JOIN LATERAL (
				        SELECT r.verdict, r.reason, r.status_code, r.final_url, r.checked_at FROM newsprobe.probe_result r
				        WHERE r.url = u.url AND r.job_execution_id <= :execution
				        ORDER BY r.job_execution_id DESC LIMIT 1) p ON true
				    WHERE u.first_seen_execution_id <= :execution AND u.last_probe_execution_id > :execution)
				SELECT s.*, %s AS class, %s AS host FROM state s
				""".formatted(VerdictClass.sqlCase("s.verdict"), HOST.formatted("s.url")), params(run));
		started = took("report_url", started);
		ddl.execute("CREATE INDEX ON pg_temp.report_url (url)");
		ddl.execute("ANALYZE pg_temp.report_url");
		// One row per change to make in a file. The dead-links work adds its rows here: kind 'DEAD',
		// the archived copy as the replacement.
		this.jdbc.update("""
				CREATE TEMPORARY TABLE report_fix ON COMMIT DROP AS
				SELECT l.article_id, CASE WHEN u.class = 'broken' THEN 'BROKEN' ELSE 'MOVED' END AS kind, l.role, l.line,
				       u.url, u.verdict, CASE WHEN u.class <> 'broken' THEN u.final_url END AS replacement, u.reason AS detail
				FROM report_url u
				JOIN newsprobe.article_link l ON l.url = u.url
				JOIN report_article a ON a.id = l.article_id
				WHERE u.class = 'broken' OR u.verdict = 'MOVED'
				UNION ALL
				SELECT i.article_id, 'STALE_CACHED', 'image', i.line, i.url, u.verdict,
				       'isCached: ' || v.served,
				       'the file says isCached: ' || i.declared_is_cached || ', but the image '
				           || CASE WHEN v.served THEN 'is served' ELSE 'is not served' END || ' (' || u.verdict || ')'
				FROM newsprobe.article_image i
				JOIN report_article a ON a.id = i.article_id
				JOIN report_url u ON u.url = i.url
				CROSS JOIN LATERAL (SELECT newsprobe.image_verdict_cached(u.verdict) AS served) v
				WHERE i.declared_is_cached IS NOT NULL AND v.served IS NOT NULL AND i.declared_is_cached <> v.served
				""", params(run));
		started = took("report_fix", started);
		ddl.execute("ANALYZE pg_temp.report_fix");
		started = took("indexes and statistics", started);
		this.jdbc.update("""
				CREATE TEMPORARY TABLE report_probe ON COMMIT DROP AS
				SELECT u.host, r.verdict, r.status_code, r.attempts, r.elapsed_ms
				FROM newsprobe.probe_result r JOIN report_url u ON u.url = r.url
				WHERE r.job_execution_id IN (:executions) AND r.checked_at >= :since
				""", params(run));
		started = took("report_probe", started);
		this.jdbc.update("""
				CREATE TEMPORARY TABLE report_provider_now ON COMMIT DROP AS
				WITH articles AS (
				    SELECT provider_domain, max(provider_name) AS provider_name, count(*) AS articles
				    FROM report_article GROUP BY 1),
				counts AS (
				    SELECT p.provider_domain, count(*) AS urls, count(*) FILTER (WHERE u.class = 'ok') AS ok,
				           count(*) FILTER (WHERE u.class = 'attention') AS attention,
				           count(*) FILTER (WHERE u.class = 'broken') AS broken,
				           count(*) FILTER (WHERE u.class = 'unchecked') AS unchecked
				    FROM report_pair p JOIN report_url u ON u.url = p.url GROUP BY 1)
				SELECT a.provider_domain, a.provider_name, a.articles, COALESCE(c.urls, 0) AS urls, COALESCE(c.ok, 0) AS ok,
				       COALESCE(c.attention, 0) AS attention, COALESCE(c.broken, 0) AS broken,
				       COALESCE(c.unchecked, 0) AS unchecked
				FROM articles a LEFT JOIN counts c ON c.provider_domain IS NOT DISTINCT FROM a.provider_domain
				""", params(run));
		took("report_provider_now", started);
	}

	/** Logs how long a part of the report took (debug: where the time of a large report goes). */
	private static long took(String what, long started) {
		long now = System.nanoTime();
		logger.debug("report: {} in {} ms", what, (now - started) / 1_000_000);
		return now;
	}

	/** The live articles and the URLs they cite, by class and verdict; what the run probed of them. */
	public RunReport.Urls urls(Scope run) {
		Map<String, Long> byClass = new LinkedHashMap<>();
		for (VerdictClass verdictClass : VerdictClass.values()) {
			byClass.put(verdictClass.key(), 0L);
		}
		this.jdbc.query("SELECT class, count(*) FROM report_url GROUP BY 1",
				(RowCallbackHandler) rs -> byClass.put(rs.getString(1), rs.getLong(2)));
		Map<String, Long> byVerdict = counts(
				"SELECT verdict, count(*) FROM report_url WHERE verdict IS NOT NULL GROUP BY 1 ORDER BY 2 DESC, 1", run);
		Map<String, Long> probed = counts("SELECT verdict, count(*) FROM report_probe GROUP BY 1 ORDER BY 2 DESC, 1", run);
		long total = byClass.values().stream().mapToLong(Long::longValue).sum();
		long articles = count("SELECT count(*) FROM report_article", run);
		return new RunReport.Urls(total, articles, byClass, byVerdict, probed.values().stream().mapToLong(Long::longValue).sum(),
				probed);
	}

	/** Verdict transitions of the cited URLs and article changes under the roots, as the run recorded them. */
	public RunReport.Changes changes(Scope run, int top) {
		String urlEvents = """
				newsprobe.audit_event e
				WHERE e.job_execution_id IN (:executions) AND e.at >= :since AND e.entity = 'url' AND e.field = 'verdict'
				  AND EXISTS (SELECT 1 FROM report_url u WHERE u.url = e.entity_key)""";
		List<RunReport.Transition> transitions = this.jdbc.query("""
				SELECT old_value, new_value, count(*) FROM %s
				GROUP BY 1, 2 ORDER BY 3 DESC, 1 NULLS FIRST, 2
				""".formatted(urlEvents), params(run),
				(rs, row) -> new RunReport.Transition(rs.getString(1), rs.getString(2), rs.getLong(3)));
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
				SELECT entity_key, old_value, new_value FROM %s AND old_value IS NOT NULL
				  AND (%s) = '%s' AND (%s) IN (%s)
				ORDER BY entity_key LIMIT :top
				""";
		List<RunReport.UrlChange> newlyBrokenUrls = this.jdbc.query(
				changed.formatted(urlEvents, VerdictClass.sqlCase("new_value"), VerdictClass.BROKEN.key(),
						VerdictClass.sqlCase("old_value"), "'ok', 'attention'"),
				params(run).addValue("top", top), ReportQueries::urlChange);
		List<RunReport.UrlChange> fixedUrls = this.jdbc.query(
				changed.formatted(urlEvents, VerdictClass.sqlCase("old_value"), VerdictClass.BROKEN.key(),
						VerdictClass.sqlCase("new_value"), "'ok', 'attention'"),
				params(run).addValue("top", top), ReportQueries::urlChange);
		Map<String, Long> articles = counts("""
				SELECT CASE WHEN field = 'content_hash' AND old_value IS NULL THEN 'new'
				            WHEN field = 'content_hash' THEN 'changed'
				            WHEN field = 'gone' AND new_value = 'true' THEN 'gone'
				            ELSE 'back' END, count(*)
				FROM newsprobe.audit_event
				WHERE job_execution_id IN (:executions) AND at >= :since AND entity = 'article'
				  AND field IN ('content_hash', 'gone') AND %s
				GROUP BY 1
				""".formatted(underRoots("entity_key", run)), run);
		return new RunReport.Changes(transitions, newlyBroken, fixed, firstBroken, newlyBrokenUrls, fixedUrls,
				articles.getOrDefault("new", 0L), articles.getOrDefault("changed", 0L), articles.getOrDefault("gone", 0L),
				articles.getOrDefault("back", 0L));
	}

	/**
	 * What to fix in which file: the files with most to fix first, each with its fixes by line.
	 * @param run the run
	 * @param top how many files, and how many fixes per file
	 * @return the files
	 */
	public RunReport.ToFix toFix(Scope run, int top) {
		long[] totals = twoCounts("SELECT count(DISTINCT article_id), count(*) FROM report_fix", run);
		record FileRow(long id, String path, String provider, long broken, long moved, long stale) {
		}
		List<FileRow> files = this.jdbc.query("""
				SELECT f.article_id, a.path, a.provider_domain, count(*) FILTER (WHERE f.kind = 'BROKEN'),
				       count(*) FILTER (WHERE f.kind = 'MOVED'), count(*) FILTER (WHERE f.kind = 'STALE_CACHED')
				FROM report_fix f JOIN report_article a ON a.id = f.article_id
				GROUP BY 1, 2, 3 ORDER BY count(*) DESC, 2 LIMIT :top
				""", params(run).addValue("top", top), (rs, row) -> new FileRow(rs.getLong(1), rs.getString(2),
						rs.getString(3), rs.getLong(4), rs.getLong(5), rs.getLong(6)));
		Map<Long, List<RunReport.Fix>> fixes = new LinkedHashMap<>();
		if (!files.isEmpty()) {
			this.jdbc.query("""
					SELECT article_id, kind, role, line, url, verdict, replacement, detail FROM (
					    SELECT f.*, row_number() OVER (PARTITION BY article_id ORDER BY line NULLS LAST, kind, url, role) AS n
					    FROM report_fix f WHERE article_id IN (:ids)) f
					WHERE n <= :top ORDER BY article_id, n
					""", params(run).addValue("ids", files.stream().map(FileRow::id).toList()).addValue("top", top),
					(RowCallbackHandler) rs -> fixes.computeIfAbsent(rs.getLong(1), id -> new ArrayList<>())
						.add(new RunReport.Fix(rs.getString(2), rs.getString(3), (Integer) rs.getObject(4), rs.getString(5),
								rs.getString(6), rs.getString(7), rs.getString(8))));
		}
		List<RunReport.FileFixes> rows = files.stream()
			.map(f -> new RunReport.FileFixes(f.path(), f.provider(), f.broken(), f.moved(), f.stale(),
					fixes.getOrDefault(f.id(), List.of())))
			.toList();
		return new RunReport.ToFix(totals[0], totals[1], rows);
	}

	/** The broken URLs: totals and the most cited. */
	public RunReport.BrokenLinks brokenLinks(Scope run, String csvName, int top) {
		long[] totals = twoCounts("SELECT count(DISTINCT url), count(*) FROM report_fix WHERE kind = 'BROKEN'", run);
		List<RunReport.BrokenUrl> rows = this.jdbc.query("""
				SELECT u.url, u.verdict, u.status_code, u.final_url, u.reason, f.articles
				FROM (SELECT url, count(DISTINCT article_id) AS articles FROM report_fix WHERE kind = 'BROKEN' GROUP BY 1
				      ORDER BY 2 DESC, 1 LIMIT :top) f
				JOIN report_url u ON u.url = f.url
				ORDER BY 6 DESC, 1
				""", params(run).addValue("top", top),
				(rs, row) -> new RunReport.BrokenUrl(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
						rs.getString(4), rs.getString(5), rs.getLong(6)));
		return new RunReport.BrokenLinks(totals[0], totals[1], csvName, rows);
	}

	/** The moved URLs: totals and the most cited, each with where it moved to. */
	public RunReport.MovedLinks movedLinks(Scope run, int top) {
		long[] totals = twoCounts("SELECT count(DISTINCT url), count(*) FROM report_fix WHERE kind = 'MOVED'", run);
		List<RunReport.MovedUrl> rows = this.jdbc.query("""
				SELECT url, replacement, count(DISTINCT article_id) FROM report_fix WHERE kind = 'MOVED'
				GROUP BY 1, 2 ORDER BY 3 DESC, 1 LIMIT :top
				""", params(run).addValue("top", top),
				(rs, row) -> new RunReport.MovedUrl(rs.getString(1), rs.getString(2), rs.getLong(3)));
		return new RunReport.MovedLinks(totals[0], totals[1], rows);
	}

	/** The files under the roots whose current content cannot be read, by path, with the line of their error. */
	public RunReport.RejectedFiles rejectedFiles(Scope run, int top) {
		String under = underRoots("f.path", run);
		long total = count("SELECT count(*) FROM newsprobe.rejected_file f WHERE " + under, run);
		List<RunReport.RejectedFile> rows = this.jdbc.query("""
				SELECT f.path, f.code, e.line, f.reason, f.job_execution_id, f.rejected_at
				FROM newsprobe.rejected_file f
				LEFT JOIN LATERAL (
				    SELECT e.line FROM newsprobe.ingest_error e
				    WHERE e.job_execution_id = f.job_execution_id AND e.path = f.path AND e.rejected
				    ORDER BY e.id LIMIT 1) e ON true
				WHERE %s
				ORDER BY f.path LIMIT :top
				""".formatted(under), params(run).addValue("top", top),
				(rs, row) -> new RunReport.RejectedFile(rs.getString(1), rs.getString(2), (Integer) rs.getObject(3),
						rs.getString(4), rs.getLong(5), offset(rs.getTimestamp(6))));
		return new RunReport.RejectedFiles(total, rows);
	}

	/** Counts per provider domain, most broken URLs first. */
	public RunReport.Ranked<RunReport.Provider> providers(Scope run, int top) {
		long total = count("SELECT count(*) FROM report_provider_now", run);
		List<RunReport.Provider> rows = this.jdbc.query("""
				SELECT provider_domain, provider_name, articles, urls, ok, attention, broken, unchecked
				FROM report_provider_now ORDER BY broken DESC, urls DESC, provider_domain NULLS LAST LIMIT :top
				""", params(run).addValue("top", top), (rs, row) -> new RunReport.Provider(rs.getString(1), rs.getString(2),
						rs.getLong(3), rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7), rs.getLong(8)));
		return new RunReport.Ranked<>(total, rows);
	}

	/** Counts per host, most broken URLs first. */
	public RunReport.Ranked<RunReport.Host> hosts(Scope run, int top) {
		long[] total = new long[1];
		List<RunReport.Host> rows = this.jdbc.query("""
				SELECT host, count(*), count(*) FILTER (WHERE class = 'ok'), count(*) FILTER (WHERE class = 'attention'),
				       count(*) FILTER (WHERE class = 'broken') AS broken, count(*) FILTER (WHERE class = 'unchecked'),
				       count(*) OVER ()
				FROM report_url GROUP BY 1 ORDER BY broken DESC, 2 DESC, 1 NULLS LAST LIMIT :top
				""", params(run).addValue("top", top), (rs, row) -> {
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
	public RunReport.ImageCache imageCache(Scope run) {
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
				JOIN report_article a ON a.id = i.article_id
				LEFT JOIN report_url u ON u.url = i.url
				LEFT JOIN newsprobe.url_state s ON s.url = i.url
				CROSS JOIN LATERAL (SELECT newsprobe.image_verdict_cached(u.verdict) AS served) v
				""", params(run), (rs, row) -> new RunReport.ImageCache(rs.getLong(1), rs.getLong(2), rs.getLong(3),
						rs.getLong(4), rs.getLong(5), rs.getLong(6), rs.getLong(7)));
	}

	/** The hosts whose URLs took longest in the run, by p95. */
	public List<RunReport.SlowHost> slowestHosts(Scope run, int top) {
		return this.jdbc.query("""
				SELECT host, count(*), percentile_disc(0.5) WITHIN GROUP (ORDER BY elapsed_ms),
				       percentile_disc(0.95) WITHIN GROUP (ORDER BY elapsed_ms) AS p95, max(elapsed_ms)
				FROM report_probe
				GROUP BY 1 ORDER BY p95 DESC, 5 DESC, 1 NULLS LAST LIMIT :top
				""", params(run).addValue("top", top),
				(rs, row) -> new RunReport.SlowHost(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4),
						rs.getLong(5)));
	}

	/**
	 * The hosts that throttled the run: probes that still ended in 429 or 503 after their retries,
	 * and probes that needed a retry at all (429, 503, timeouts, connect errors), most first; hosts
	 * with neither are left out.
	 */
	public List<RunReport.RateLimitedHost> rateLimitedHosts(Scope run, int top) {
		return this.jdbc.query("""
				SELECT host, count(*), count(*) FILTER (WHERE status_code IN (429, 503)) AS throttled,
				       count(*) FILTER (WHERE attempts > 1) AS retried
				FROM report_probe GROUP BY 1
				HAVING count(*) FILTER (WHERE status_code IN (429, 503) OR attempts > 1) > 0
				ORDER BY throttled DESC, retried DESC, 1 NULLS LAST LIMIT :top
				""", params(run).addValue("top", top),
				(rs, row) -> new RunReport.RateLimitedHost(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
	}

	/**
	 * Records what this report counts ({@code report_run}, {@code report_provider}), replacing an
	 * earlier record of the same execution, for the trends of later reports and {@code --fail-on}.
	 */
	public void record(Scope run, RunReport.Run execution, RunReport.Urls urls, RunReport.Changes changes,
			RunReport.BrokenLinks broken, RunReport.MovedLinks moved, RunReport.RejectedFiles rejected,
			RunReport.ImageCache images, String input) {
		MapSqlParameterSource p = params(run).addValue("input", input)
			.addValue("runDate", (execution.runDate() != null) ? java.sql.Date.valueOf(execution.runDate()) : null)
			.addValue("startedAt", (execution.startTime() != null) ? Timestamp.from(execution.startTime().toInstant()) : null)
			.addValue("madeAt", Timestamp.from(execution.generatedAt().toInstant()))
			.addValue("articles", urls.articles())
			.addValue("urls", urls.total())
			.addValue("ok", urls.byClass().getOrDefault("ok", 0L))
			.addValue("attention", urls.byClass().getOrDefault("attention", 0L))
			.addValue("broken", urls.byClass().getOrDefault("broken", 0L))
			.addValue("unchecked", urls.byClass().getOrDefault("unchecked", 0L))
			.addValue("byVerdict", dev.newsprobe.jobs.support.PlainJson.write(new LinkedHashMap<>(urls.byVerdict())))
			.addValue("brokenCitations", broken.citations())
			.addValue("movedCitations", moved.citations())
			.addValue("rejected", rejected.total())
			.addValue("images", images.images())
			.addValue("agree", images.agree())
			.addValue("stale", images.declaredCachedButUnavailable() + images.declaredNotCachedButAvailable())
			.addValue("newlyBroken", changes.newlyBroken())
			.addValue("fixed", changes.fixed());
		this.jdbc.update("""
				INSERT INTO newsprobe.report_run (job_execution_id, input, run_date, started_at, made_at, articles, urls, ok,
				    attention, broken, unchecked, by_verdict, broken_citations, moved_citations, rejected_files, images,
				    images_agree, stale_cached, newly_broken, fixed)
				VALUES (:execution, :input, :runDate, :startedAt, :madeAt, :articles, :urls, :ok, :attention, :broken,
				    :unchecked, CAST(:byVerdict AS jsonb), :brokenCitations, :movedCitations, :rejected, :images, :agree,
				    :stale, :newlyBroken, :fixed)
				ON CONFLICT (job_execution_id) DO UPDATE SET input = EXCLUDED.input, run_date = EXCLUDED.run_date,
				    started_at = EXCLUDED.started_at, made_at = EXCLUDED.made_at, articles = EXCLUDED.articles,
				    urls = EXCLUDED.urls, ok = EXCLUDED.ok, attention = EXCLUDED.attention, broken = EXCLUDED.broken,
				    unchecked = EXCLUDED.unchecked, by_verdict = EXCLUDED.by_verdict,
				    broken_citations = EXCLUDED.broken_citations, moved_citations = EXCLUDED.moved_citations,
				    rejected_files = EXCLUDED.rejected_files, images = EXCLUDED.images,
				    images_agree = EXCLUDED.images_agree, stale_cached = EXCLUDED.stale_cached,
				    newly_broken = EXCLUDED.newly_broken, fixed = EXCLUDED.fixed
				""", p);
		this.jdbc.update("DELETE FROM newsprobe.report_provider WHERE job_execution_id = :execution", p);
		this.jdbc.update("""
				INSERT INTO newsprobe.report_provider (job_execution_id, provider_domain, provider_name, articles, urls, ok,
				    attention, broken, unchecked)
				SELECT :execution, provider_domain, provider_name, articles, urls, ok, attention, broken, unchecked
				FROM report_provider_now
				""", p);
	}

	/**
	 * The recorded reports of the same roots up to this execution, oldest first, this one last, and
	 * the most broken providers of this one across them.
	 * @param run the run (its report recorded first)
	 * @param input the run's roots as the job parameter has them
	 * @param runs how many reports at most
	 * @return the trend
	 */
	public RunReport.Trend trend(Scope run, String input, int runs) {
		MapSqlParameterSource p = params(run).addValue("input", input).addValue("runs", runs);
		List<RunReport.TrendRun> points = new ArrayList<>(this.jdbc.query("""
				SELECT job_execution_id, COALESCE(run_date, CAST(started_at AS date)), urls, ok, attention, broken, unchecked
				FROM newsprobe.report_run WHERE input = :input AND job_execution_id <= :execution
				ORDER BY job_execution_id DESC LIMIT :runs
				""", p, (rs, row) -> new RunReport.TrendRun(rs.getLong(1), text(rs.getDate(2)), rs.getLong(3), rs.getLong(4),
						rs.getLong(5), rs.getLong(6), rs.getLong(7))));
		java.util.Collections.reverse(points);
		if (points.isEmpty()) {
			return new RunReport.Trend(points, List.of());
		}
		record Followed(String domain, String name) {
		}
		List<Followed> followed = this.jdbc.query("""
				SELECT provider_domain, provider_name FROM report_provider_now WHERE broken > 0
				ORDER BY broken DESC, urls DESC, provider_domain NULLS LAST LIMIT :followed
				""", p.addValue("followed", TREND_PROVIDERS), (rs, row) -> new Followed(rs.getString(1), rs.getString(2)));
		Map<String, List<RunReport.ProviderPoint>> series = new LinkedHashMap<>();
		followed.forEach(f -> series.put(key(f.domain()), new ArrayList<>()));
		if (!followed.isEmpty()) {
			Map<Long, String> nights = new LinkedHashMap<>();
			points.forEach(point -> nights.put(point.executionId(), point.night()));
			this.jdbc.query("""
					SELECT job_execution_id, COALESCE(provider_domain, ''), urls, broken FROM newsprobe.report_provider
					WHERE job_execution_id IN (:ids) AND COALESCE(provider_domain, '') IN (:domains)
					ORDER BY job_execution_id
					""", p.addValue("ids", List.copyOf(nights.keySet()))
				.addValue("domains", followed.stream().map(f -> key(f.domain())).toList()), (RowCallbackHandler) rs -> {
					List<RunReport.ProviderPoint> points2 = series.get(rs.getString(2));
					if (points2 != null) {
						points2.add(new RunReport.ProviderPoint(rs.getLong(1), nights.get(rs.getLong(1)), rs.getLong(3),
								rs.getLong(4)));
					}
				});
		}
		List<RunReport.ProviderTrend> providers = followed.stream()
			.map(f -> new RunReport.ProviderTrend(f.domain(), f.name(), series.get(key(f.domain()))))
			.toList();
		return new RunReport.Trend(points, providers);
	}

	/** What {@code --fail-on} decides on, as the execution's report recorded it; {@code null} when none was. */
	public RunReport.Findings findings(long executionId) {
		List<RunReport.Findings> rows = this.jdbc.query("""
				SELECT broken, rejected_files, attention, stale_cached FROM newsprobe.report_run WHERE job_execution_id = :execution
				""", new MapSqlParameterSource("execution", executionId),
				(rs, row) -> new RunReport.Findings(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)));
		return rows.isEmpty() ? null : rows.get(0);
	}

	/**
	 * The run an execution belongs to: it and the executions of its job instance before it.
	 * @param executionId the execution
	 * @param roots the run's input roots, absolute and normalised; empty means every article
	 * @return the run
	 */
	public Scope scope(long executionId, List<String> roots) {
		List<Long> executions = new ArrayList<>();
		OffsetDateTime[] first = new OffsetDateTime[1];
		this.jdbc.query("""
				SELECT e.job_execution_id, COALESCE(e.start_time, e.create_time) FROM newsprobe_batch.batch_job_execution e
				WHERE e.job_instance_id = (SELECT job_instance_id FROM newsprobe_batch.batch_job_execution
				                           WHERE job_execution_id = :execution)
				  AND e.job_execution_id <= :execution
				ORDER BY 1
				""", new MapSqlParameterSource("execution", executionId), (RowCallbackHandler) rs -> {
					executions.add(rs.getLong(1));
					if (first[0] == null && rs.getTimestamp(2) != null) {
						first[0] = rs.getTimestamp(2).toLocalDateTime().atZone(java.time.ZoneId.systemDefault()).toOffsetDateTime();
					}
				});
		// A day's margin: workers on other machines stamp their rows with their own clocks.
		OffsetDateTime since = (first[0] != null) ? first[0].minusDays(1) : OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC);
		return new Scope(executionId, executions.isEmpty() ? List.of(executionId) : executions, List.copyOf(roots), since);
	}

	/** The last execution of the same job on the same roots before the run, or {@code null}. */
	public Long previousExecution(String jobName, Scope run, String inputParameter, String input) {
		List<Long> ids = this.jdbc.queryForList("""
				SELECT max(e.job_execution_id) FROM newsprobe_batch.batch_job_execution e
				JOIN newsprobe_batch.batch_job_instance i ON i.job_instance_id = e.job_instance_id
				WHERE i.job_name = :job AND e.job_execution_id < :first
				  AND EXISTS (SELECT 1 FROM newsprobe_batch.batch_job_execution_params p
				              WHERE p.job_execution_id = e.job_execution_id AND p.parameter_name = :parameter
				                AND p.parameter_value = :input)
				""", params(run).addValue("job", jobName)
			.addValue("first", run.executions().get(0))
			.addValue("parameter", inputParameter)
			.addValue("input", input), Long.class);
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
				SELECT (SELECT count(*) FROM newsprobe.ingest_error
				        WHERE job_execution_id IN (:executions) AND recorded_at >= :since AND rejected),
				       (SELECT count(*) FROM newsprobe.ingest_error
				        WHERE job_execution_id IN (:executions) AND recorded_at >= :since AND NOT rejected),
				       (SELECT count(*) FROM newsprobe.url_state WHERE first_seen_execution_id IN (:executions))
				""", params(run), (RowCallbackHandler) rs -> {
					counts[0] = rs.getLong(1);
					counts[1] = rs.getLong(2);
					counts[2] = rs.getLong(3);
				});
		return new RunReport.Files(read, written - counts[0], filtered, counts[0], counts[1], gone, counts[2]);
	}

	/**
	 * Streams every citation of a broken URL by a live article under the roots, by URL, path and line.
	 * @param handler receives each row: url, verdict, status_code, final_url, reason, checked_at,
	 * path, role, line, provider_domain
	 */
	public void forEachBrokenCitation(Scope run, RowCallbackHandler handler) {
		this.streaming.query("""
				SELECT u.url, u.verdict, u.status_code, u.final_url, u.reason, u.checked_at, a.path, f.role, f.line,
				       a.provider_domain
				FROM report_fix f JOIN report_url u ON u.url = f.url JOIN report_article a ON a.id = f.article_id
				WHERE f.kind = 'BROKEN'
				ORDER BY u.url, a.path, f.line, f.role
				""", params(run), handler);
	}

	/**
	 * A condition that a path column lies under one of the run's roots (the root itself, for a
	 * single file, or anything below it); always true when the run has none. Built from
	 * placeholders only: the roots are parameters.
	 */
	private static String underRoots(String column, Scope run) {
		if (run.roots().isEmpty()) {
			return "true";
		}
		List<String> terms = new ArrayList<>();
		for (int i = 0; i < run.roots().size(); i++) {
			terms.add(column + " = :root" + i + " OR starts_with(" + column + ", :prefix" + i + ")");
		}
		return "(" + String.join(" OR ", terms) + ")";
	}

	private Map<String, Long> counts(String sql, Scope run) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query(sql, params(run), (RowCallbackHandler) rs -> counts.put(rs.getString(1), rs.getLong(2)));
		return counts;
	}

	private long[] twoCounts(String sql, Scope run) {
		long[] counts = new long[2];
		this.jdbc.query(sql, params(run), (RowCallbackHandler) rs -> {
			counts[0] = rs.getLong(1);
			counts[1] = rs.getLong(2);
		});
		return counts;
	}

	private long count(String sql, Scope run) {
		Long count = this.jdbc.queryForObject(sql, params(run), Long.class);
		return (count != null) ? count : 0;
	}

	private static String key(String domain) {
		return (domain != null) ? domain : "";
	}

	private static String text(java.sql.Date date) {
		return (date != null) ? date.toLocalDate().toString() : null;
	}

	private static OffsetDateTime offset(Timestamp time) {
		return (time != null) ? time.toInstant().atZone(java.time.ZoneId.systemDefault()).toOffsetDateTime() : null;
	}

	private static RunReport.UrlChange urlChange(ResultSet rs, int row) throws SQLException {
		return new RunReport.UrlChange(rs.getString(1), rs.getString(2), rs.getString(3));
	}

	private static MapSqlParameterSource params(Scope run) {
		MapSqlParameterSource params = new MapSqlParameterSource("execution", run.executionId())
			.addValue("executions", run.executions())
			.addValue("since", run.since());
		for (int i = 0; i < run.roots().size(); i++) {
			String root = run.roots().get(i);
			params.addValue("root" + i, root).addValue("prefix" + i, root.endsWith("/") ? root : root + "/");
		}
		return params;
	}

	/**
	 * A run: an execution and the executions of its job instance before it, oldest first, and its roots.
	 *
	 * @param executionId the execution the report is of
	 * @param executions the run's executions, it included
	 * @param roots the run's input roots; empty means every article
	 * @param since a time before anything the run wrote (a day before it started): the lower bound
	 * on the history tables' time columns
	 */
	public record Scope(long executionId, List<Long> executions, List<String> roots, OffsetDateTime since) {
	}

}
