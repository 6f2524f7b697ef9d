package dev.newsprobe.jobs.ingest.internal;

import java.util.Collection;
import java.util.List;

import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code rejected_file} table: files whose current content cannot be read, so an unchanged one is not parsed again. */
public final class RejectedFileRepository {

	private final JdbcTemplate jdbc;

	public RejectedFileRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** One rejected file. */
	public record RejectedFile(String path, String contentHash, String code, String reason) {
	}

	/** Remembers the files rejected in this chunk. */
	public void upsert(List<RejectedFile> files, long executionId) {
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
	public void forget(Collection<String> paths) {
		if (paths.isEmpty()) {
			return;
		}
		this.jdbc.update("DELETE FROM newsprobe.rejected_file WHERE path = ANY(?)",
				ps -> ps.setArray(1, ps.getConnection().createArrayOf("text", paths.stream().map(DbText::clean).toArray())));
	}

	/** Paths of rejected files under a root. */
	public List<String> under(String root) {
		String prefix = root.endsWith("/") ? root : root + "/";
		return this.jdbc.queryForList("SELECT path FROM newsprobe.rejected_file WHERE path = ? OR starts_with(path, ?)",
				String.class, root, prefix);
	}

}
