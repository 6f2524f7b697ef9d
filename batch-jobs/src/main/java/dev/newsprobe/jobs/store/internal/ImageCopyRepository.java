package dev.newsprobe.jobs.store.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.newsprobe.core.store.CopyState;
import dev.newsprobe.core.store.ImageCopy;
import dev.newsprobe.core.store.MirrorOutcome;
import dev.newsprobe.jobs.store.MirrorCandidate;
import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Reads the image URLs due for mirroring and records the copies in {@code image_copy}.
 */
public final class ImageCopyRepository {

	private final JdbcTemplate jdbc;

	public ImageCopyRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * The next image URLs due, in the order of their MD5 (which interleaves hosts) after a given one.
	 * Only URLs cited by a live article are due:
	 * <ul>
	 * <li>never mirrored, or without a copy and past {@code next_check_at}: when their verdict is {@code OK};</li>
	 * <li>with a copy: past {@code next_check_at}, or re-probed since the copy was verified and found
	 * no longer {@code OK} or with other validators (the copy is revalidated the same night).</li>
	 * </ul>
	 * @param cutoff the moment the step started
	 * @param after the last URL already read ("" for the start)
	 * @param limit how many
	 * @return the URLs with their recorded copies
	 */
	public List<MirrorCandidate> due(Instant cutoff, String after, int limit) {
		Timestamp at = Timestamp.from(cutoff);
		return this.jdbc.query("""
				SELECT u.url, c.state, c.sha256, c.size_bytes, c.content_type, c.image_format, c.image_width, c.image_height,
				       c.etag, c.last_modified, c.stored_at, c.verified_at
				FROM newsprobe.url_state u
				LEFT JOIN newsprobe.image_copy c ON c.url = u.url
				WHERE u.kind = 'image' AND (newsprobe.probe_order(u.url), u.url)
				      > (coalesce(newsprobe.probe_order(nullif(?, '')), -9223372036854775808), ?)
				  AND CASE
				      WHEN c.url IS NULL THEN u.verdict = 'OK'
				      WHEN c.sha256 IS NULL THEN u.verdict = 'OK' AND c.next_check_at <= ?
				      ELSE c.next_check_at <= ?
				           OR (u.last_checked_at > c.verified_at
				               AND NOT (u.verdict = 'OK' AND u.etag IS NOT DISTINCT FROM c.etag
				                        AND u.last_modified IS NOT DISTINCT FROM c.last_modified))
				      END
				  AND EXISTS (SELECT 1 FROM newsprobe.article_link l JOIN newsprobe.article a ON a.id = l.article_id
				              WHERE l.url = u.url AND a.gone_at IS NULL)
				ORDER BY newsprobe.probe_order(u.url), u.url
				LIMIT ?
				""", (rs, row) -> new MirrorCandidate(rs.getString(1), rs.getString(2), copy(rs)),
				after, after, at, at, limit);
	}

	/**
	 * The URLs recorded as holding a copy, with its address.
	 * @return address by URL
	 */
	public Map<String, String> heldCopies() {
		Map<String, String> held = new LinkedHashMap<>();
		this.jdbc.query("SELECT url, sha256 FROM newsprobe.image_copy WHERE sha256 IS NOT NULL ORDER BY url",
				rs -> {
					held.put(rs.getString(1), rs.getString(2));
				});
		return held;
	}

	/**
	 * Records outcomes, one row per URL, replacing what was recorded; replaying the same outcomes
	 * writes the same rows.
	 * @param outcomes the outcomes
	 * @param executionId the job execution
	 * @param nextCheck when each outcome's URL is due again
	 */
	public void write(List<MirrorOutcome> outcomes, long executionId, Function<MirrorOutcome, Instant> nextCheck) {
		if (outcomes.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("""
				INSERT INTO newsprobe.image_copy (url, state, sha256, size_bytes, content_type, image_format, image_width,
				    image_height, etag, last_modified, stored_at, verified_at, reason, fetch_outcome, status_code,
				    last_attempt_at, next_check_at, consecutive_failures, last_execution_id)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (url) DO UPDATE SET state = EXCLUDED.state, sha256 = EXCLUDED.sha256,
				    size_bytes = EXCLUDED.size_bytes, content_type = EXCLUDED.content_type,
				    image_format = EXCLUDED.image_format, image_width = EXCLUDED.image_width,
				    image_height = EXCLUDED.image_height, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,
				    stored_at = EXCLUDED.stored_at, verified_at = EXCLUDED.verified_at, reason = EXCLUDED.reason,
				    fetch_outcome = EXCLUDED.fetch_outcome, status_code = EXCLUDED.status_code,
				    last_attempt_at = EXCLUDED.last_attempt_at, next_check_at = EXCLUDED.next_check_at,
				    consecutive_failures = CASE WHEN EXCLUDED.consecutive_failures = 0 THEN 0
				                                ELSE newsprobe.image_copy.consecutive_failures + 1 END,
				    last_execution_id = EXCLUDED.last_execution_id
				""", outcomes, outcomes.size(), (ps, outcome) -> {
					ImageCopy copy = outcome.copy();
					ps.setString(1, outcome.url());
					ps.setString(2, outcome.state().name());
					ps.setString(3, (copy != null) ? copy.sha256() : null);
					ps.setObject(4, (copy != null) ? copy.size() : null);
					ps.setString(5, (copy != null) ? DbText.clean(copy.contentType()) : null);
					ps.setString(6, (copy != null) ? copy.format() : null);
					ps.setObject(7, (copy != null) ? copy.width() : null);
					ps.setObject(8, (copy != null) ? copy.height() : null);
					ps.setString(9, (copy != null) ? DbText.clean(copy.etag()) : null);
					ps.setString(10, (copy != null) ? DbText.clean(copy.lastModified()) : null);
					ps.setTimestamp(11, (copy != null) ? timestamp(copy.storedAt()) : null);
					ps.setTimestamp(12, (copy != null) ? timestamp(copy.verifiedAt()) : null);
					ps.setString(13, DbText.clean(outcome.reason()));
					ps.setString(14, outcome.fetch().name());
					ps.setObject(15, (outcome.statusCode() > 0) ? outcome.statusCode() : null);
					ps.setTimestamp(16, Timestamp.from(outcome.checkedAt()));
					ps.setTimestamp(17, Timestamp.from(nextCheck.apply(outcome)));
					ps.setInt(18, (outcome.state() == CopyState.HELD) ? 0 : 1);
					ps.setLong(19, executionId);
				});
	}

	/**
	 * Records that the copies with these addresses are held no more.
	 * @param addresses the content addresses that left the store
	 * @param reason why
	 * @param nextCheck when their URLs are next tried
	 * @param executionId the job execution
	 * @return each URL whose copy was dropped, with its address and state before
	 */
	public List<Dropped> drop(Collection<String> addresses, String reason, Instant nextCheck, long executionId) {
		if (addresses.isEmpty()) {
			return List.of();
		}
		return this.jdbc.query("""
				WITH old AS (
				    SELECT url, sha256, state FROM newsprobe.image_copy WHERE sha256 = ANY (?::text[]) FOR UPDATE)
				UPDATE newsprobe.image_copy c SET state = 'EVICTED', sha256 = NULL, size_bytes = NULL, content_type = NULL,
				    image_format = NULL, image_width = NULL, image_height = NULL, etag = NULL, last_modified = NULL,
				    stored_at = NULL, verified_at = NULL, reason = ?, next_check_at = ?, last_execution_id = ?
				FROM old WHERE c.url = old.url
				RETURNING old.url, old.sha256, old.state
				""", (rs, row) -> new Dropped(rs.getString(1), rs.getString(2), rs.getString(3)),
				addresses.toArray(new String[0]), reason,
				Timestamp.from(nextCheck), executionId);
	}

	/**
	 * Of these addresses, those no URL's copy holds any more.
	 * @param addresses content addresses
	 * @return those unreferenced
	 */
	public List<String> unreferenced(Collection<String> addresses) {
		if (addresses.isEmpty()) {
			return List.of();
		}
		return this.jdbc.queryForList("""
				SELECT a FROM unnest(?::text[]) AS a
				WHERE NOT EXISTS (SELECT 1 FROM newsprobe.image_copy c WHERE c.sha256 = a)
				""", String.class, (Object) addresses.toArray(new String[0]));
	}

	/** How many URLs of one job execution ended in each state. */
	public Map<String, Long> stateCounts(long executionId) {
		Map<String, Long> counts = new LinkedHashMap<>();
		this.jdbc.query("""
				SELECT state, count(*) FROM newsprobe.image_copy WHERE last_execution_id = ? GROUP BY 1 ORDER BY 1
				""", rs -> {
					counts.put(rs.getString(1), rs.getLong(2));
				}, executionId);
		return counts;
	}

	/**
	 * A copy whose record changed outside the writer's outcomes.
	 *
	 * @param url the URL
	 * @param sha256 the address it held
	 * @param state its state before
	 */
	public record Dropped(String url, String sha256, String state) {
	}

	private static ImageCopy copy(ResultSet rs) throws SQLException {
		String sha256 = rs.getString(3);
		if (sha256 == null) {
			return null;
		}
		return new ImageCopy(sha256, rs.getLong(4), rs.getString(5), rs.getString(6), (Integer) rs.getObject(7),
				(Integer) rs.getObject(8), rs.getString(9), rs.getString(10), instant(rs.getTimestamp(11)),
				instant(rs.getTimestamp(12)));
	}

	private static Instant instant(Timestamp timestamp) {
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}


}
