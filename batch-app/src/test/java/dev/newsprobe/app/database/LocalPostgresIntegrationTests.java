package dev.newsprobe.app.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded PostgreSQL of a {@code NEWSPROBE_HOME} as the local service it is: a real server
 * started once and joined after, that only the home's owner can use (passwords in files of mode
 * 0600, password logins over loopback only, no superuser for newsprobe), out of reach of a
 * terminal's Ctrl-C; and a home of an earlier version, open to every local user, secured.
 */
class LocalPostgresIntegrationTests {

	static Path home;

	static LocalPostgres server;

	static LocalPostgres.Started first;

	@TempDir
	Path tmp;

	@BeforeAll
	static void startOne() throws IOException {
		home = Files.createTempDirectory("newsprobe-local-postgres");
		server = LocalPostgres.in(home);
		first = server.start(true);
	}

	@AfterAll
	static void stopIt() throws IOException {
		server.stop();
	}

	@Test
	void aNewHomeKeepsItsPasswordsInFilesOnlyItsOwnerMayRead() throws IOException {
		assertThat(first.created()).isTrue();
		assertThat(first.started()).isTrue();
		for (String file : new String[] { "postgres.password", "postgres.superuser-password", "postgres.pgpass" }) {
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve(file)))).as(file)
				.isEqualTo("rw-------");
		}
		assertThat(server.password()).hasSizeGreaterThanOrEqualTo(32);
		assertThat(server.superuserPassword()).isNotEqualTo(server.password());
	}

	@Test
	void aLoginWithoutThePasswordIsRefusedForEveryRole() {
		assertThatThrownBy(() -> connect(LocalPostgres.USER, "")).isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
		assertThatThrownBy(() -> connect(LocalPostgres.SUPERUSER, "")).isInstanceOf(SQLException.class)
			.hasMessageContaining("password");
		assertThatThrownBy(() -> connect(LocalPostgres.SUPERUSER, "postgres")).isInstanceOf(SQLException.class)
			.hasMessageContaining("password authentication failed");
	}

	@Test
	void newsprobesRoleOwnsItsDatabaseButIsNoSuperuserAndCannotRunPrograms() throws SQLException {
		try (Connection connection = connect(LocalPostgres.USER, server.password());
				Statement statement = connection.createStatement()) {
			var rs = statement.executeQuery("SELECT rolsuper, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = current_user");
			rs.next();
			assertThat(rs.getBoolean(1)).isFalse();
			assertThat(rs.getBoolean(2)).isFalse();
			assertThat(rs.getBoolean(3)).isFalse();
			rs = statement.executeQuery("SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = current_database()");
			rs.next();
			assertThat(rs.getString(1)).isEqualTo(LocalPostgres.USER);
			assertThatThrownBy(() -> statement.execute("COPY (SELECT 1) TO PROGRAM 'id'")).isInstanceOf(SQLException.class)
				.hasMessageContaining("permission denied");
		}
	}

	@Test
	void itListensOnLoopbackOnlyWithoutAUnixSocket() throws SQLException {
		try (Connection connection = connect(LocalPostgres.SUPERUSER, server.superuserPassword());
				Statement statement = connection.createStatement()) {
			var rs = statement.executeQuery("SELECT current_setting('listen_addresses'), current_setting('unix_socket_directories'),"
					+ " current_setting('fsync')");
			rs.next();
			assertThat(rs.getString(1)).isEqualTo("127.0.0.1");
			assertThat(rs.getString(2)).isEmpty();
			assertThat(rs.getString(3)).isEqualTo("on");
		}
		assertThat(home.resolve("postgres/pg_hba.conf")).content().contains("host    all       all   127.0.0.1/32  scram-sha-256")
			.doesNotContain("trust");
	}

	@Test
	void theServerRunsInASessionOfItsOwnSoATerminalsCtrlCNeverReachesIt() throws IOException {
		long pid = server.pid().orElseThrow();
		String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");

		assertThat(Long.parseLong(fields[2])).as("process group").isEqualTo(pid);
		assertThat(Long.parseLong(fields[3])).as("session").isEqualTo(pid);
		assertThat(ProcessHandle.of(pid).orElseThrow().parent().map(ProcessHandle::pid)).as("not a child of this JVM")
			.isNotEqualTo(java.util.Optional.of(ProcessHandle.current().pid()));
	}

	@Test
	void aSecondStartJoinsTheRunningServerOnTheSamePort() throws IOException {
		int port = server.port();

		LocalPostgres.Started again = LocalPostgres.in(home).start(false);

		assertThat(again).isEqualTo(new LocalPostgres.Started(false, false, false, false));
		assertThat(LocalPostgres.in(home).port()).isEqualTo(port);
		assertThat(Files.readString(home.resolve("postgres.port")).strip()).isEqualTo(String.valueOf(port));
	}

	@Test
	void aCommandThatOnlyLooksCreatesNothingWhereThereIsNoDatabase() {
		Path empty = this.tmp.resolve("no-home-yet");

		assertThatThrownBy(() -> LocalPostgres.in(empty).start(false)).isInstanceOf(LocalPostgres.NoDatabaseException.class)
			.hasMessageContaining("there is no newsprobe database in " + empty);
		assertThat(empty).doesNotExist();
	}

	@Test
	void aHomeOfAnEarlierVersionOpenToEveryLocalUserIsSecuredOnItsFirstStart() throws Exception {
		Path legacy = this.tmp.resolve("legacy-home");
		try (EmbeddedPostgres earlier = EmbeddedPostgres.builder()
			.setDataDirectory(legacy.resolve("postgres"))
			.setCleanDataDirectory(false)
			.setLocaleConfig("locale", "C")
			.setLocaleConfig("encoding", "UTF8")
			.start(); Connection connection = earlier.getPostgresDatabase().getConnection();
				Statement statement = connection.createStatement()) {
			statement.execute("CREATE DATABASE newsprobe");
			try (Connection newsprobe = earlier.getDatabase("postgres", "newsprobe").getConnection();
					Statement create = newsprobe.createStatement()) {
				create.execute("CREATE SCHEMA newsprobe");
				create.execute("CREATE TABLE newsprobe.article (id bigserial PRIMARY KEY, path text)");
				create.execute("INSERT INTO newsprobe.article (path) VALUES ('/a.md')");
			}
		}
		LocalPostgres secured = LocalPostgres.in(legacy);
		try {
			LocalPostgres.Started started = secured.start(false);

			assertThat(started.secured()).isTrue();
			assertThatThrownBy(() -> DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + secured.port() + "/newsprobe",
					"postgres", "")).isInstanceOf(SQLException.class).hasMessageContaining("password");
			try (Connection connection = DriverManager.getConnection(secured.jdbcUrl(), LocalPostgres.USER, secured.password());
					Statement statement = connection.createStatement()) {
				statement.execute("INSERT INTO newsprobe.article (path) VALUES ('/b.md')");
				var rs = statement.executeQuery("SELECT count(*), (SELECT tableowner FROM pg_tables WHERE tablename = 'article')"
						+ " FROM newsprobe.article");
				rs.next();
				assertThat(rs.getLong(1)).isEqualTo(2);
				assertThat(rs.getString(2)).isEqualTo(LocalPostgres.USER);
			}
		}
		finally {
			secured.stop();
		}
	}

	private static Connection connect(String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		return DriverManager.getConnection(server.jdbcUrl(), properties);
	}

}
