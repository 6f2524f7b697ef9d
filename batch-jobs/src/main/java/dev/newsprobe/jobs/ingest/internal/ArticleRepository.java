package dev.newsprobe.jobs.ingest.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleImage;
import dev.newsprobe.core.article.ArticleLink;
import dev.newsprobe.core.article.RelatedArticle;
import dev.newsprobe.jobs.ingest.KnownArticle;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.jobs.support.DbText;
import dev.newsprobe.jobs.support.PlainJson;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads and writes ingest's tables. Child rows go in one {@code COPY} per table and chunk, URLs in one
 * statement ({@code unnest} of arrays), so a chunk costs a handful of round trips whatever its size.
 * Every text is cleaned of NUL characters, which PostgreSQL cannot store: a hostile file must
 * cost its own row, never the chunk.
 */
public final class ArticleRepository {

	/** Invalid URLs are kept as evidence, shortened so that no index entry can overflow. */
	static final int MAX_INVALID_URL_LENGTH = 600;

	private final JdbcTemplate jdbc;

	public ArticleRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The stored state of those of the given paths already seen (ingested or rejected). */
	public Map<String, KnownArticle> find(List<String> paths) {
		Map<String, KnownArticle> known = new HashMap<>();
		if (paths.isEmpty()) {
			return known;
		}
		this.jdbc.query("""
				SELECT p.path, a.id, a.content_hash, a.gone_at IS NOT NULL, r.content_hash
				FROM unnest(?::text[]) AS p(path)
				LEFT JOIN newsprobe.article a ON a.path = p.path
				LEFT JOIN newsprobe.rejected_file r ON r.path = p.path
				WHERE a.id IS NOT NULL OR r.path IS NOT NULL
				""", ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", paths.stream().map(DbText::clean).toArray())),
				rs -> {
					long id = rs.getLong(2);
					Long articleId = rs.wasNull() ? null : id;
					known.put(rs.getString(1), new KnownArticle(articleId, rs.getString(3), rs.getBoolean(4), rs.getString(5)));
				});
		return known;
	}

	/** One rejected file. */
	public record RejectedFile(String path, String contentHash, String code, String reason) {
	}

	/** Remembers the files rejected in this chunk, so unchanged ones are not parsed again. */
	public void upsertRejected(List<RejectedFile> files, long executionId) {
		if (files.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("""
				INSERT INTO newsprobe.rejected_file (path, content_hash, code, reason, job_execution_id)
				VALUES (?, ?, ?, ?, ?)
				ON CONFLICT (path) DO UPDATE SET content_hash = EXCLUDED.content_hash, code = EXCLUDED.code,
				    reason = EXCLUDED.reason, job_execution_id = EXCLUDED.job_execution_id, rejected_at = now()
				""", files, files.size(), (ps, file) -> {
					ps.setString(1, DbText.clean(file.path()));
					ps.setString(2, file.contentHash());
					ps.setString(3, file.code());
					ps.setString(4, DbText.clean(file.reason()));
					ps.setLong(5, executionId);
				});
	}

	/** Forgets earlier rejections of files that are now ingested or gone. */
	public void forgetRejected(Collection<String> paths) {
		if (paths.isEmpty()) {
			return;
		}
		this.jdbc.update("DELETE FROM newsprobe.rejected_file WHERE path = ANY(?)",
				ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", paths.stream().map(DbText::clean).toArray())));
	}

	/** Paths of rejected files under a root. */
	public List<String> rejectedUnder(String root) {
		String prefix = root.endsWith("/") ? root : root + "/";
		return this.jdbc.queryForList("SELECT path FROM newsprobe.rejected_file WHERE path = ? OR starts_with(path, ?)",
				String.class, root, prefix);
	}

	/** Fresh article ids, one per new article. */
	public List<Long> allocateIds(int count) {
		if (count == 0) {
			return List.of();
		}
		return this.jdbc.queryForList("SELECT nextval('newsprobe.article_id_seq') FROM generate_series(1, ?)", Long.class,
				count);
	}

	/** Inserts or replaces the article rows (by path); a re-ingested file is no longer gone. */
	public void upsertArticles(List<Article> articles, List<Long> ids, long executionId) {
		this.jdbc.batchUpdate("""
				INSERT INTO newsprobe.article (id, path, content_hash, title, excerpt, published_at, type, quality, heat,
				    published, category, web_url, amp_web_url, cdn_amp_web_url, provider_name, provider_domain, topics,
				    secured_sha256, extra, first_ingested_at, last_ingested_at, last_ingest_execution_id, gone_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, now(), now(), ?, NULL)
				ON CONFLICT (path) DO UPDATE SET content_hash = EXCLUDED.content_hash, title = EXCLUDED.title,
				    excerpt = EXCLUDED.excerpt, published_at = EXCLUDED.published_at, type = EXCLUDED.type,
				    quality = EXCLUDED.quality, heat = EXCLUDED.heat, published = EXCLUDED.published,
				    category = EXCLUDED.category, web_url = EXCLUDED.web_url, amp_web_url = EXCLUDED.amp_web_url,
				    cdn_amp_web_url = EXCLUDED.cdn_amp_web_url, provider_name = EXCLUDED.provider_name,
				    provider_domain = EXCLUDED.provider_domain, topics = EXCLUDED.topics,
				    secured_sha256 = EXCLUDED.secured_sha256, extra = EXCLUDED.extra, last_ingested_at = now(),
				    last_ingest_execution_id = EXCLUDED.last_ingest_execution_id, gone_at = NULL
				""", new BatchPreparedStatementSetter() {

			@Override
			public void setValues(PreparedStatement ps, int i) throws SQLException {
				setArticle(ps, articles.get(i), ids.get(i), executionId);
			}

			@Override
			public int getBatchSize() {
				return articles.size();
			}

		});
	}

	/** Replaces the child rows (related articles, images, links) of the given articles. */
	public void replaceChildren(List<Article> articles, List<Long> ids) {
		this.jdbc.execute((Connection con) -> {
			Array idArray = con.createArrayOf("bigint", ids.toArray());
			for (String table : List.of("related_article", "article_image", "article_link")) {
				try (PreparedStatement ps = con.prepareStatement("DELETE FROM newsprobe." + table + " WHERE article_id = ANY(?)")) {
					ps.setArray(1, idArray);
					ps.executeUpdate();
				}
			}
			insertRelated(con, articles, ids);
			insertImages(con, articles, ids);
			insertLinks(con, articles, ids);
			return null;
		});
	}

	/**
	 * Records every distinct URL not yet known: valid ones due for probing now, invalid ones with
	 * their offline verdict and never due.
	 * @return how many URLs were new
	 */
	public int insertUrls(Collection<Article> articles, long executionId) {
		Map<String, String[]> urls = new TreeMap<>();
		for (Article article : articles) {
			for (ArticleLink link : article.links()) {
				String url = storedUrl(link);
				String kind = link.role().isImage() ? "image" : "page";
				urls.putIfAbsent(url, new String[] { kind, link.valid() ? null : "INVALID_URL",
						link.valid() ? null : "not a well-formed http(s) URL" });
			}
		}
		if (urls.isEmpty()) {
			return 0;
		}
		List<String> keys = new ArrayList<>(urls.keySet());
		Object[] kinds = keys.stream().map(key -> urls.get(key)[0]).toArray();
		Object[] verdicts = keys.stream().map(key -> urls.get(key)[1]).toArray();
		Object[] reasons = keys.stream().map(key -> urls.get(key)[2]).toArray();
		return this.jdbc.execute((Connection con) -> {
			try (PreparedStatement ps = con.prepareStatement("""
					INSERT INTO newsprobe.url_state (url, kind, verdict, verdict_reason, first_seen_at,
					    first_seen_execution_id, next_check_at)
					SELECT u.url, u.kind, u.verdict, u.reason, now(), ?, CASE WHEN u.verdict IS NULL THEN now() END
					FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(url, kind, verdict, reason)
					ON CONFLICT (url) DO NOTHING
					""")) {
				ps.setLong(1, executionId);
				ps.setArray(2, con.createArrayOf("text", keys.toArray()));
				ps.setArray(3, con.createArrayOf("text", kinds));
				ps.setArray(4, con.createArrayOf("text", verdicts));
				ps.setArray(5, con.createArrayOf("text", reasons));
				return ps.executeUpdate();
			}
		});
	}

	/**
	 * Paths of live articles declaring each of the given web URLs. Takes a transaction-scoped lock
	 * per web URL first (in one fixed order, so two transactions never wait on each other in a
	 * cycle): when two ingest partitions write files sharing a web URL at the same moment, the
	 * second waits for the first to commit and so sees its file, and the duplicate is reported
	 * exactly as the single step would report it.
	 */
	public Map<String, List<String>> livePathsByWebUrl(Collection<String> webUrls) {
		Map<String, List<String>> paths = new HashMap<>();
		if (webUrls.isEmpty()) {
			return paths;
		}
		this.jdbc.query("""
				-- first key: newsprobe's namespace of web-URL locks, apart from any other advisory lock
				SELECT pg_advisory_xact_lock(1852862050, k.key)
				FROM (SELECT DISTINCT hashtext(u) AS key FROM unnest(?::text[]) AS u ORDER BY 1) AS k
				""", ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", webUrls.stream().map(DbText::clean).toArray())),
				rs -> {
				});
		this.jdbc.query("SELECT web_url, path FROM newsprobe.article WHERE gone_at IS NULL AND web_url = ANY(?) ORDER BY path",
				ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", webUrls.stream().map(DbText::clean).toArray())),
				rs -> {
					paths.computeIfAbsent(rs.getString(1), key -> new ArrayList<>()).add(rs.getString(2));
				});
		return paths;
	}

	/** One ingest problem to record. */
	public record Problem(String path, int line, String code, boolean rejected, String reason) {
	}

	/** Records ingest problems of one job execution. */
	public void insertProblems(List<Problem> problems, long executionId) {
		if (problems.isEmpty()) {
			return;
		}
		this.jdbc.execute((Connection con) -> {
			try (PreparedStatement ps = con.prepareStatement("""
					INSERT INTO newsprobe.ingest_error (job_execution_id, path, line, code, rejected, reason)
					SELECT ?, p.path, NULLIF(p.line, 0), p.code, p.rejected, p.reason
					FROM unnest(?::text[], ?::int[], ?::text[], ?::boolean[], ?::text[]) AS p(path, line, code, rejected, reason)
					""")) {
				ps.setLong(1, executionId);
				ps.setArray(2, con.createArrayOf("text", problems.stream().map(p -> DbText.clean(p.path())).toArray()));
				ps.setArray(3, con.createArrayOf("int4", problems.stream().map(Problem::line).toArray()));
				ps.setArray(4, con.createArrayOf("text", problems.stream().map(Problem::code).toArray()));
				ps.setArray(5, con.createArrayOf("bool", problems.stream().map(Problem::rejected).toArray()));
				ps.setArray(6, con.createArrayOf("text", problems.stream().map(p -> DbText.clean(p.reason())).toArray()));
				ps.executeUpdate();
			}
			return null;
		});
	}

	/** A live article whose file may have disappeared. */
	public record LiveArticle(long id, String path) {
	}

	/** Visits the live articles under a root (a directory or a single file). */
	public void forEachLiveUnder(String root, java.util.function.Consumer<LiveArticle> visitor) {
		String prefix = root.endsWith("/") ? root : root + "/";
		this.jdbc.query(con -> {
			PreparedStatement ps = con.prepareStatement(
					"SELECT id, path FROM newsprobe.article WHERE gone_at IS NULL AND (path = ? OR starts_with(path, ?)) ORDER BY path");
			ps.setFetchSize(1000);
			ps.setString(1, root);
			ps.setString(2, prefix);
			return ps;
		}, rs -> {
			visitor.accept(new LiveArticle(rs.getLong(1), rs.getString(2)));
		});
	}

	/** Marks articles gone. */
	public void markGone(List<Long> ids) {
		if (ids.isEmpty()) {
			return;
		}
		this.jdbc.update("UPDATE newsprobe.article SET gone_at = now() WHERE id = ANY(?) AND gone_at IS NULL",
				ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", ids.toArray())));
	}

	/** Counts for run summaries. */
	public interface Counts {

		/** Files rejected by a job execution. */
		long rejectedIn(long executionId);

		/** Non-rejecting problems recorded by a job execution. */
		long warningsIn(long executionId);

		/** URLs first seen by a job execution. */
		long newUrlsIn(long executionId);

		/** Distinct URLs known. */
		long totalUrls();

		/** Files whose current content is rejected. */
		long rejectedFiles();

	}

	/** The counts of the run summary, read from the tables. */
	public Counts counts() {
		return new Counts() {

			@Override
			public long rejectedIn(long executionId) {
				return count("SELECT count(*) FROM newsprobe.ingest_error WHERE job_execution_id = ? AND rejected", executionId);
			}

			@Override
			public long warningsIn(long executionId) {
				return count("SELECT count(*) FROM newsprobe.ingest_error WHERE job_execution_id = ? AND NOT rejected", executionId);
			}

			@Override
			public long newUrlsIn(long executionId) {
				return count("SELECT count(*) FROM newsprobe.url_state WHERE first_seen_execution_id = ?", executionId);
			}

			@Override
			public long totalUrls() {
				return count("SELECT count(*) FROM newsprobe.url_state");
			}

			@Override
			public long rejectedFiles() {
				return count("SELECT count(*) FROM newsprobe.rejected_file");
			}

		};
	}

	private long count(String sql, Object... args) {
		Long count = this.jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

	private static void setArticle(PreparedStatement ps, Article article, long id, long executionId) throws SQLException {
		ps.setLong(1, id);
		ps.setString(2, DbText.clean(article.path()));
		ps.setString(3, article.contentHash());
		ps.setString(4, DbText.clean(article.title()));
		ps.setString(5, DbText.clean(article.excerpt()));
		ps.setObject(6, article.publishedAt(), Types.TIMESTAMP_WITH_TIMEZONE);
		ps.setString(7, DbText.clean(article.type()));
		ps.setObject(8, article.quality(), Types.INTEGER);
		ps.setObject(9, article.heat(), Types.INTEGER);
		ps.setObject(10, article.published(), Types.BOOLEAN);
		ps.setString(11, DbText.clean(article.category()));
		ps.setString(12, DbText.clean(article.webUrl()));
		ps.setString(13, DbText.clean(article.ampWebUrl()));
		ps.setString(14, DbText.clean(article.cdnAmpWebUrl()));
		ps.setString(15, (article.provider() != null) ? DbText.clean(article.provider().name()) : null);
		ps.setString(16, (article.provider() != null) ? DbText.clean(article.provider().domain()) : null);
		ps.setArray(17, ps.getConnection().createArrayOf("text", article.topics().stream().map(DbText::clean).toArray()));
		ps.setString(18, article.securedSha256());
		ps.setString(19, DbText.clean(PlainJson.write(article.extra())));
		ps.setLong(20, executionId);
	}

	private static void insertRelated(Connection con, List<Article> articles, List<Long> ids) throws SQLException {
		Columns rows = new Columns(12);
		for (int a = 0; a < articles.size(); a++) {
			List<RelatedArticle> related = articles.get(a).related();
			for (int i = 0; i < related.size(); i++) {
				RelatedArticle r = related.get(i);
				rows.add(ids.get(a), i, DbText.clean(r.title()), DbText.clean(r.excerpt()),
						r.publishedAt(), DbText.clean(r.webUrl()),
						DbText.clean(r.ampWebUrl()), DbText.clean(r.cdnAmpWebUrl()), DbText.clean(r.type()),
						(r.provider() != null) ? DbText.clean(r.provider().name()) : null,
						(r.provider() != null) ? DbText.clean(r.provider().domain()) : null, r.quality());
			}
		}
		rows.copy(con, "related_article", "article_id, position, title, excerpt, published_at, web_url, amp_web_url, "
				+ "cdn_amp_web_url, type, provider_name, provider_domain, quality");
	}

	private static void insertImages(Connection con, List<Article> articles, List<Long> ids) throws SQLException {
		Columns rows = new Columns(9);
		for (int a = 0; a < articles.size(); a++) {
			Article article = articles.get(a);
			int position = 0;
			List<List<ArticleImage>> groups = new ArrayList<>();
			groups.add(article.images());
			article.related().forEach(r -> groups.add(r.images()));
			for (int g = 0; g < groups.size(); g++) {
				for (ArticleImage image : groups.get(g)) {
					if (image.url() == null || image.url().isBlank()) {
						continue;
					}
					CheckedUrl url = image.checkedUrl();
					rows.add(ids.get(a), position++, (g == 0) ? null : g - 1,
							url.valid() ? url.normalized() : shorten(DbText.clean(url.raw().strip())),
							image.declaredWidth(), image.declaredHeight(), image.declaredIsCached(), DbText.clean(image.title()),
							image.line());
				}
			}
		}
		rows.copy(con, "article_image",
				"article_id, position, related_position, url, declared_width, declared_height, declared_is_cached, title, line");
	}

	private static void insertLinks(Connection con, List<Article> articles, List<Long> ids) throws SQLException {
		Columns rows = new Columns(7);
		for (int a = 0; a < articles.size(); a++) {
			List<ArticleLink> links = articles.get(a).links();
			for (int i = 0; i < links.size(); i++) {
				ArticleLink link = links.get(i);
				rows.add(ids.get(a), i, storedUrl(link), link.role().columnValue(), link.relatedPosition(), link.valid(),
						link.line());
			}
		}
		rows.copy(con, "article_link", "article_id, position, url, role, related_position, valid, line");
	}

	/** The URL as stored: normalised when valid, cleaned and shortened when not. */
	static String storedUrl(ArticleLink link) {
		return link.valid() ? link.url() : shorten(DbText.clean(link.url()));
	}

	private static String shorten(String text) {
		return (text.length() <= MAX_INVALID_URL_LENGTH) ? text : text.substring(0, MAX_INVALID_URL_LENGTH - 1) + "\u2026";
	}

	/**
	 * Rows for one {@code COPY ... FROM STDIN}, in COPY's text format. COPY costs the server
	 * less than an {@code INSERT} of the same rows (no statement per row, heap pages filled in
	 * batches), and the rows need no array literal built by the driver.
	 */
	private static final class Columns {

		private final StringBuilder text = new StringBuilder(8192);

		private final int count;

		private int rows;

		Columns(int count) {
			this.count = count;
		}

		void add(Object... values) {
			if (values.length != this.count) {
				throw new IllegalArgumentException("expected " + this.count + " values, got " + values.length);
			}
			for (int i = 0; i < values.length; i++) {
				if (i > 0) {
					this.text.append('\t');
				}
				append(values[i]);
			}
			this.text.append('\n');
			this.rows++;
		}

		void copy(Connection con, String table, String columns) throws SQLException {
			if (this.rows == 0) {
				return;
			}
			byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
			try {
				con.unwrap(PGConnection.class)
					.getCopyAPI()
					.copyIn("COPY newsprobe." + table + " (" + columns + ") FROM STDIN", new ByteArrayInputStream(bytes));
			}
			catch (IOException ex) {
				throw new SQLException("could not send the rows of " + table, ex);
			}
		}

		private void append(Object value) {
			if (value == null) {
				this.text.append("\\N");
			}
			else if (value instanceof Boolean bool) {
				this.text.append(bool ? 't' : 'f');
			}
			else if (value instanceof Number number) {
				this.text.append(number);
			}
			else if (value instanceof OffsetDateTime time) {
				this.text.append(time);
			}
			else {
				escape(value.toString());
			}
		}

		/** COPY's text format: backslash, tab, newline and carriage return escaped. */
		private void escape(String value) {
			int first = 0;
			while (first < value.length() && !isEscaped(value.charAt(first))) {
				first++;
			}
			// most texts hold nothing to escape: appended whole
			this.text.append(value, 0, first);
			for (int i = first; i < value.length(); i++) {
				char c = value.charAt(i);
				switch (c) {
					case '\\' -> this.text.append("\\\\");
					case '\t' -> this.text.append("\\t");
					case '\n' -> this.text.append("\\n");
					case '\r' -> this.text.append("\\r");
					default -> this.text.append(c);
				}
			}
		}

		private static boolean isEscaped(char c) {
			return c == '\\' || c == '\t' || c == '\n' || c == '\r';
		}

	}

}
