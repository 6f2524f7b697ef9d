package dev.newsprobe.app.database;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import dev.newsprobe.jobs.definition.RunSettings;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Settles which database the application uses before any bean is made: the one
 * {@code spring.datasource.url} (or {@code NEWSPROBE_DB_URL}) names, or else the embedded one of
 * {@code NEWSPROBE_HOME}, started (or created) if it does not run. Then one connection is opened
 * with short timeouts, so that a database that cannot be used is said in a person's words within
 * seconds ({@link DatabaseFailures}), before the rest of the application starts.
 * <p>
 * It also fixes {@value NewsprobeHome#PROPERTY} to the resolved, absolute home, so that the
 * reports and the image store under it are where the database is, whatever the working directory.
 */
public final class DatabaseStartup implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/**
	 * {@code false} for commands that only look (status, restart, ...): they must not create an
	 * empty database where none is, which would hide that they look in the wrong place.
	 */
	public static final String CREATE_IF_MISSING = "newsprobe.internal.create-database";

	private static final int CONNECT_TIMEOUT_SECONDS = 5;

	private final PrintWriter console;

	/** @param console where to say which database is used and what was started */
	public DatabaseStartup(PrintWriter console) {
		this.console = console;
	}

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		NewsprobeHome home = NewsprobeHome.of(environment.getProperty(NewsprobeHome.PROPERTY));
		Map<String, Object> settled = new LinkedHashMap<>();
		settled.put(NewsprobeHome.PROPERTY, home.directory().toString());
		String url = environment.getProperty("spring.datasource.url", "");
		String user = environment.getProperty("spring.datasource.username");
		String password = environment.getProperty("spring.datasource.password", "");
		boolean embedded = url.isBlank();
		if (embedded) {
			LocalPostgres server = LocalPostgres.in(home.directory());
			// an application started to resume a run in this process need not say it all again
			boolean quiet = environment.getProperty(RunSettings.ONLY_FROM_COMMAND_LINE, Boolean.class, false);
			start(server, home, environment.getProperty(CREATE_IF_MISSING, Boolean.class, true), quiet);
			url = server.jdbcUrl();
			user = LocalPostgres.USER;
			password = server.password();
			settled.put("spring.datasource.url", url);
			settled.put("spring.datasource.username", user);
			settled.put("spring.datasource.password", password);
		}
		environment.getPropertySources().addFirst(new MapPropertySource("newsprobeDatabase", settled));
		check(url, user, password, embedded);
	}

	private void start(LocalPostgres server, NewsprobeHome home, boolean mayCreate, boolean quiet) {
		LocalPostgres.Started started;
		try {
			started = server.start(mayCreate);
		}
		catch (LocalPostgres.NoDatabaseException ex) {
			String legacy = home.legacyHomeBeside()
				.map(path -> " " + path + " holds the database of an earlier newsprobe (which kept it in the working"
						+ " directory): set NEWSPROBE_HOME=" + path + " to use it.")
				.orElse(" Run 'newsprobe audit --input DIR' first, or set NEWSPROBE_HOME to the home your runs used.");
			throw new DatabaseUnavailableException(List.of("there is no newsprobe database in " + home
					+ (home.configured() ? " (NEWSPROBE_HOME)" : " (the default NEWSPROBE_HOME)") + ": nothing has run with it.",
					legacy.strip()), true, ex);
		}
		catch (IOException | RuntimeException ex) {
			throw new DatabaseUnavailableException(List.of("the embedded PostgreSQL in " + server.dataDirectory()
					+ " did not start: " + ex.getMessage(),
					"Its log is " + server.logFile() + "; or use a PostgreSQL server of your own with NEWSPROBE_DB_URL."),
					false, ex);
		}
		if (started.created()) {
			say("created a new embedded PostgreSQL in " + server.dataDirectory() + " (NEWSPROBE_HOME" + (home.configured()
					? "" : ", by default in the XDG data directory; set NEWSPROBE_HOME to keep it elsewhere") + ").");
			home.legacyHomeBeside()
				.ifPresent(path -> say(path + " holds the database of an earlier newsprobe, which kept it in the working"
						+ " directory; to go on with that one, set NEWSPROBE_HOME=" + path + "."));
		}
		if (started.secured()) {
			say("secured the embedded PostgreSQL of an earlier newsprobe: password logins only, newsprobe connects as role '"
					+ LocalPostgres.USER + "' (passwords in " + server.home() + ", mode 0600).");
		}
		if (started.portMoved()) {
			say("its port was taken by another program; the embedded PostgreSQL now listens on " + server.port() + ".");
		}
		if (started.started()) {
			say("started the embedded PostgreSQL of " + server.home() + " on 127.0.0.1:" + server.port()
					+ "; it keeps running after this command ('newsprobe db stop' stops it).");
		}
		else if (!quiet) {
			say("using the embedded PostgreSQL of " + server.home() + " on 127.0.0.1:" + server.port()
					+ " ('newsprobe db psql' connects to it).");
		}
	}

	/**
	 * Connects once, with short timeouts, and says in a person's words what is wrong if it fails.
	 * @throws DatabaseUnavailableException when the database cannot be used
	 */
	static void check(String url, String user, String password, boolean embedded) {
		Properties properties = new Properties();
		if (user != null) {
			properties.setProperty("user", user);
		}
		properties.setProperty("password", (password != null) ? password : "");
		properties.setProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
		properties.setProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
		properties.setProperty("socketTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
		properties.setProperty("ApplicationName", "newsprobe");
		try (Connection connection = DriverManager.getConnection(url, properties);
				Statement statement = connection.createStatement();
				// the migrations create newsprobe's two schemas on first start: that needs CREATE on the database
				ResultSet rs = statement.executeQuery("""
						SELECT (SELECT count(*) FROM pg_namespace WHERE nspname IN ('newsprobe', 'newsprobe_batch')) = 2
						       OR has_database_privilege(current_database(), 'CREATE'), current_database()""")) {
			rs.next();
			if (!rs.getBoolean(1)) {
				throw new SQLException("permission denied to create schemas in database " + rs.getString(2), "42501");
			}
		}
		catch (SQLException ex) {
			throw DatabaseFailures.explain(ex, url, user, embedded)
				.orElseGet(() -> new DatabaseUnavailableException(List.of("cannot use the database at " + url + ": "
						+ ex.getMessage().strip().lines().findFirst().orElse(""), "Check NEWSPROBE_DB_URL, NEWSPROBE_DB_USER"
								+ " and NEWSPROBE_DB_PASSWORD."), false, ex));
		}
	}

	private void say(String message) {
		this.console.println("newsprobe: " + message);
		this.console.flush();
	}

}
