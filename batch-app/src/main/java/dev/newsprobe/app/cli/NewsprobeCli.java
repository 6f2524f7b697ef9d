package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.lang.reflect.Constructor;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;

/**
 * Runs one newsprobe command line: the {@code --spring.*}, {@code --newsprobe.*} and
 * {@code --logging.*} arguments configure the application, the rest is the command.
 */
public final class NewsprobeCli {

	private static final List<String> PROPERTY_PREFIXES = List.of("--spring.", "--newsprobe.", "--logging.");

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
		for (String arg : args) {
			(PROPERTY_PREFIXES.stream().anyMatch(arg::startsWith) ? springArgs : commandArgs).add(arg);
		}
		NewsprobeRuntime runtime = new NewsprobeRuntime(this.starter, springArgs.toArray(String[]::new));
		CommandLine commandLine = new CommandLine(new NewsprobeCommand(), new Factory(runtime));
		commandLine.setOut(this.out);
		commandLine.setErr(this.err);
		commandLine.setUsageHelpWidth(100);
		commandLine.setCaseInsensitiveEnumValuesAllowed(true);
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			CommandLine command = ex.getCommandLine();
			NewsprobeRuntime.warn(command.getErr(), ex.getMessage());
			command.getErr().println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
			command.getErr().flush();
			return ExitCodes.USAGE;
		});
		commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
			int code = startupFailureCode(ex);
			NewsprobeRuntime.warn(line.getErr(), describe(ex));
			return code;
		});
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

	/** A failure before any job ran: the database being unreachable is a failure, anything else a configuration error. */
	private static int startupFailureCode(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException || cause instanceof java.net.ConnectException) {
				return ExitCodes.FAILED;
			}
		}
		return (ex instanceof org.springframework.beans.BeansException) ? ExitCodes.USAGE : ExitCodes.FAILED;
	}

	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = (root.getMessage() != null) ? root.getMessage() : root.getClass().getSimpleName();
		return (root == ex) ? message : message + " (" + ex.getClass().getSimpleName() + ")";
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
