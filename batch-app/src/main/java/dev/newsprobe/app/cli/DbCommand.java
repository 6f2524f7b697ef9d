package dev.newsprobe.app.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.newsprobe.app.database.LocalPostgres;
import dev.newsprobe.app.database.NewsprobeHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code newsprobe db}: the embedded PostgreSQL of {@code NEWSPROBE_HOME} as the local service it
 * is: start it and say how to connect ({@code db}), open {@code psql} on it ({@code db psql}),
 * stop it ({@code db stop}). None of them starts the rest of newsprobe.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
		header = "Starts the embedded PostgreSQL and prints a connection string; db psql, db stop.", sortOptions = false,
		subcommands = { DbCommand.Psql.class, DbCommand.Stop.class },
		description = { "Starts the embedded PostgreSQL of NEWSPROBE_HOME if it is not running (creating it on first use)"
				+ " and prints a connection string that works as it is: the password comes from the home's password file"
				+ " (mode 0600). The server keeps running for later commands, psql and analysts' tools until 'newsprobe db"
				+ " stop'. It listens on 127.0.0.1 only and takes password logins only; newsprobe connects as the role"
				+ " 'newsprobe', which owns the database 'newsprobe' and is no superuser." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:running (the connection string is on standard output)",
				"1:the embedded PostgreSQL could not be started", "2:usage error" })
final class DbCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	private final NewsprobeRuntime runtime;

	DbCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		LocalPostgres server = server(this.runtime);
		Optional<Integer> failed = start(server, true, err);
		if (failed.isPresent()) {
			return failed.get();
		}
		out.println(server.connectionString());
		out.flush();
		NewsprobeRuntime.warn(err, "the embedded PostgreSQL of " + server.home() + " runs on 127.0.0.1:" + server.port()
				+ " (pid " + server.pid().map(String::valueOf).orElse("?") + ") until 'newsprobe db stop'.");
		NewsprobeRuntime.warn(err, "psql: 'newsprobe db psql', or psql \"" + server.connectionString() + "\"");
		NewsprobeRuntime.warn(err, "JDBC: NEWSPROBE_DB_URL=" + server.jdbcUrl() + " NEWSPROBE_DB_USER=" + LocalPostgres.USER
				+ " NEWSPROBE_DB_PASSWORD=\"$(cat " + server.home().resolve("postgres.password") + ")\"");
		externalDatabaseNote(err);
		return ExitCodes.COMPLETED;
	}

	/** {@code newsprobe db psql}: psql on newsprobe's database, started if it was stopped. */
	@Command(name = "psql", mixinStandardHelpOptions = true,
		header = "Opens psql on newsprobe's database in the embedded PostgreSQL.", sortOptions = false,
			description = { "Opens psql (the PostgreSQL client, which must be installed) on newsprobe's database in the"
					+ " embedded PostgreSQL, as the role 'newsprobe', starting the server if it was stopped. Arguments after"
					+ " the options go to psql, e.g. 'newsprobe db psql -c \"SELECT count(*) FROM newsprobe.article\"'." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:psql ended well", "1:the server could not be started, or psql failed (its own exit code)",
					"2:usage error, or there is no database in NEWSPROBE_HOME yet" })
	static final class Psql implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Option(names = "--superuser", description = "Connect as the server's superuser 'postgres' instead (for"
				+ " administration, e.g. creating an analyst's login).")
		boolean superuser;

		/** Everything after the options goes to psql as it is ({@code -c "..."}, {@code -f FILE}, {@code --csv}). */
		@Unmatched
		List<String> psqlArgs = new ArrayList<>();

		private final NewsprobeRuntime runtime;

		Psql(NewsprobeRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public Integer call() throws Exception {
			PrintWriter err = this.spec.commandLine().getErr();
			LocalPostgres server = server(this.runtime);
			Optional<Integer> failed = start(server, false, err);
			if (failed.isPresent()) {
				return failed.get();
			}
			Optional<Path> psql = onPath("psql");
			if (psql.isEmpty()) {
				NewsprobeRuntime.warn(err, "psql is not installed (it comes with the PostgreSQL client, e.g. the package"
						+ " postgresql-client); any client connects with: " + server.connectionString());
				return ExitCodes.FAILED;
			}
			List<String> command = new ArrayList<>(List.of(psql.get().toString(), "-h", "127.0.0.1", "-p",
					String.valueOf(server.port()), "-U", this.superuser ? LocalPostgres.SUPERUSER : LocalPostgres.USER, "-d",
					LocalPostgres.DATABASE));
			command.addAll(this.psqlArgs);
			ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
			builder.environment().keySet().removeIf(name -> name.startsWith("PG"));
			builder.environment().put("PGPASSFILE", server.passFile().toString());
			builder.environment().put("PGAPPNAME", "psql (newsprobe db psql)");
			return runToItsEnd(builder);
		}

	}

	/** {@code newsprobe db stop}: stops the embedded PostgreSQL. */
	@Command(name = "stop", mixinStandardHelpOptions = true,
		header = "Stops the embedded PostgreSQL.", sortOptions = false,
			description = { "Stops the embedded PostgreSQL of NEWSPROBE_HOME (a fast shutdown: every committed transaction"
					+ " is kept). Refused while sessions are connected (a run in progress, a psql, an analyst's tool), since"
					+ " stopping would break them, unless --force. The next newsprobe command starts it again." },
			exitCodeListHeading = "%nExit codes:%n",
			exitCodeList = { "0:stopped, or it was not running", "1:refused (sessions connected), or it could not be stopped",
					"2:usage error" })
	static final class Stop implements Callable<Integer> {

		@Spec
		CommandSpec spec;

		@Option(names = "--force", description = "Stop it even while sessions are connected; they are ended.")
		boolean force;

		private final NewsprobeRuntime runtime;

		Stop(NewsprobeRuntime runtime) {
			this.runtime = runtime;
		}

		@Override
		public Integer call() {
			PrintWriter out = this.spec.commandLine().getOut();
			PrintWriter err = this.spec.commandLine().getErr();
			LocalPostgres server = server(this.runtime);
			if (server.pid().isEmpty()) {
				out.println("The embedded PostgreSQL of " + server.home() + " is not running; nothing to stop.");
				out.flush();
				return ExitCodes.COMPLETED;
			}
			try {
				List<String> sessions = server.sessions();
				if (!sessions.isEmpty() && !this.force) {
					NewsprobeRuntime.warn(err, sessions.size() + " session(s) are connected to the embedded PostgreSQL of "
							+ server.home() + "; stopping it would break them:");
					sessions.forEach(session -> NewsprobeRuntime.warn(err, "  " + session));
					NewsprobeRuntime.warn(err, "end them first ('newsprobe stop ID' for a run), or 'newsprobe db stop --force'.");
					return ExitCodes.FAILED;
				}
				server.stop();
			}
			catch (IOException | SQLException ex) {
				NewsprobeRuntime.warn(err, "could not stop the embedded PostgreSQL of " + server.home() + ": " + ex.getMessage());
				return ExitCodes.FAILED;
			}
			out.println("Stopped the embedded PostgreSQL of " + server.home() + ".");
			out.flush();
			return ExitCodes.COMPLETED;
		}

	}

	/** The embedded server of this command line's home ({@code --newsprobe.home}, else {@code NEWSPROBE_HOME}). */
	static LocalPostgres server(NewsprobeRuntime runtime) {
		String home = runtime.argument(NewsprobeHome.PROPERTY).orElse(System.getenv("NEWSPROBE_HOME"));
		return LocalPostgres.in(NewsprobeHome.of(home).directory());
	}

	/** Starts the server if needed; the exit code when that failed, with the reason said. */
	private static Optional<Integer> start(LocalPostgres server, boolean mayCreate, PrintWriter err) {
		try {
			LocalPostgres.Started started = server.start(mayCreate);
			if (started.created()) {
				NewsprobeRuntime.warn(err, "created a new embedded PostgreSQL in " + server.dataDirectory() + ".");
			}
			else if (started.started()) {
				NewsprobeRuntime.warn(err, "started the embedded PostgreSQL of " + server.home() + ".");
			}
			return Optional.empty();
		}
		catch (LocalPostgres.NoDatabaseException ex) {
			NewsprobeRuntime.warn(err, ex.getMessage() + " yet: 'newsprobe db' (or any run) creates it; or set NEWSPROBE_HOME"
					+ " to the home your runs used.");
			return Optional.of(ExitCodes.USAGE);
		}
		catch (IOException ex) {
			NewsprobeRuntime.warn(err, "the embedded PostgreSQL in " + server.dataDirectory() + " did not start: "
					+ ex.getMessage());
			NewsprobeRuntime.warn(err, "its log is " + server.logFile() + ".");
			return Optional.of(ExitCodes.FAILED);
		}
	}

	private static void externalDatabaseNote(PrintWriter err) {
		String url = System.getenv("NEWSPROBE_DB_URL");
		if (url != null && !url.isBlank()) {
			NewsprobeRuntime.warn(err, "note: NEWSPROBE_DB_URL is set, so newsprobe's runs use " + url
					+ ", not this embedded database.");
		}
	}

	private static Optional<Path> onPath(String program) {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path candidate = Path.of(directory, program);
			if (Files.isExecutable(candidate)) {
				return Optional.of(candidate);
			}
		}
		return Optional.empty();
	}

	/**
	 * Runs psql in the foreground until it ends. Ctrl-C reaches psql and this JVM alike (they share
	 * the terminal's process group): psql cancels its query, and this JVM must not end under it.
	 */
	@SuppressWarnings("restriction")
	private static int runToItsEnd(ProcessBuilder builder) throws IOException, InterruptedException {
		sun.misc.SignalHandler previous = sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> {
		});
		try {
			return builder.start().waitFor();
		}
		finally {
			sun.misc.Signal.handle(new sun.misc.Signal("INT"), previous);
		}
	}

}
