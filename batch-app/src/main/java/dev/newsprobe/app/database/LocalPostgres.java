package dev.newsprobe.app.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The embedded PostgreSQL of one {@code NEWSPROBE_HOME}, run as a local service: started once by
 * the first command that needs it and kept running after that command ends (so {@code psql}, a
 * second command and an analyst's tool find it up), until {@code newsprobe db stop}. A terminal's
 * Ctrl-C does not reach it ({@code pg_ctl} starts the server in a session of its own) and no
 * shutdown hook stops it, so a run that is being stopped can still commit its STOPPED.
 * <p>
 * Nobody but the home's owner can use it: it listens on 127.0.0.1 only, with no Unix socket, and
 * takes SCRAM password logins only. newsprobe connects as the role {@value #USER}, which owns the
 * database {@value #DATABASE} and nothing else (no superuser, no {@code COPY ... TO PROGRAM});
 * its password is in {@code NEWSPROBE_HOME/postgres.password}, the superuser's in
 * {@code postgres.superuser-password} (both mode 0600), and both in the libpq password file
 * {@code postgres.pgpass} for {@code psql}. A home made by an earlier version (superuser, no
 * password) is secured the same way the first time this version starts it.
 * <p>
 * Files in the home: {@code postgres/} (the data directory), {@code postgres.port} (the port,
 * chosen once and kept, so connection strings stay true), {@code postgres.log} (the server's log)
 * and {@code postgres.lock} (held while a process starts or stops the server).
 */
public final class LocalPostgres {

	/** The database newsprobe's tables live in. */
	public static final String DATABASE = "newsprobe";

	/** The role newsprobe connects as: owner of {@value #DATABASE}, not a superuser. */
	public static final String USER = "newsprobe";

	/** The server's superuser, for administration by the home's owner only. */
	public static final String SUPERUSER = "postgres";

	private static final String ANALYST_ROLE = "newsprobe_analyst";

	private static final String CONFIG_MARKER = "# newsprobe: the embedded server's own settings";

	private final Path home;

	private final Path data;

	private LocalPostgres(Path home) {
		this.home = home;
		this.data = home.resolve("postgres");
	}

	/** The embedded server of a home (which may not exist yet). */
	public static LocalPostgres in(Path home) {
		return new LocalPostgres(home.toAbsolutePath().normalize());
	}

	/** What {@link #start} did. */
	public record Started(boolean created, boolean started, boolean secured, boolean portMoved) {
	}

	/** Raised when a command that must not create a database finds none in the home. */
	public static final class NoDatabaseException extends IOException {

		NoDatabaseException(String message) {
			super(message);
		}

	}

	/** The home. */
	public Path home() {
		return this.home;
	}

	/** The data directory. */
	public Path dataDirectory() {
		return this.data;
	}

	/** Whether the home holds a database (initialised, running or not). */
	public boolean exists() {
		return Files.isRegularFile(this.data.resolve("PG_VERSION"));
	}

	/** The pid of the running server, or empty when it does not run. */
	public Optional<Long> pid() {
		return postmaster().map(Postmaster::pid);
	}

	/** The port the server listens on (or will). */
	public int port() {
		return postmaster().map(Postmaster::port).orElseGet(() -> readPort().orElse(0));
	}

	/** The JDBC URL of newsprobe's database. */
	public String jdbcUrl() {
		return "jdbc:postgresql://127.0.0.1:" + port() + "/" + DATABASE;
	}

	/** A libpq connection string that works as it is: the password comes from the home's password file. */
	public String connectionString() {
		return "postgresql://" + USER + "@127.0.0.1:" + port() + "/" + DATABASE + "?passfile=" + passFile();
	}

	/** The password of {@value #USER}. */
	public String password() {
		return Secrets.read(this.home.resolve("postgres.password"));
	}

	/** The password of {@value #SUPERUSER}. */
	public String superuserPassword() {
		return Secrets.read(this.home.resolve("postgres.superuser-password"));
	}

	/** The libpq password file (for {@code PGPASSFILE}). */
	public Path passFile() {
		return this.home.resolve("postgres.pgpass");
	}

	/** The server's log file. */
	public Path logFile() {
		return this.home.resolve("postgres.log");
	}

	/**
	 * Makes sure the server runs: joins it when it already does, starts it when it is stopped, and
	 * creates it first when the home has none (if allowed).
	 * @param mayCreate whether a missing database may be created (commands that only look must not)
	 * @return what was done
	 * @throws NoDatabaseException when there is no database and it may not be created
	 * @throws IOException when the server cannot be created or started; the message says why
	 */
	public Started start(boolean mayCreate) throws IOException {
		if (!mayCreate && !exists()) {
			throw new NoDatabaseException("there is no newsprobe database in " + this.home);
		}
		Files.createDirectories(this.home);
		try (FileChannel channel = FileChannel.open(this.home.resolve("postgres.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			boolean legacy = exists() && !Files.exists(this.home.resolve("postgres.password"));
			if (postmaster().isPresent() && !legacy) {
				return new Started(false, false, false, false);
			}
			PostgresBinaries binaries = PostgresBinaries.unpackedUnder(cacheDirectory(this.home));
			boolean created = false;
			if (!exists()) {
				if (!mayCreate) {
					throw new NoDatabaseException("there is no newsprobe database in " + this.home);
				}
				create(binaries);
				created = true;
			}
			boolean portMoved = false;
			if (postmaster().isEmpty()) {
				int port = readPort().orElse(0);
				if (port == 0 || !free(port)) {
					portMoved = port != 0;
					port = freePort();
					Files.writeString(this.home.resolve("postgres.port"), Integer.toString(port), StandardCharsets.UTF_8);
				}
				binaries.run("pg_ctl", List.of("-D", this.data.toString(), "-l", logFile().toString(), "-w", "-t", "60",
						"-o", "-p " + port, "start"));
			}
			if (legacy) {
				secureLegacy();
			}
			setUp();
			writePassFile();
			return new Started(created, true, legacy, portMoved);
		}
		catch (SQLException ex) {
			throw new IOException("the embedded PostgreSQL started, but could not be set up: " + ex.getMessage()
					+ " (its log: " + logFile() + ")", ex);
		}
	}

	/**
	 * Stops the server if it runs (fast shutdown: sessions are ended, every committed transaction is kept).
	 * @return whether it was running
	 * @throws IOException when it could not be stopped
	 */
	public boolean stop() throws IOException {
		if (postmaster().isEmpty()) {
			return false;
		}
		try (FileChannel channel = FileChannel.open(this.home.resolve("postgres.lock"), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
			if (postmaster().isEmpty()) {
				return false;
			}
			PostgresBinaries.unpackedUnder(cacheDirectory(this.home))
				.run("pg_ctl", List.of("-D", this.data.toString(), "-m", "fast", "-w", "-t", "60", "stop"));
			return true;
		}
	}

	/**
	 * The client sessions connected to the server other than the caller's, in words (application
	 * name, database, since when); empty when the server does not run.
	 */
	public List<String> sessions() throws SQLException {
		List<String> sessions = new ArrayList<>();
		if (postmaster().isEmpty()) {
			return sessions;
		}
		try (Connection connection = superuser("postgres");
				Statement statement = connection.createStatement();
				ResultSet rs = statement.executeQuery("""
						SELECT coalesce(nullif(application_name, ''), 'a client') || ' (database ' || datname
						       || ', user ' || usename || ', since ' || to_char(backend_start, 'YYYY-MM-DD HH24:MI:SS') || ')'
						FROM pg_stat_activity
						WHERE backend_type = 'client backend' AND pid <> pg_backend_pid() ORDER BY backend_start""")) {
			while (rs.next()) {
				sessions.add(rs.getString(1));
			}
		}
		return sessions;
	}

	/**
	 * Where the server programs are unpacked: {@code newsprobe} in the XDG cache directory
	 * ({@code $XDG_CACHE_HOME}, by default {@code ~/.cache}), shared by every home of the user;
	 * under the home when that cannot be written.
	 */
	private static Path cacheDirectory(Path home) {
		String xdg = System.getenv("XDG_CACHE_HOME");
		Path base = (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) ? Path.of(xdg)
				: NewsprobeHome.userHome().resolve(".cache");
		Path cache = base.resolve("newsprobe");
		try {
			Files.createDirectories(cache);
			if (Files.isWritable(cache)) {
				return cache;
			}
		}
		catch (IOException ex) {
			// a home directory that cannot be written (a service user): fall back to NEWSPROBE_HOME
		}
		return home.resolve("cache");
	}

	private void create(PostgresBinaries binaries) throws IOException {
		Secrets.create(this.home.resolve("postgres.superuser-password"));
		Secrets.create(this.home.resolve("postgres.password"));
		Path passwordFile = this.home.resolve("postgres.superuser-password");
		try {
			binaries.run("initdb", List.of("-D", this.data.toString(), "-U", SUPERUSER, "-A", "scram-sha-256",
					"--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C"));
		}
		catch (IOException ex) {
			deleteQuietly(this.data);
			throw ex;
		}
		writeServerConfig();
	}

	/** Loopback TCP with SCRAM passwords only: no Unix socket, no trust, no other address. */
	private void writeServerConfig() throws IOException {
		Files.writeString(this.data.resolve("pg_hba.conf"), """
				# newsprobe's embedded PostgreSQL: password (SCRAM) logins over loopback TCP only.
				# TYPE  DATABASE  USER  ADDRESS       METHOD
				host    all       all   127.0.0.1/32  scram-sha-256
				""", StandardCharsets.UTF_8);
		Path config = this.data.resolve("postgresql.conf");
		if (!Files.readString(config, StandardCharsets.UTF_8).contains(CONFIG_MARKER)) {
			Files.writeString(config, "\n" + CONFIG_MARKER + " (written once; later lines win)\n"
					+ "listen_addresses = '127.0.0.1'\n" + "unix_socket_directories = ''\n"
					+ "password_encryption = 'scram-sha-256'\n" + "fsync = on\n", StandardCharsets.UTF_8,
					StandardOpenOption.APPEND);
		}
	}

	/**
	 * A home of an earlier version: its server trusts every local connection as superuser. Gives
	 * the superuser a password, makes newsprobe's role own newsprobe's schemas, and allows only
	 * password logins from then on.
	 */
	private void secureLegacy() throws SQLException, IOException {
		Path superuserPassword = this.home.resolve("postgres.superuser-password");
		if (!Files.exists(superuserPassword)) {
			Secrets.create(superuserPassword);
		}
		Secrets.create(this.home.resolve("postgres.password"));
		try (Connection connection = connect("postgres", SUPERUSER, ""); Statement statement = connection.createStatement()) {
			statement.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + literal(superuserPassword()));
		}
		setUp();
		try (Connection connection = superuser(DATABASE); Statement statement = connection.createStatement()) {
			statement.execute("""
					DO $$
					DECLARE r record;
					BEGIN
					    FOR r IN SELECT nspname FROM pg_namespace WHERE nspname IN ('newsprobe', 'newsprobe_batch') LOOP
					        EXECUTE format('ALTER SCHEMA %I OWNER TO newsprobe', r.nspname);
					    END LOOP;
					    FOR r IN SELECT c.oid::regclass AS name, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
					             WHERE n.nspname IN ('newsprobe', 'newsprobe_batch') AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
					             ORDER BY c.relkind = 'S' LOOP
					        BEGIN
					            EXECUTE format('ALTER %s %s OWNER TO newsprobe', CASE r.relkind WHEN 'v' THEN 'VIEW'
					                WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE'
					                ELSE 'TABLE' END, r.name);
					        EXCEPTION WHEN feature_not_supported OR object_not_in_prerequisite_state THEN
					            NULL; -- a sequence owned by a column follows its table
					        END;
					    END LOOP;
					    FOR r IN SELECT p.oid::regprocedure AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
					             WHERE n.nspname IN ('newsprobe', 'newsprobe_batch') LOOP
					        EXECUTE format('ALTER ROUTINE %s OWNER TO newsprobe', r.name);
					    END LOOP;
					    IF EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = 'newsprobe') THEN
					        ALTER DEFAULT PRIVILEGES FOR ROLE newsprobe IN SCHEMA newsprobe GRANT SELECT ON TABLES TO newsprobe_analyst;
					    END IF;
					END
					$$""");
		}
		writeServerConfig();
		try (Connection connection = superuser("postgres"); Statement statement = connection.createStatement()) {
			statement.execute("SELECT pg_reload_conf()");
		}
	}

	/** Creates, if missing, newsprobe's role, the analysts' role and newsprobe's database; safe on every start. */
	private void setUp() throws SQLException {
		try (Connection connection = superuser("postgres"); Statement statement = connection.createStatement()) {
			if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", USER)) {
				statement.execute("CREATE ROLE " + USER + " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION"
						+ " NOBYPASSRLS PASSWORD " + literal(password()));
			}
			else {
				statement.execute("ALTER ROLE " + USER + " LOGIN NOSUPERUSER PASSWORD " + literal(password()));
			}
			if (!exists(connection, "SELECT 1 FROM pg_roles WHERE rolname = ?", ANALYST_ROLE)) {
				// newsprobe's migrations grant it read access; the role itself needs a superuser to exist
				statement.execute("CREATE ROLE " + ANALYST_ROLE + " NOLOGIN");
			}
			if (!exists(connection, "SELECT 1 FROM pg_database WHERE datname = ?", DATABASE)) {
				statement.execute("CREATE DATABASE " + DATABASE + " OWNER " + USER);
			}
			else {
				statement.execute("ALTER DATABASE " + DATABASE + " OWNER TO " + USER);
			}
			statement.execute("REVOKE ALL ON DATABASE " + DATABASE + " FROM PUBLIC");
			statement.execute("GRANT CONNECT, TEMPORARY ON DATABASE " + DATABASE + " TO " + ANALYST_ROLE);
			statement.execute("REVOKE ALL ON DATABASE postgres FROM PUBLIC");
		}
	}

	private void writePassFile() throws IOException {
		String file = "# libpq password file of newsprobe's embedded PostgreSQL (PGPASSFILE)\n"
				+ "127.0.0.1:*:*:" + USER + ":" + password() + "\n" + "127.0.0.1:*:*:" + SUPERUSER + ":"
				+ superuserPassword() + "\n";
		Secrets.write(passFile(), file);
	}

	private Connection superuser(String database) throws SQLException {
		return connect(database, SUPERUSER, superuserPassword());
	}

	private Connection connect(String database, String user, String password) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", user);
		properties.setProperty("password", password);
		properties.setProperty("connectTimeout", "10");
		properties.setProperty("ApplicationName", "newsprobe embedded database setup");
		return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port() + "/" + database, properties);
	}

	private static boolean exists(Connection connection, String sql, String value) throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setString(1, value);
			try (ResultSet rs = statement.executeQuery()) {
				return rs.next();
			}
		}
	}

	/** A password as an SQL literal (role passwords cannot be bind parameters); ours are base64url. */
	private static String literal(String password) {
		if (!password.matches("[A-Za-z0-9_-]+")) {
			throw new IllegalStateException("a password of the embedded PostgreSQL holds unexpected characters");
		}
		return "'" + password + "'";
	}

	/** The running server, from its {@code postmaster.pid}: alive and listening, or empty. */
	private Optional<Postmaster> postmaster() {
		Path pidFile = this.data.resolve("postmaster.pid");
		List<String> lines;
		try {
			lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (lines.size() < 4) {
			return Optional.empty();
		}
		try {
			long pid = Long.parseLong(lines.get(0).strip());
			int port = Integer.parseInt(lines.get(3).strip());
			if (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false) && answers(port)) {
				return Optional.of(new Postmaster(pid, port));
			}
		}
		catch (NumberFormatException ex) {
			// a file being written: not (yet) running
		}
		return Optional.empty();
	}

	private record Postmaster(long pid, int port) {
	}

	private Optional<Integer> readPort() {
		try {
			return Optional.of(Integer.parseInt(Files.readString(this.home.resolve("postgres.port")).strip()));
		}
		catch (IOException | NumberFormatException ex) {
			return Optional.empty();
		}
	}

	private static boolean answers(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean free(int port) {
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static void deleteQuietly(Path root) {
		if (!Files.exists(root)) {
			return;
		}
		try (var paths = Files.walk(root)) {
			for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// what initdb left behind: the next attempt says so
		}
	}

}
