package dev.newsprobe.jobs.ingest.internal;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.jobs.support.DbText;
import dev.newsprobe.jobs.support.PlainJson;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code article} table: one row per article file ever ingested, marked gone when its file vanishes. */
public final class ArticleRepository {

	private final JdbcTemplate jdbc;

	public ArticleRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Fresh article ids, one per new article. */
	public List<Long> allocateIds(int count) {
		if (count == 0) {
			return List.of();
		}
		return this.jdbc.queryForList("SELECT nextval('newsprobe.article_id_seq') FROM generate_series(1, ?)", Long.class,
				count);
	}

	/**
	 * Inserts or replaces the article rows (by path); a re-ingested file is no longer gone.
	 * @param articles the articles
	 * @param extraJson each article's unknown keys as JSON, as {@link PlainJson} writes them
	 * @param ids their ids
	 * @param executionId the job execution writing them
	 */
	public void upsert(List<Article> articles, List<String> extraJson, List<Long> ids, long executionId) {
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
				set(ps, articles.get(i), extraJson.get(i), ids.get(i), executionId);
			}

			@Override
			public int getBatchSize() {
				return articles.size();
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

	/** A live article whose file may have disappeared. */
	public record LiveArticle(long id, String path) {
	}

	/** Visits the live articles under a root (a directory or a single file), in path order. */
	public void forEachLiveUnder(String root, Consumer<LiveArticle> visitor) {
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

	private static void set(PreparedStatement ps, Article article, String extraJson, long id, long executionId)
			throws SQLException {
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
		ps.setString(19, DbText.clean(extraJson));
		ps.setLong(20, executionId);
	}

}
