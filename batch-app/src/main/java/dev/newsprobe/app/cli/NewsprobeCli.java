package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsprobe.app.database.DatabaseUnavailableException;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Runs one newsprobe command line: the {@code --spring.*}, {@code --newsprobe.*} and
 * {@code --logging.*} arguments configure the application, {@code --debug} shows stack traces and
 * debug logs, the rest is the command.
 * <p>
 * What goes wrong is said in a person's words, in a line or two: a mistyped command or option
 * with what was probably meant, a date that is no date, a database that cannot be used (where,
 * and what to do). Stack traces only with {@code --debug}.
 */
public final class NewsprobeCli {

	private static final List<String> PROPERTY_PREFIXES = List.of("--spring.", "--newsprobe.", "--logging.");

	/** Shows stack traces and debug logs; anywhere on the command line. */
	static final String DEBUG = "--debug";

	private static final int HELP_WIDTH = 100;

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuu-MM-dd")
		.withResolverStyle(ResolverStyle.STRICT);

	private static final Pattern DATE_SHAPE = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");

	private final Function<String[], ConfigurableApplicationContext> starter;

	private final PrintWriter out;

	private final PrintWriter err;

	/**
	 * @param starter starts the Spring application with configuration arguments
	 * @param out standard output
	 * @param err standard error
	 */
	public NewsprobeCli(Function<String[], ConfigurableApplicationContext> starter, PrintWriter out, PrintWriter err) {
		this.starter = starter;
		this.out = out;
		this.err = err;
	}

	/**
	 * Runs a command line to its end.
	 * @param args the arguments
	 * @return the process exit code (see {@link ExitCodes})
	 */
	public int execute(String... args) {
		List<String> springArgs = new ArrayList<>();
		List<String> commandArgs = new ArrayList<>();
		boolean debug = false;
		for (String arg : args) {
			if (arg.equals(DEBUG)) {
				debug = true;
			}
			else {
				(PROPERTY_PREFIXES.stream().anyMatch(arg::startsWith) ? springArgs : commandArgs).add(arg);
			}
		}
		if (debug) {
			springArgs.addAll(0, List.of("--logging.level.dev.newsprobe=DEBUG",
					"--logging.level.org.springframework.boot.SpringApplication=ERROR",
					"--logging.level.org.springframework.boot.diagnostics.LoggingFailureAnalysisReporter=DEBUG"));
		}
		boolean showStackTraces = debug;
		NewsprobeRuntime runtime = new NewsprobeRuntime(this.starter, springArgs.toArray(String[]::new));
		CommandLine commandLine = new CommandLine(new NewsprobeCommand(), new Factory(runtime));
		commandLine.setOut(this.out);
		commandLine.setErr(this.err);
		commandLine.setUsageHelpWidth(HELP_WIDTH);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.registerConverter(LocalDate.class, NewsprobeCli::date);
		WholeWordHelp.install(commandLine);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			CommandLine command = ex.getCommandLine();
			ParameterException shown = ex;
			if (!(ex instanceof UnmatchedArgumentException) && !command.getUnmatchedArguments().isEmpty()) {
				// a mistyped option also makes the option meant "missing": say what was typed, and what was meant
				List<String> options = command.getUnmatchedArguments().stream().filter(arg -> arg.startsWith("-")).toList();
				shown = new UnmatchedArgumentException(command, options.isEmpty() ? command.getUnmatchedArguments() : options);
			}
			NewsprobeRuntime.warn(command.getErr(), shown.getMessage());
			if (shown instanceof UnmatchedArgumentException unmatched) {
				List<String> suggestions = unmatched.getSuggestions();
				if (!suggestions.isEmpty()) {
					NewsprobeRuntime.warn(command.getErr(), "did you mean " + String.join(" or ", suggestions.stream()
						.limit(3)
						.map(suggestion -> "'" + suggestion + "'")
						.toList()) + "?");
				}
			}
			command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
			command.getErr().flush();
			return ExitCodes.USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> failed(ex, line.getErr(), showStackTraces));
		int code;
		try {
			code = commandLine.execute(commandArgs.toArray(String[]::new));
		}
		finally {
			this.out.flush();
			this.err.flush();
		}
		try {
			return runtime.exit(code);
		}
		catch (RuntimeException ex) {
			NewsprobeRuntime.warn(this.err, "could not shut down cleanly: " + describe(ex));
			return (code == ExitCodes.COMPLETED) ? ExitCodes.FAILED : code;
		}
	}

	/** Says what went wrong outside a job (the job's own failures are in its summary) and gives the exit code. */
	private static int failed(Exception ex, PrintWriter err, boolean showStackTrace) {
		DatabaseUnavailableException database = find(ex, DatabaseUnavailableException.class);
		int code;
		if (database != null) {
			database.lines().forEach(line -> NewsprobeRuntime.warn(err, line));
			code = database.configuration() ? ExitCodes.USAGE : ExitCodes.FAILED;
		}
		else {
			NewsprobeRuntime.warn(err, describe(ex));
			code = startupFailureCode(ex);
			if (!showStackTrace) {
				NewsprobeRuntime.warn(err, "(run the same command with --debug to see where it failed)");
			}
		}
		if (showStackTrace) {
			ex.printStackTrace(err);
			err.flush();
		}
		return code;
	}

	/** A failure before any job ran: the database being unreachable is a failure, anything else a configuration error. */
	private static int startupFailureCode(Throwable ex) {
		if (find(ex, SQLException.class) != null || find(ex, java.net.ConnectException.class) != null) {
			return ExitCodes.FAILED;
		}
		return (find(ex, org.springframework.beans.BeansException.class) != null) ? ExitCodes.USAGE : ExitCodes.FAILED;
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage().strip().lines().findFirst().orElse("")
				: root.getClass().getSimpleName();
		return (root == ex) ? message : message + " (" + ex.getClass().getSimpleName() + ")";
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

	/** A date as a person types it, {@code YYYY-MM-DD}; anything else is said to be no date, and why. */
	static LocalDate date(String text) {
		try {
			return LocalDate.parse(text.strip(), DATE);
		}
		catch (DateTimeParseException ex) {
			Matcher shape = DATE_SHAPE.matcher(text.strip());
			String why;
			if (!shape.matches()) {
				why = "give it as YYYY-MM-DD, e.g. 2026-11-26";
			}
			else {
				int month = Integer.parseInt(shape.group(2));
				int day = Integer.parseInt(shape.group(3));
				why = (month < 1 || month > 12) ? "there is no month " + month
						: "there is no day " + day + " in " + java.time.YearMonth.of(Integer.parseInt(shape.group(1)), month)
								+ " (it has " + java.time.YearMonth.of(Integer.parseInt(shape.group(1)), month).lengthOfMonth()
								+ " days)";
			}
			throw new TypeConversionException("'" + text + "' is not a date: " + why);
		}
	}

	/** Creates the commands with the runtime they need. */
	private record Factory(NewsprobeRuntime runtime) implements CommandLine.IFactory {

		@Override
		public <K> K create(Class<K> type) throws Exception {
			try {
				Constructor<K> constructor = type.getDeclaredConstructor(NewsprobeRuntime.class);
				constructor.setAccessible(true);
				return constructor.newInstance(this.runtime);
			}
			catch (NoSuchMethodException ex) {
				return CommandLine.defaultFactory().create(type);
			}
		}

	}

}
