package dev.newsprobe.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.app.database.LocalPostgres;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A database newsprobe cannot use, as a person meets it: one line that names the address and what
 * is wrong, one that says what to do (the variable to set, the {@code createdb} to run, the grant to
 * ask for), the exit code scripts rely on, and no stack trace unless {@code --debug} asks for one.
 */
class DatabaseFailureMessagesIntegrationTests {

	static String localServer;

	static Path embeddedHome;

	static LocalPostgres embedded;

	@TempDir
	Path tmp;

	@BeforeAll
	static void servers() throws IOException {
		String url = TestDatabases.freshDatabase(DatabaseFailureMessagesIntegrationTests.class);
		localServer = url.substring(0, url.lastIndexOf('/') + 1);
		embeddedHome = Files.createTempDirectory("newsprobe-failure-messages");
		embedded = LocalPostgres.in(embeddedHome);
		embedded.start(true);
	}

	@AfterAll
	static void stopEmbedded() throws IOException {
		embedded.stop();
	}

	@Test
	void aPortNobodyListensOnIsRefusedAndSaysWhereAndWhatToDo() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}

		Result result = status("jdbc:postgresql://127.0.0.1:" + port + "/newsprobe", "postgres", "");

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.lines()).containsExactly(
				"newsprobe: cannot connect to PostgreSQL at 127.0.0.1:" + port + ": connection refused (no server listens there).",
				"newsprobe: Start the server, or point NEWSPROBE_DB_URL (spring.datasource.url) at the one to use.");
	}

	@Test
	void aServerThatNeverAnswersIsGivenUpOnWithinSecondsAndSaysSo() throws Exception {
		try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			Thread accepting = new Thread(() -> {
				try (Socket client = silent.accept()) {
					Thread.sleep(60_000);
				}
				catch (IOException | InterruptedException ex) {
					// the test is over
				}
			});
			accepting.setDaemon(true);
			accepting.start();

			Result result = status("jdbc:postgresql://127.0.0.1:" + silent.getLocalPort() + "/newsprobe", "postgres", "");

			assertThat(result.code()).isEqualTo(1);
			assertThat(result.lines()).hasSize(2);
			assertThat(result.err()).contains("PostgreSQL at 127.0.0.1:" + silent.getLocalPort()
					+ " did not answer within a few seconds.", "NEWSPROBE_DB_URL");
			accepting.interrupt();
		}
	}

	@Test
	void aDatabaseThatDoesNotExistSaysHowToCreateIt() {
		Result result = status(localServer + "np_no_such_database", "postgres", "");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.lines()).containsExactly(
				"newsprobe: the database \"np_no_such_database\" does not exist on PostgreSQL at 127.0.0.1:5432.",
				"newsprobe: Create it with 'createdb -h 127.0.0.1 -p 5432 -U postgres np_no_such_database', or name another"
						+ " one in NEWSPROBE_DB_URL.");
	}

	@Test
	void aWrongPasswordNamesTheUserAndTheVariablesToSet() {
		Result result = status(embedded.jdbcUrl(), LocalPostgres.USER, "not-the-password");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.lines()).containsExactly("newsprobe: PostgreSQL at 127.0.0.1:" + embedded.port()
				+ " refused the login of user \"newsprobe\": wrong password.",
				"newsprobe: Set NEWSPROBE_DB_USER and NEWSPROBE_DB_PASSWORD (spring.datasource.username,"
						+ " spring.datasource.password) to a login of that server.");
	}

	@Test
	void aUserWithoutTheRightToCreateNewsprobesSchemasSaysWhichGrantToAskFor() throws Exception {
		String database = TestDatabases.freshDatabase(NoRights.class);
		String name = database.substring(database.lastIndexOf('/') + 1);
		String role = name + "_user";
		try (Connection admin = DriverManager.getConnection(database, "postgres", "");
				Statement statement = admin.createStatement()) {
			statement.execute("DROP ROLE IF EXISTS " + role);
			statement.execute("CREATE ROLE " + role + " LOGIN");
		}
		try {
			Result result = status(database, role, "");

			assertThat(result.code()).isEqualTo(2);
			assertThat(result.lines()).containsExactly("newsprobe: user \"" + role + "\" lacks a right newsprobe needs in"
					+ " database \"" + name + "\" on PostgreSQL at 127.0.0.1:5432: permission denied to create schemas in"
					+ " database " + name + ".", "newsprobe: Have the database's owner run 'GRANT CREATE ON DATABASE " + name
							+ " TO " + role + "' (newsprobe creates its schemas on first start), or connect as the owner"
							+ " (NEWSPROBE_DB_USER).");
		}
		finally {
			try (Connection admin = DriverManager.getConnection(database, "postgres", "");
					Statement statement = admin.createStatement()) {
				statement.execute("DROP OWNED BY " + role);
				statement.execute("DROP ROLE " + role);
			}
		}
	}

	@Test
	void aCommandThatOnlyLooksSaysThereIsNoDatabaseInTheHomeAndCreatesNone() {
		Path home = this.tmp.resolve("elsewhere");

		Result result = newsprobe("status", "--newsprobe.home=" + home, "--spring.datasource.url=");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.lines()).containsExactly("newsprobe: there is no newsprobe database in " + home
				+ " (NEWSPROBE_HOME): nothing has run with it.",
				"newsprobe: Run 'newsprobe audit --input DIR' first, or set NEWSPROBE_HOME to the home your runs used.");
		assertThat(home).doesNotExist();
	}

	@Test
	void withDebugTheStackTraceIsShownToo() throws IOException {
		int port;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			port = socket.getLocalPort();
		}

		Result result = newsprobe("status", "--debug", "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + port + "/x");

		assertThat(result.code()).isEqualTo(1);
		assertThat(result.err()).contains("connection refused", "\tat ", "java.net.ConnectException");
	}

	private static Result status(String url, String user, String password) {
		return newsprobe("status", "--spring.datasource.url=" + url, "--spring.datasource.username=" + user,
				"--spring.datasource.password=" + password);
	}

	private static Result newsprobe(String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		PrintWriter errWriter = new PrintWriter(err);
		NewsprobeCli cli = new NewsprobeCli(springArgs -> NewsprobeApplication.start(springArgs, errWriter),
				new PrintWriter(out), errWriter);
		int code = cli.execute(args);
		Result result = new Result(code, out.toString(), err.toString());
		if (!List.of(args).contains("--debug")) {
			assertThat(result.out() + result.err()).as("no stack trace without --debug").doesNotContain("\tat ", "Exception");
		}
		return result;
	}

	record Result(int code, String out, String err) {

		/** Every line a person sees, standard output and error together, blank ones left out. */
		List<String> lines() {
			List<String> lines = new ArrayList<>();
			(this.out + this.err).lines().filter(line -> !line.isBlank()).forEach(lines::add);
			return lines;
		}

	}

	private static final class NoRights {

	}

}
