package dev.newsprobe.app.database;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL newsprobe uses when no database is configured: a real PostgreSQL server whose
 * data lives under {@code NEWSPROBE_HOME/postgres} and survives between runs. Its port is chosen
 * once and remembered in {@code NEWSPROBE_HOME/postgres.port}, so the psql command printed on the
 * first run stays true. A second newsprobe process finding the server already up uses it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

	/** The database newsprobe's tables live in on the embedded server. */
	public static final String DATABASE = "newsprobe";

	/** The superuser of the embedded server (no password; it listens on loopback only). */
	public static final String USER = "postgres";

	private final Path home;

	private final int port;

	private final EmbeddedPostgres server;

	private EmbeddedDatabase(Path home, int port, EmbeddedPostgres server) {
		this.home = home;
		this.port = port;
		this.server = server;
	}

	/**
	 * Starts the embedded server under a home directory, or joins it when it already runs.
	 * @param home newsprobe's home directory
	 * @param log where to say what happened
	 * @return the running database
	 */
	public static EmbeddedDatabase start(Path home, PrintWriter log) {
		Path data = home.resolve("postgres");
		Path portFile = home.resolve("postgres.port");
		try {
			Files.createDirectories(home);
			int port = Files.exists(portFile) ? Integer.parseInt(Files.readString(portFile).strip()) : freePort();
			Files.writeString(portFile, Integer.toString(port), StandardCharsets.UTF_8);
			EmbeddedPostgres server = null;
			if (!answers(port)) {
				server = EmbeddedPostgres.builder()
					.setDataDirectory(data)
					.setCleanDataDirectory(false)
					.setPort(port)
					.setLocaleConfig("locale", "C")
					.setLocaleConfig("encoding", "UTF8")
					.setServerConfig("listen_addresses", "127.0.0.1")
					.start();
			}
			EmbeddedDatabase database = new EmbeddedDatabase(home, port, server);
			database.createDatabaseIfMissing();
			log.println("newsprobe: no database configured (NEWSPROBE_DB_URL), using the embedded PostgreSQL in " + data);
			log.println("newsprobe: connect with: psql -h 127.0.0.1 -p " + port + " -U " + USER + " " + DATABASE);
			log.flush();
			return database;
		}
		catch (IOException | SQLException | RuntimeException ex) {
			throw new IllegalStateException("The embedded PostgreSQL in " + data + " did not start: " + ex.getMessage()
					+ ". As root it runs through 'unshare -U', which needs user namespaces; where they are blocked, point "
					+ "newsprobe at a PostgreSQL server with NEWSPROBE_DB_URL instead.", ex);
		}
	}

	/** The JDBC URL of newsprobe's database on the embedded server. */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + DATABASE;
	}

	/** The home directory the data lives under. */
	public Path home() {
		return this.home;
	}

	@Override
	public void close() throws IOException {
		if (this.server != null) {
			this.server.close();
		}
	}

	private void createDatabaseIfMissing() throws SQLException {
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + this.port + "/postgres", USER, "");
				Statement statement = connection.createStatement()) {
			try (ResultSet rs = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
				if (rs.next()) {
					return;
				}
			}
			statement.execute("CREATE DATABASE " + DATABASE);
		}
	}

	private static boolean answers(int port) {
		DriverManager.setLoginTimeout(2);
		try (Connection connection = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", USER, "")) {
			return connection.isValid(2);
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
