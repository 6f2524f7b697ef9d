package dev.newsprobe.jobs.ingest.internal;

import org.springframework.jdbc.core.JdbcTemplate;

/** The counts of a run's ingest summary, read from the result tables. */
public final class IngestCountRepository {

	private final JdbcTemplate jdbc;

	public IngestCountRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Files rejected by a job execution. */
	public long rejectedIn(long executionId) {
		return count("SELECT count(*) FROM newsprobe.ingest_error WHERE job_execution_id = ? AND rejected", executionId);
	}

	/** Non-rejecting problems recorded by a job execution. */
	public long warningsIn(long executionId) {
		return count("SELECT count(*) FROM newsprobe.ingest_error WHERE job_execution_id = ? AND NOT rejected", executionId);
	}

	/** URLs first seen by a job execution. */
	public long newUrlsIn(long executionId) {
		return count("SELECT count(*) FROM newsprobe.url_state WHERE first_seen_execution_id = ?", executionId);
	}

	/** Distinct URLs known. */
	public long totalUrls() {
		return count("SELECT count(*) FROM newsprobe.url_state");
	}

	/** Files whose current content is rejected. */
	public long rejectedFiles() {
		return count("SELECT count(*) FROM newsprobe.rejected_file");
	}

	private long count(String sql, Object... args) {
		Long count = this.jdbc.queryForObject(sql, Long.class, args);
		return (count != null) ? count : 0;
	}

}
