package dev.newsprobe.jobs.ingest.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.files.FileKind;
import dev.newsprobe.core.files.FileStat;
import dev.newsprobe.jobs.ingest.KnownArticle;
import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What the database knows of a batch of article files, in one query: the live or gone article, the
 * rejected content, and the stat of the last read ({@code article}, {@code rejected_file},
 * {@code file_stat}).
 */
public final class KnownFileRepository {

	private final JdbcTemplate jdbc;

	public KnownFileRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The stored state of those of the given paths already seen (ingested or rejected). */
	public Map<String, KnownArticle> find(List<String> paths) {
		Map<String, KnownArticle> known = new HashMap<>();
		if (paths.isEmpty()) {
			return known;
		}
		this.jdbc.query("""
				SELECT p.path, a.id, a.content_hash, a.gone_at IS NOT NULL, r.content_hash,
				       s.size_bytes, s.modified_ns, s.changed_ns, s.device, s.inode, s.content_hash, s.stated_at
				FROM unnest(?::text[]) AS p(path)
				LEFT JOIN newsprobe.article a ON a.path = p.path
				LEFT JOIN newsprobe.rejected_file r ON r.path = p.path
				LEFT JOIN newsprobe.file_stat s ON s.path = p.path
				WHERE a.id IS NOT NULL OR r.path IS NOT NULL
				""", ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", paths.stream().map(DbText::clean).toArray())),
				rs -> {
					long id = rs.getLong(2);
					Long articleId = rs.wasNull() ? null : id;
					known.put(rs.getString(1), new KnownArticle(articleId, rs.getString(3), rs.getBoolean(4), rs.getString(5),
							lastRead(rs), rs.getString(11)));
				});
		return known;
	}

	private static FileStat lastRead(ResultSet rs) throws SQLException {
		long size = rs.getLong(6);
		if (rs.wasNull()) {
			return null;
		}
		return new FileStat(FileKind.REGULAR, size, rs.getLong(7), rs.getLong(8), rs.getLong(9), rs.getLong(10), 1, -1, -1,
				rs.getTimestamp(12).toInstant());
	}

}
