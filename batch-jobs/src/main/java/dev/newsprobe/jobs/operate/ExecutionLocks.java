package dev.newsprobe.jobs.operate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The fence around every running job execution: a PostgreSQL session advisory lock, keyed by the
 * execution's id, that the process running it holds for the run's whole life on a connection of
 * its own ({@link DedicatedConnections}). The server releases it the moment that session ends: when
 * the run ends, or when its process dies (at once on its own machine; on a machine that vanished,
 * when the server's TCP keepalives give up on it).
 * <p>
 * Whoever holds the lock is alive, whatever its heartbeat says: a run whose heartbeat is late (a
 * starved pool, a long garbage collection, a clock) is never taken for dead and restarted beside
 * itself ({@link RunningExecutions} asks here first).
 * <p>
 * The key is the two-int form {@code (}{@value #LOCK_CLASS}{@code , execution id)}; ids beyond
 * 2^31 wrap, which could only make two executions share a fence, never leave one without.
 */
public final class ExecutionLocks implements JobExecutionListener, AutoCloseable {

	/** The first half of every execution lock's key ({@code 'npex'}). */
	public static final int LOCK_CLASS = 0x6e706578;

	private static final Logger log = LoggerFactory.getLogger(ExecutionLocks.class);

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final ProcessIdentity process;

	private final Map<Long, Connection> held = new ConcurrentHashMap<>();

	ExecutionLocks(DataSource dataSource, ProcessIdentity process) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.process = process;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		long id = execution.getId();
		Connection connection = null;
		try {
			connection = DedicatedConnections.open(this.dataSource, "newsprobe execution " + id + " " + this.process);
			boolean taken;
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?, ?)")) {
				lock.setInt(1, LOCK_CLASS);
				lock.setInt(2, (int) id);
				try (ResultSet rs = lock.executeQuery()) {
					taken = rs.next() && rs.getBoolean(1);
				}
			}
			if (!taken) {
				connection.close();
				throw new IllegalStateException("job execution " + id + " is already held by another process ("
						+ holders(List.of(id)).get(id) + "); it is not run twice");
			}
			this.held.put(id, connection);
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new IllegalStateException("could not take the lock of job execution " + id + ": " + ex.getMessage(), ex);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// it failed already; the failure that brought us here is the one to report
			}
		}
	}

	@Override
	public void afterJob(JobExecution execution) {
		release(execution.getId());
	}

	/** Whether this process holds the lock of an execution. */
	public boolean holds(long executionId) {
		return this.held.containsKey(executionId);
	}

	/**
	 * Who holds the locks of executions, as the server sees it now: execution id to the holding
	 * session in words (its {@code application_name}, backend pid and client address). Executions
	 * whose lock nobody holds are absent.
	 */
	public Map<Long, String> holders(Collection<Long> executionIds) {
		Map<Long, String> holders = new HashMap<>();
		if (executionIds.isEmpty()) {
			return holders;
		}
		Map<Long, Long> byObjid = new HashMap<>();
		for (long id : executionIds) {
			byObjid.put(id & 0xffffffffL, id);
		}
		this.jdbc.query("""
				SELECT l.objid::bigint, coalesce(nullif(a.application_name, ''), 'a session') || ' (PostgreSQL backend '
				       || l.pid || coalesce(' at ' || host(a.client_addr), '') || ')'
				FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
				WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2 AND l.classid::bigint = ?
				  AND l.objid::bigint = ANY (?)
				  AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
				""", ps -> {
			ps.setLong(1, LOCK_CLASS & 0xffffffffL);
			ps.setArray(2, ps.getConnection().createArrayOf("bigint", byObjid.keySet().toArray()));
		}, rs -> {
			Long id = byObjid.get(rs.getLong(1));
			if (id != null) {
				holders.put(id, rs.getString(2));
			}
		});
		return holders;
	}

	@Override
	public void close() {
		List.copyOf(this.held.keySet()).forEach(this::release);
	}

	private void release(long executionId) {
		Connection connection = this.held.remove(executionId);
		if (connection == null) {
			return;
		}
		try (connection) {
			// closing alone releases it too; unlocking first says so to a server that keeps the session a while
			try (PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?, ?)")) {
				unlock.setInt(1, LOCK_CLASS);
				unlock.setInt(2, (int) executionId);
				unlock.execute();
			}
		}
		catch (SQLException ex) {
			log.warn("Could not release the lock of execution {} cleanly (its session's end releases it): {}", executionId,
					ex.getMessage());
		}
	}

}
