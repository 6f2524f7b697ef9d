package dev.newsprobe.jobs.auditlog;

import java.util.List;

import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The append-only {@code audit_event} table: every change newsprobe makes, with the job execution
 * and step that made it. Written in the caller's transaction, so a rolled-back chunk leaves no
 * event behind and a replayed one writes its events once.
 */
public final class AuditLog {

	private final JdbcTemplate jdbc;

	public AuditLog(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Appends changes.
	 * @param changes the changes
	 * @param executionId the job execution making them
	 * @param stepName the step making them
	 */
	public void record(List<Change> changes, long executionId, String stepName) {
		if (changes.isEmpty()) {
			return;
		}
		this.jdbc.batchUpdate("""
				INSERT INTO newsprobe.audit_event (job_execution_id, step_name, entity, entity_key, field, old_value, new_value)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				""", changes, changes.size(), (ps, change) -> {
					ps.setLong(1, executionId);
					ps.setString(2, stepName);
					ps.setString(3, change.entity());
					ps.setString(4, DbText.clean(change.key()));
					ps.setString(5, change.field());
					ps.setString(6, DbText.clean(change.oldValue()));
					ps.setString(7, DbText.clean(change.newValue()));
				});
	}

}
