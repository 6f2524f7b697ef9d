package dev.newsprobe.jobs.writeback.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.newsprobe.jobs.support.DbText;
import dev.newsprobe.jobs.writeback.WriteBackItem;
import org.springframework.jdbc.core.JdbcTemplate;

/** Reads what write-back should change, and records what it could not. */
public final class WriteBackRepository {

	private final JdbcTemplate jdbc;

	private final boolean requireCopy;

	/**
	 * @param jdbc the database
	 * @param requireCopy whether the image store is in use: an image is then verified cached only
	 * when the store also holds a current copy ({@code image_copy_current})
	 */
	public WriteBackRepository(JdbcTemplate jdbc, boolean requireCopy) {
		this.jdbc = jdbc;
		this.requireCopy = requireCopy;
	}

	/** The highest article id, 0 when there is none. */
	public long maxArticleId() {
		Long max = this.jdbc.queryForObject("SELECT coalesce(max(id), 0) FROM newsprobe.article", Long.class);
		return (max != null) ? max : 0;
	}

	/**
	 * The files to write back among the articles with ids in {@code (after, upTo]}, in id order.
	 * <p>
	 * An image's declared {@code isCached} disagrees with the verified state when
	 * {@code newsprobe.image_verified_cached(url_state, storeEnabled)} (the one definition the reconcile steps and
	 * the analysts' views use too) is
	 * <ul>
	 * <li>true ({@code OK}, {@code MOVED}, {@code SIZE_MISMATCH}: the image is served) and
	 * {@code declared_is_cached} is not {@code true} (false, or absent: the flag is then added);</li>
	 * <li>false ({@code BROKEN}, {@code SOFT_404}, {@code NOT_AN_IMAGE}, {@code INVALID_URL}) and
	 * {@code declared_is_cached} is {@code true};</li>
	 * <li>null (not yet probed, or inconclusive: {@code TIMEOUT}, {@code BLOCKED}, ...): no edit.</li>
	 * </ul>
	 * This is the reconcile step's {@code DISAGREE} state, plus images that declare no flag at all.
	 * When {@code moved} is asked for, every front-matter URL (not the body's) whose verdict is
	 * {@code MOVED} with a known {@code final_url} is listed too. Live articles only, and not those
	 * whose current file is rejected (its rows describe older content), under the given roots.
	 * @param roots the input roots of the run, absolute and normalised
	 * @param after the last article id already handled
	 * @param upTo the last article id of this window
	 * @param cached whether to list isCached disagreements
	 * @param moved whether to list moved URLs
	 * @return one item per file with something to change
	 */
	public List<WriteBackItem> disagreements(List<String> roots, long after, long upTo, boolean cached, boolean moved) {
		Object[] prefixes = roots.stream().map(root -> root.endsWith("/") ? root : root + "/").toArray();
		Map<Long, Builder> items = new LinkedHashMap<>();
		this.jdbc.query("""
				WITH image_disagreement AS (
				    SELECT i.article_id, i.position, i.url, i.declared_is_cached AS declared, v.verified
				    FROM newsprobe.article_image i
				    JOIN newsprobe.url_state s ON s.url = i.url
				    CROSS JOIN LATERAL (SELECT newsprobe.image_verified_cached(s, ?) AS verified) v
				    WHERE ? AND i.article_id > ? AND i.article_id <= ?
				      AND ((v.verified AND i.declared_is_cached IS DISTINCT FROM true)
				        OR (NOT v.verified AND i.declared_is_cached))
				), moved AS (
				    SELECT DISTINCT l.article_id, l.url, s.final_url
				    FROM newsprobe.article_link l
				    JOIN newsprobe.url_state s ON s.url = l.url
				    WHERE ? AND l.article_id > ? AND l.article_id <= ?
				      AND l.role NOT IN ('body_link', 'body_image') AND l.valid
				      AND s.verdict = 'MOVED' AND s.final_url IS NOT NULL AND s.final_url <> l.url
				), wanted AS (
				    SELECT article_id, 0 AS kind, position, url, declared::text AS a, verified::text AS b FROM image_disagreement
				    UNION ALL
				    SELECT article_id, 1, NULL, url, final_url, NULL FROM moved
				)
				SELECT a.id, a.path, a.content_hash, w.kind, w.position, w.url, w.a, w.b
				FROM wanted w
				JOIN newsprobe.article a ON a.id = w.article_id
				WHERE a.gone_at IS NULL AND NOT EXISTS (SELECT 1 FROM newsprobe.rejected_file r WHERE r.path = a.path)
				  AND EXISTS (SELECT 1 FROM unnest(?::text[]) AS p(prefix) WHERE starts_with(a.path, p.prefix))
				ORDER BY a.id, w.kind, w.position, w.url
				""", rs -> {
					Builder item = items.get(rs.getLong(1));
					if (item == null) {
						item = new Builder(rs.getLong(1), rs.getString(2), rs.getString(3));
						items.put(item.id, item);
					}
					if (rs.getInt(4) == 0) {
						String declared = rs.getString(7);
						item.flags.add(new WriteBackItem.Flag(rs.getInt(5), rs.getString(6),
								(declared != null) ? Boolean.valueOf(declared) : null, Boolean.parseBoolean(rs.getString(8))));
					}
					else {
						item.moved.put(rs.getString(6), rs.getString(7));
					}
				}, this.requireCopy, cached, after, upTo, moved, after, upTo, new TextArray(prefixes));
		return items.values().stream().map(Builder::build).toList();
	}

	/** A file or value write-back left alone. */
	public record Refusal(long articleId, String path, String field, String code, String reason) {
	}

	/** Records what a job execution's write-back left alone, in the caller's transaction. */
	public void insertRefusals(List<Refusal> refusals, long executionId) {
		if (refusals.isEmpty()) {
			return;
		}
		this.jdbc.execute((Connection con) -> {
			try (PreparedStatement ps = con.prepareStatement("""
					INSERT INTO newsprobe.write_back_refusal (job_execution_id, article_id, path, field, code, reason)
					VALUES (?, ?, ?, ?, ?, ?)
					""")) {
				for (Refusal refusal : refusals) {
					ps.setLong(1, executionId);
					ps.setLong(2, refusal.articleId());
					ps.setString(3, DbText.clean(refusal.path()));
					ps.setString(4, DbText.clean(refusal.field()));
					ps.setString(5, refusal.code());
					ps.setString(6, DbText.clean(refusal.reason()));
					ps.addBatch();
				}
				ps.executeBatch();
			}
			return null;
		});
	}

	/** Takes back the audit events a write-back recorded for a file it then could not replace. */
	public void forgetChanges(long executionId, String stepName, String path) {
		this.jdbc.update("""
				DELETE FROM newsprobe.audit_event
				WHERE job_execution_id = ? AND step_name = ? AND (entity_key = ? OR starts_with(entity_key, ?))
				""", executionId, stepName, DbText.clean(path), DbText.clean(path) + "#");
	}

	/** Files rewritten, values changed and refusals of a job execution's write-back step. */
	public long[] counts(long executionId, String stepName) {
		Long files = this.jdbc.queryForObject("""
				SELECT count(*) FROM newsprobe.audit_event
				WHERE job_execution_id = ? AND step_name = ? AND entity = 'article' AND field = 'content_hash'
				""", Long.class, executionId, stepName);
		Long values = this.jdbc.queryForObject("""
				SELECT count(*) FROM newsprobe.audit_event
				WHERE job_execution_id = ? AND step_name = ? AND field <> 'content_hash'
				""", Long.class, executionId, stepName);
		Long refused = this.jdbc.queryForObject("SELECT count(*) FROM newsprobe.write_back_refusal WHERE job_execution_id = ?",
				Long.class, executionId);
		return new long[] { (files != null) ? files : 0, (values != null) ? values : 0, (refused != null) ? refused : 0 };
	}

	/** Binds a text[] parameter. */
	private record TextArray(Object[] values) implements org.springframework.jdbc.core.SqlTypeValue {

		@Override
		public void setTypeValue(PreparedStatement ps, int index, int sqlType, String typeName) throws SQLException {
			ps.setArray(index, ps.getConnection().createArrayOf("text", this.values));
		}

	}

	private static final class Builder {

		private final long id;

		private final String path;

		private final String hash;

		private final List<WriteBackItem.Flag> flags = new ArrayList<>();

		private final Map<String, String> moved = new LinkedHashMap<>();

		Builder(long id, String path, String hash) {
			this.id = id;
			this.path = path;
			this.hash = hash;
		}

		WriteBackItem build() {
			return new WriteBackItem(this.id, this.path, this.hash, this.flags, this.moved);
		}

	}

}
