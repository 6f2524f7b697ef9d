package dev.newsprobe.jobs.ingest.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;

import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code ingest_error} table: every problem found in a file, per run, one statement per chunk. */
public final class IngestErrorRepository {

	private final JdbcTemplate jdbc;

	public IngestErrorRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One ingest problem to record.
	 *
	 * @param path the file (or input root)
	 * @param line the line, 0 for the whole file
	 * @param code the finding code
	 * @param rejected whether the file was kept out
	 * @param reason what is wrong and what to do
	 */
	public record Problem(String path, int line, String code, boolean rejected, String reason) {
	}

	/** Records ingest problems of one job execution. */
	public void insert(List<Problem> problems, long executionId) {
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

}
