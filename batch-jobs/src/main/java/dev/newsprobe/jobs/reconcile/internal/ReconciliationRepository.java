package dev.newsprobe.jobs.reconcile.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reconciles article images' declared {@code isCached} with the verified state, a range of
 * articles per statement, set-based: one statement computes every image's state, upserts the
 * disagreements and unknowns into {@code image_reconciliation}, drops the rows that now agree or
 * whose image is gone, and appends an {@code audit_event} for each image whose state changed since
 * the stored one. Running it twice on the same data changes nothing the second time, so a replayed
 * range is harmless.
 */
public final class ReconciliationRepository {

	/**
	 * The state of each image of live articles in a range of article ids, and the verified state
	 * from {@code newsprobe.image_verified_cached}, the one place that decides it.
	 */
	private static final String RECONCILE = """
			WITH cur AS (
			    SELECT i.article_id, i.position, i.url, i.declared_is_cached AS declared, v.verified, s.verdict, a.path,
			           CASE WHEN i.declared_is_cached IS NULL THEN 'UNDECLARED'
			                WHEN v.verified IS NULL THEN 'UNKNOWN'
			                WHEN i.declared_is_cached = v.verified THEN 'AGREE'
			                ELSE 'DISAGREE' END AS state
			    FROM newsprobe.article_image i
			    JOIN newsprobe.article a ON a.id = i.article_id AND a.gone_at IS NULL
			    LEFT JOIN newsprobe.url_state s ON s.url = i.url
			    CROSS JOIN LATERAL (SELECT newsprobe.image_verified_cached(s, ?) AS verified) v
			    WHERE i.article_id > ? AND i.article_id <= ?
			),
			prev AS (
			    SELECT r.article_id, r.position, r.state
			    FROM newsprobe.image_reconciliation r
			    WHERE r.article_id > ? AND r.article_id <= ?
			),
			diff AS (
			    SELECT COALESCE(c.article_id, p.article_id) AS article_id, COALESCE(c.position, p.position) AS position,
			           c.url, c.declared, c.verified, c.verdict, c.path, c.state AS new_state, p.state AS old_state,
			           CASE WHEN c.state IN ('DISAGREE', 'UNKNOWN') THEN c.state END AS kept_state
			    FROM cur c FULL JOIN prev p ON p.article_id = c.article_id AND p.position = c.position
			),
			kept AS (
			    INSERT INTO newsprobe.image_reconciliation AS r (article_id, position, url, declared_is_cached,
			        verified_cached, verdict, state, since_execution_id, since_at, last_execution_id, last_reconciled_at)
			    SELECT d.article_id, d.position, d.url, d.declared, d.verified, d.verdict, d.kept_state, ?, now(), ?, now()
			    FROM diff d WHERE d.kept_state IS NOT NULL
			    ON CONFLICT (article_id, position) DO UPDATE SET
			        url = EXCLUDED.url, declared_is_cached = EXCLUDED.declared_is_cached,
			        verified_cached = EXCLUDED.verified_cached, verdict = EXCLUDED.verdict,
			        since_execution_id = CASE WHEN r.state = EXCLUDED.state THEN r.since_execution_id ELSE EXCLUDED.since_execution_id END,
			        since_at = CASE WHEN r.state = EXCLUDED.state THEN r.since_at ELSE EXCLUDED.since_at END,
			        state = EXCLUDED.state,
			        last_execution_id = EXCLUDED.last_execution_id, last_reconciled_at = EXCLUDED.last_reconciled_at
			    RETURNING 1
			),
			dropped AS (
			    DELETE FROM newsprobe.image_reconciliation r USING diff d
			    WHERE r.article_id = d.article_id AND r.position = d.position AND d.old_state IS NOT NULL
			      AND d.kept_state IS NULL
			    RETURNING 1
			),
			audited AS (
			    INSERT INTO newsprobe.audit_event (job_execution_id, step_name, entity, entity_key, field, old_value, new_value)
			    SELECT ?, ?, 'image', d.path || '#' || d.position, 'is_cached_reconciliation', d.old_state, d.new_state
			    FROM diff d
			    WHERE d.new_state IS NOT NULL AND d.kept_state IS DISTINCT FROM d.old_state
			    RETURNING 1
			)
			SELECT (SELECT count(*) FROM cur), (SELECT count(*) FROM cur WHERE state = 'DISAGREE'),
			       (SELECT count(*) FROM audited), (SELECT count(*) FROM kept), (SELECT count(*) FROM dropped)
			""";

	private final JdbcTemplate jdbc;

	private final boolean requireCopy;

	/**
	 * @param jdbc the database
	 * @param requireCopy whether the image store is in use: an image is then verified cached only
	 * when the store also holds a current copy ({@code image_copy_current})
	 */
	public ReconciliationRepository(JdbcTemplate jdbc, boolean requireCopy) {
		this.jdbc = jdbc;
		this.requireCopy = requireCopy;
	}

	/**
	 * The upper end of the next range of at most {@code size} article ids after {@code after}, or
	 * {@code null} when no article is left. Gone articles count, so their old rows are dropped.
	 */
	public Long nextRangeEnd(long after, int size) {
		return this.jdbc.queryForObject(
				"SELECT max(id) FROM (SELECT id FROM newsprobe.article WHERE id > ? ORDER BY id LIMIT ?) ids", Long.class,
				after, size);
	}

	/**
	 * Reconciles the images of the articles with ids in {@code (after, upTo]}.
	 * @return what was done
	 */
	public RangeResult reconcile(long after, long upTo, long executionId, String stepName) {
		return this.jdbc.queryForObject(RECONCILE,
				(rs, row) -> new RangeResult(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)),
				this.requireCopy, after, upTo, after, upTo, executionId, executionId, executionId, stepName);
	}

	/** Stored images by state (only disagreements and unknowns are stored). */
	public Map<String, Long> stateCounts() {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query("SELECT state, count(*) FROM newsprobe.image_reconciliation GROUP BY 1 ORDER BY 1",
				rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				});
		return counts;
	}

	/**
	 * How many images of live articles are served but have a declared size that could not be verified, because
	 * their own size could not be read: counted apart from verified ones ({@code v_image_size_checks}).
	 */
	public long sizesUnverified() {
		return this.jdbc.queryForObject(
				"SELECT count(*) FROM newsprobe.v_image_size_checks WHERE size_state = 'unverified'", Long.class);
	}

	/** How many images' state a job execution found changed. */
	public long changes(long executionId) {
		return this.jdbc.queryForObject("SELECT count(*) FROM newsprobe.audit_event WHERE job_execution_id = ? AND entity = 'image'"
				+ " AND field = 'is_cached_reconciliation'", Long.class, executionId);
	}

	/**
	 * What reconciling one range did.
	 *
	 * @param images images of live articles compared
	 * @param disagreements of which disagree
	 * @param changes images whose state changed (one audit event each)
	 * @param stored rows written (disagreements and unknowns)
	 * @param dropped rows removed (now agreeing, undeclared, or gone)
	 */
	public record RangeResult(long images, long disagreements, long changes, long stored, long dropped) {
	}

}
