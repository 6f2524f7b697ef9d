package dev.newsprobe.jobs.ingest.internal;

import java.sql.Timestamp;
import java.util.Collection;
import java.util.List;

import dev.newsprobe.core.files.FileStat;
import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code file_stat} table: what each article file's stat was when ingest last read it, and the
 * hash of what it read, so that an unchanged file is recognised without being read again. A cache:
 * a row lost or stale costs one read of the file, never a wrong answer.
 */
public final class FileStatRepository {

	private final JdbcTemplate jdbc;

	public FileStatRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * A file as it was read.
	 *
	 * @param path the file
	 * @param stat its stat just before it was read
	 * @param contentHash the hash of what was read
	 */
	public record StatRow(String path, FileStat stat, String contentHash) {
	}

	/** Records the stats of files read, replacing what was known of them. */
	public void upsert(Collection<StatRow> rows) {
		if (rows.isEmpty()) {
			return;
		}
		List<StatRow> list = List.copyOf(rows);
		this.jdbc.batchUpdate("""
				INSERT INTO newsprobe.file_stat (path, size_bytes, modified_ns, changed_ns, device, inode, content_hash, stated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (path) DO UPDATE SET size_bytes = EXCLUDED.size_bytes, modified_ns = EXCLUDED.modified_ns,
				    changed_ns = EXCLUDED.changed_ns, device = EXCLUDED.device, inode = EXCLUDED.inode,
				    content_hash = EXCLUDED.content_hash, stated_at = EXCLUDED.stated_at
				""", list, list.size(), (ps, row) -> {
					FileStat stat = row.stat();
					ps.setString(1, DbText.clean(row.path()));
					ps.setLong(2, stat.size());
					ps.setLong(3, stat.modifiedNanos());
					ps.setLong(4, stat.changedNanos());
					ps.setLong(5, stat.device());
					ps.setLong(6, stat.inode());
					ps.setString(7, row.contentHash());
					ps.setTimestamp(8, Timestamp.from(stat.takenAt()));
				});
	}

	/** Forgets the stats of files that are gone. */
	public void forget(Collection<String> paths) {
		if (paths.isEmpty()) {
			return;
		}
		this.jdbc.update("DELETE FROM newsprobe.file_stat WHERE path = ANY(?)",
				ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", paths.stream().map(DbText::clean).toArray())));
	}

}
