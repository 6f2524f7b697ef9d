package dev.newsprobe.jobs.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

import javax.sql.DataSource;

import dev.newsprobe.jobs.database.DatabaseSchema;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * The PostgreSQL server tests run against, and one fresh database per test class on it.
 * <p>
 * The server is the local one on 127.0.0.1:5432 (user {@code postgres}) when it answers, as on CI
 * and the project's machines; otherwise an embedded PostgreSQL is started once per test JVM, so
 * the tests pass on a machine with no database installed. {@code NEWSPROBE_TEST_DB=embedded}
 * forces the embedded one. There is no mock and no silent skip: if neither can be had, the tests
 * fail and say why.
 */
public final class TestDatabases {

	private static final String LOCAL_URL = "jdbc:postgresql://127.0.0.1:5432/postgres";

	private static final String USER = "postgres";

	private static String serverUrl;

	private static EmbeddedPostgres embedded;

	private TestDatabases() {
	}

	/**
	 * A fresh database for a test class with newsprobe's schema applied (Flyway, as at start).
	 * @param testClass the test class
	 * @return an unpooled data source on it: every use opens a connection of its own
	 */
	public static DataSource freshMigratedDatabase(Class<?> testClass) {
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), freshDatabase(testClass),
				user(), "");
		new DatabaseSchema(dataSource).migrate();
		return dataSource;
	}

	/**
	 * Creates an empty database for a test class, dropping any left from an earlier run.
	 * @param testClass the test class
	 * @return the JDBC URL of the new database (user {@code postgres}, no password)
	 */
	public static synchronized String freshDatabase(Class<?> testClass) {
		String name = "np_" + checkoutTag() + "_" + testClass.getSimpleName().toLowerCase(Locale.ROOT);
		name = name.substring(0, Math.min(name.length(), 63));
		String server = server();
		try (Connection connection = DriverManager.getConnection(server, USER, "");
				Statement statement = connection.createStatement()) {
			statement.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
			statement.execute("CREATE DATABASE " + name);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("cannot create test database " + name + " on " + server + ": " + ex.getMessage(), ex);
		}
		return server.substring(0, server.lastIndexOf('/') + 1) + name;
	}

	/**
	 * A short tag for the checkout the tests run from, so that two checkouts testing at once on
	 * one server (a clone beside the working tree, CI beside a developer) never drop each
	 * other's databases, while repeated runs from one checkout reuse the same names.
	 */
	private static String checkoutTag() {
		Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath().normalize();
		Path checkout = start;
		while (checkout != null && !Files.isRegularFile(checkout.resolve("mvnw"))) {
			checkout = checkout.getParent();
		}
		String key = ((checkout != null) ? checkout : start).toString();
		return String.format(Locale.ROOT, "%06x", key.hashCode() & 0xffffff);
	}

	/** The user of every test database. */
	public static String user() {
		return USER;
	}

	private static String server() {
		if (serverUrl != null) {
			return serverUrl;
		}
		boolean forceEmbedded = "embedded".equalsIgnoreCase(System.getenv("NEWSPROBE_TEST_DB"));
		if (!forceEmbedded && answers(LOCAL_URL)) {
			serverUrl = LOCAL_URL;
			return serverUrl;
		}
		try {
			Path data = Files.createTempDirectory("newsprobe-test-pg");
			embedded = EmbeddedPostgres.builder()
				.setDataDirectory(data)
				.setCleanDataDirectory(true)
				.setLocaleConfig("locale", "C")
				.setLocaleConfig("encoding", "UTF8")
				.start();
			Runtime.getRuntime().addShutdownHook(new Thread(TestDatabases::stopEmbedded));
			serverUrl = embedded.getJdbcUrl(USER, "postgres");
			return serverUrl;
		}
		catch (IOException ex) {
			throw new UncheckedIOException("No PostgreSQL for the tests: nothing answers on 127.0.0.1:5432 and the embedded "
					+ "PostgreSQL did not start (" + ex.getMessage() + "). Start a local PostgreSQL 15+ with user postgres "
					+ "and trust authentication, or allow user namespaces for the embedded one.", ex);
		}
	}

	private static boolean answers(String url) {
		DriverManager.setLoginTimeout(3);
		try (Connection connection = DriverManager.getConnection(url, USER, "")) {
			return connection.isValid(3);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static void stopEmbedded() {
		try {
			embedded.close();
		}
		catch (IOException ex) {
			// the JVM is exiting; the temporary data directory goes with the machine's temp files
		}
	}

}
