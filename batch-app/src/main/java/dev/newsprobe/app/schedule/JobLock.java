package dev.newsprobe.app.schedule;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.newsprobe.jobs.operate.ProcessIdentity;

/**
 * A PostgreSQL advisory lock that one job holds while it runs, so that however many
 * {@code newsprobe schedule} processes share a database, on however many machines, one job never
 * runs twice at once.
 * <p>
 * The lock is session-level ({@code pg_try_advisory_lock}) on a dedicated connection opened for
 * the run and closed after it: it ends with the run, and with the process if the process dies
 * (PostgreSQL drops a closed connection's locks at once; a machine that vanishes is noticed by the
 * server's TCP keepalives). Its key is derived from the job name ({@link #key}), the same in every
 * process. The connection names its holder in {@code application_name}, so a process that finds
 * the lock taken can say who has it.
 */
public final class JobLock implements AutoCloseable {

	private final Connection connection;

	private final long key;

	private JobLock(Connection connection, long key) {
		this.connection = connection;
		this.key = key;
	}

	/** Opens the dedicated connection a lock lives on. */
	@FunctionalInterface
	public interface Connections {

		Connection open() throws SQLException;

	}

	/**
	 * Takes the lock of a job if no one holds it.
	 * @param connections opens a connection to the database the schedulers share
	 * @param jobName the job
	 * @return the lock, held until closed; empty when another session holds it
	 * @throws SQLException when the database cannot be asked
	 */
	public static Optional<JobLock> tryAcquire(Connections connections, String jobName) throws SQLException {
		long key = key(jobName);
		Connection connection = connections.open();
		try {
			connection.setAutoCommit(true);
			try (PreparedStatement name = connection.prepareStatement("SELECT set_config('application_name', ?, false)")) {
				name.setString(1, holderName(jobName));
				name.execute();
			}
			try (PreparedStatement lock = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
				lock.setLong(1, key);
				try (ResultSet rs = lock.executeQuery()) {
					rs.next();
					if (rs.getBoolean(1)) {
						return Optional.of(new JobLock(connection, key));
					}
				}
			}
			connection.close();
			return Optional.empty();
		}
		catch (SQLException | RuntimeException ex) {
			connection.close();
			throw ex;
		}
	}

	/**
	 * Who holds a job's lock, in words, e.g. {@code newsprobe articleAuditJob pid 4242 on host-a,
	 * PostgreSQL backend 8123 at 10.0.0.5, since 2026-11-26 02:00:00+01}; or
	 * {@code null} when no one does.
	 */
	public static String holder(Connection connection, String jobName) throws SQLException {
		long key = key(jobName);
		try (PreparedStatement ps = connection.prepareStatement("""
				SELECT a.application_name, a.pid, coalesce(host(a.client_addr), 'a local socket'), a.backend_start
				FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
				WHERE l.locktype = 'advisory' AND l.granted AND l.classid::bigint = ? AND l.objid::bigint = ?
				  AND l.objsubid = 1 AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
				""")) {
			ps.setLong(1, key >>> 32);
			ps.setLong(2, key & 0xffffffffL);
			try (ResultSet rs = ps.executeQuery()) {
				if (!rs.next()) {
					return null;
				}
				return rs.getString(1) + ", PostgreSQL backend " + rs.getInt(2) + " at " + rs.getString(3) + ", connected since "
						+ rs.getObject(4, java.time.OffsetDateTime.class);
			}
		}
	}

	/**
	 * The advisory lock key of a job: the first 8 bytes of the SHA-256 of {@code newsprobe.job:}
	 * and its name, the same in every process and release.
	 */
	public static long key(String jobName) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256")
				.digest(("newsprobe.job:" + jobName).getBytes(StandardCharsets.UTF_8));
			return ByteBuffer.wrap(digest, 0, 8).getLong();
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

	/** Releases the lock and closes its connection (closing alone would release it too). */
	@Override
	public void close() throws SQLException {
		try (Connection connection = this.connection;
				PreparedStatement unlock = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
			unlock.setLong(1, this.key);
			unlock.execute();
		}
	}

	private static String holderName(String jobName) {
		String name = "newsprobe " + jobName + " " + ProcessIdentity.current();
		// application_name holds at most 63 bytes
		return (name.length() <= 63) ? name : name.substring(0, 63);
	}

}
