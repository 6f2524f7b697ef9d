package dev.newsprobe.jobs.operate.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import dev.newsprobe.jobs.operate.Heartbeat;
import dev.newsprobe.jobs.operate.ProcessIdentity;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The {@code execution_heartbeat} table. Every statement runs in its own transaction, apart
 * from the chunks of the step, so a beat is visible at once and a rolled-back chunk loses none.
 * Times are the database's, so processes on hosts with skewed clocks agree on a heartbeat's age.
 */
public final class HeartbeatRepository {

	private final JdbcTemplate jdbc;

	public HeartbeatRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records that a process has begun running an execution. */
	public void register(long executionId, ProcessIdentity process) {
		this.jdbc.update("""
				INSERT INTO newsprobe.execution_heartbeat (job_execution_id, host, pid, process_started_at)
				VALUES (?, ?, ?, ?)
				ON CONFLICT (job_execution_id) DO UPDATE SET host = excluded.host, pid = excluded.pid,
				    process_started_at = excluded.process_started_at, started_at = now(), beat_at = now(), ended_at = NULL
				""", executionId, process.host(), process.pid(),
				(process.startedAt() != null) ? Timestamp.from(process.startedAt()) : null);
	}

	/** Records that the executions are still alive. */
	public void beat(Collection<Long> executionIds) {
		if (executionIds.isEmpty()) {
			return;
		}
		this.jdbc.update("UPDATE newsprobe.execution_heartbeat SET beat_at = now() WHERE job_execution_id = ANY (?)",
				ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", executionIds.toArray())));
	}

	/** Records that the execution's run in its process has ended (its status may still be written after). */
	public void ended(long executionId) {
		this.jdbc.update("UPDATE newsprobe.execution_heartbeat SET beat_at = now(), ended_at = now() WHERE job_execution_id = ?",
				executionId);
	}

	/** The heartbeats of the executions that have one. */
	public Map<Long, Heartbeat> find(Collection<Long> executionIds) {
		Map<Long, Heartbeat> found = new HashMap<>();
		if (executionIds.isEmpty()) {
			return found;
		}
		this.jdbc.query("""
				SELECT job_execution_id, host, pid, process_started_at, started_at, beat_at, ended_at,
				       (extract(epoch FROM now() - beat_at) * 1000)::bigint AS age_ms
				FROM newsprobe.execution_heartbeat WHERE job_execution_id = ANY (?)
				""", ps -> ps.setArray(1, ps.getConnection().createArrayOf("bigint", executionIds.toArray())), rs -> {
			Timestamp processStart = rs.getTimestamp("process_started_at");
			ProcessIdentity process = new ProcessIdentity(rs.getString("host"), rs.getLong("pid"),
					(processStart != null) ? processStart.toInstant() : null);
			long id = rs.getLong("job_execution_id");
			found.put(id, new Heartbeat(id, process, rs.getTimestamp("started_at").toInstant(),
					rs.getTimestamp("beat_at").toInstant(), Duration.ofMillis(Math.max(0, rs.getLong("age_ms"))),
					(rs.getTimestamp("ended_at") != null) ? rs.getTimestamp("ended_at").toInstant() : null));
		});
		return found;
	}

}
