package dev.newsprobe.jobs.operate;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Connections of their own, outside the pool, for session locks that must live exactly as long
 * as what holds them: a pooled connection could outlive its user and keep the lock. TCP
 * keepalives are on, so that the server notices a machine that vanished and drops its locks.
 */
public final class DedicatedConnections {

	private DedicatedConnections() {
	}

	/**
	 * Opens a connection to the pool's database, as the pool's user, outside the pool.
	 * @param dataSource the application's data source
	 * @param applicationName how the session names itself to the server ({@code application_name}, at most 63 bytes)
	 * @return the open connection, in auto-commit mode
	 * @throws SQLException when it cannot be opened
	 */
	public static Connection open(DataSource dataSource, String applicationName) throws SQLException {
		Connection connection;
		if (dataSource.isWrapperFor(HikariDataSource.class)) {
			HikariDataSource pool = dataSource.unwrap(HikariDataSource.class);
			Properties properties = new Properties();
			if (pool.getUsername() != null) {
				properties.setProperty("user", pool.getUsername());
			}
			if (pool.getPassword() != null) {
				properties.setProperty("password", pool.getPassword());
			}
			properties.setProperty("ApplicationName", truncate(applicationName));
			properties.setProperty("tcpKeepAlive", "true");
			connection = DriverManager.getConnection(pool.getJdbcUrl(), properties);
		}
		else {
			connection = dataSource.getConnection();
		}
		connection.setAutoCommit(true);
		return connection;
	}

	/** {@code application_name} holds at most 63 bytes. */
	static String truncate(String name) {
		return (name.length() <= 63) ? name : name.substring(0, 63);
	}

}
