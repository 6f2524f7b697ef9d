package dev.newsprobe.app.database;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what the PostgreSQL driver throws when newsprobe's database cannot be used into words
 * for a person: the address, what is wrong, and the next step (the variable to set, the
 * {@code createdb} to run, the grant to ask for).
 */
public final class DatabaseFailures {

	private static final Pattern URL = Pattern.compile("^jdbc:postgresql://([^/?]*)/?([^?]*)");

	private DatabaseFailures() {
	}

	/**
	 * Says why a database cannot be used, when the failure is one a person can act on.
	 * @param failure what was thrown (any exception whose causes include the driver's)
	 * @param url the JDBC URL newsprobe used
	 * @param user the user it connected as
	 * @param embedded whether it is the embedded database (no variables to fix then)
	 * @return the explanation, or empty when the failure is of another kind
	 */
	public static Optional<DatabaseUnavailableException> explain(Throwable failure, String url, String user,
			boolean embedded) {
		SQLException sql = find(failure, SQLException.class);
		if (sql == null) {
			return Optional.empty();
		}
		Matcher matcher = URL.matcher((url != null) ? url : "");
		String hosts = "";
		String database = "";
		if (matcher.find()) {
			hosts = matcher.group(1);
			database = matcher.group(2);
		}
		String address = hosts.isEmpty() ? "localhost:5432" : withPort(hosts);
		// PostgreSQL's default database is the user's name
		database = database.isEmpty() ? user : database;
		String host = address.contains(":") ? address.substring(0, address.lastIndexOf(':')) : address;
		String port = address.contains(":") ? address.substring(address.lastIndexOf(':') + 1) : "5432";
		String where = "PostgreSQL at " + address;
		String fix = embedded ? "'newsprobe db' starts the embedded database and says where its log is."
				: "Point NEWSPROBE_DB_URL (spring.datasource.url) at the right server.";
		String state = (sql.getSQLState() != null) ? sql.getSQLState() : "";
		if (find(failure, UnknownHostException.class) != null) {
			return fail(true, failure, "cannot connect to " + where + ": the host " + host + " is unknown.", fix);
		}
		if (find(failure, ConnectException.class) != null) {
			return fail(false, failure, "cannot connect to " + where + ": connection refused (no server listens there).",
					embedded ? fix : "Start the server, or point NEWSPROBE_DB_URL (spring.datasource.url) at the one to use.");
		}
		if (find(failure, SocketTimeoutException.class) != null || state.equals("08001") && timedOut(sql)) {
			return fail(false, failure, where + " did not answer within a few seconds.",
					"Check that the host and port in NEWSPROBE_DB_URL are right and that no firewall drops the connection.");
		}
		switch (state) {
			case "3D000" -> {
				return fail(true, failure, "the database \"" + database + "\" does not exist on " + where + ".",
						"Create it with 'createdb -h " + host + " -p " + port + " -U " + user + " " + database
								+ "', or name another one in NEWSPROBE_DB_URL.");
			}
			case "28P01", "28000" -> {
				return fail(true, failure, where + " refused the login of user \"" + user + "\": "
						+ (state.equals("28P01") ? "wrong password." : firstLine(sql)) ,
						embedded ? fix : "Set NEWSPROBE_DB_USER and NEWSPROBE_DB_PASSWORD (spring.datasource.username,"
								+ " spring.datasource.password) to a login of that server.");
			}
			case "42501" -> {
				return fail(true, failure, "user \"" + user + "\" lacks a right newsprobe needs in database \"" + database
						+ "\" on " + where + ": " + firstLine(sql) + ".",
						"Have the database's owner run 'GRANT CREATE ON DATABASE " + database + " TO " + user
								+ "' (newsprobe creates its schemas on first start), or connect as the owner (NEWSPROBE_DB_USER).");
			}
			case "53300" -> {
				return fail(false, failure, where + " has no connection left for newsprobe (too many clients).",
						"Try again later, or lower newsprobe.database.pool-size.");
			}
			case "57P03" -> {
				return fail(false, failure, where + " is starting up or shutting down.", "Try again in a moment.");
			}
			default -> {
				if (state.startsWith("08")) {
					return fail(false, failure, "cannot connect to " + where + ": " + firstLine(sql) + ".", fix);
				}
				return Optional.empty();
			}
		}
	}

	private static boolean timedOut(SQLException ex) {
		String message = String.valueOf(ex.getMessage()).toLowerCase(java.util.Locale.ROOT);
		return message.contains("timed out") || message.contains("timeout");
	}

	private static String withPort(String address) {
		String first = address.split(",")[0];
		return (first.contains(":") && !first.endsWith("]")) ? first : first + ":5432";
	}

	private static String firstLine(SQLException ex) {
		String message = String.valueOf(ex.getMessage()).strip().lines().findFirst().orElse("");
		message = message.replaceFirst("^(FATAL|ERROR): *", "");
		return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
	}

	private static Optional<DatabaseUnavailableException> fail(boolean configuration, Throwable cause, String what,
			String next) {
		return Optional.of(new DatabaseUnavailableException(List.of(what, next), configuration, cause));
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
