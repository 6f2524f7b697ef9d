package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import dev.newsprobe.app.database.DatabaseStartup;
import dev.newsprobe.jobs.definition.RunSettings;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring application behind the commands, started only when a command needs it, so that
 * {@code --help} and usage errors answer at once without touching a database.
 * <p>
 * Configuration properties are bound when an application starts, so a run resumed with the
 * settings it started with, when they are not this command line's, runs in an application of its
 * own started with exactly those settings ({@link #contextWith}); it shares the database, and is
 * closed when the command ends.
 */
public final class NewsprobeRuntime implements AutoCloseable {

	private final Function<String[], ConfigurableApplicationContext> starter;

	private String[] springArgs;

	private ConfigurableApplicationContext context;

	private final List<ConfigurableApplicationContext> others = new ArrayList<>();

	/**
	 * @param starter starts the application with the given arguments
	 * @param springArgs the {@code --spring.*}, {@code --newsprobe.*} and {@code --logging.*} arguments
	 */
	public NewsprobeRuntime(Function<String[], ConfigurableApplicationContext> starter, String[] springArgs) {
		this.starter = starter;
		this.springArgs = springArgs.clone();
	}

	/**
	 * Sets a property for the application, as {@code --name=value} would, in its place; a command's option that
	 * is really configuration (e.g. {@code audit --report-dir}) uses it before the application starts.
	 * @throws IllegalStateException when the application has already started
	 */
	public void setProperty(String name, String value) {
		property(name, value, true);
	}

	/**
	 * Sets a property of the application before it starts, unless the command line already sets it.
	 * @param name the property, e.g. {@code newsprobe.partition.remote}
	 * @param value its value
	 * @param override whether to replace a value given on the command line
	 * @throws IllegalStateException when the application has already started
	 */
	public void property(String name, String value, boolean override) {
		if (this.context != null) {
			throw new IllegalStateException("the application has started; " + name + " can no longer be set");
		}
		List<String> args = new ArrayList<>(Arrays.asList(this.springArgs));
		boolean given = args.removeIf(arg -> arg.startsWith("--" + name + "=") && override)
				|| args.stream().anyMatch(arg -> arg.startsWith("--" + name + "="));
		if (override || !given) {
			args.add("--" + name + "=" + value);
		}
		this.springArgs = args.toArray(String[]::new);
	}

	/** The value a {@code --name=value} argument of this command line gives, if any (the last one wins). */
	public java.util.Optional<String> argument(String name) {
		String value = null;
		for (String arg : this.springArgs) {
			if (arg.startsWith("--" + name + "=")) {
				value = arg.substring(name.length() + 3);
			}
		}
		return java.util.Optional.ofNullable(value);
	}

	/**
	 * Says that this command only looks at what exists: the embedded database is not created where
	 * there is none (the command then says so), so that looking in the wrong place is noticed.
	 */
	public void lookOnly() {
		property(DatabaseStartup.CREATE_IF_MISSING, "false", true);
	}

	/** The application context, started on first use. */
	public ConfigurableApplicationContext context() {
		if (this.context == null) {
			this.context = this.starter.apply(this.springArgs);
		}
		return this.context;
	}

	/** A bean of the application. */
	public <T> T bean(Class<T> type) {
		return context().getBean(type);
	}

	/** A bean of the application by name. */
	public <T> T bean(String name, Class<T> type) {
		return context().getBean(name, type);
	}

	/**
	 * The names, in one spelling ({@link RunSettings#isRecorded}), of the run settings this command
	 * line gives, options that are really settings included ({@code --partitions}, {@code --report-dir}).
	 */
	public Set<String> settingsGiven() {
		return Arrays.stream(this.springArgs)
			.map(arg -> arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length()))
			.filter(RunSettings::isRecorded)
			.map(NewsprobeRuntime::uniform)
			.collect(Collectors.toSet());
	}

	/**
	 * An application whose run settings are exactly a run's: this command line's other arguments,
	 * the run's settings in place of this command line's, and none from the environment or
	 * configuration files. Secrets, of which only a fingerprint is recorded, come from this
	 * process as usual. Closed when the command ends.
	 * @param settings the run's settings
	 * @return the started application
	 */
	public ConfigurableApplicationContext contextWith(RunSettings settings) {
		List<String> args = new ArrayList<>();
		for (String arg : this.springArgs) {
			String name = arg.substring(2, arg.contains("=") ? arg.indexOf('=') : arg.length());
			if (!RunSettings.isRecorded(name) || RunSettings.isSecret(name)) {
				args.add(arg);
			}
		}
		for (Map.Entry<String, String> setting : settings.plain().entrySet()) {
			args.add("--" + setting.getKey() + "=" + setting.getValue());
		}
		args.add("--" + RunSettings.ONLY_FROM_COMMAND_LINE + "=true");
		ConfigurableApplicationContext started = this.starter.apply(args.toArray(String[]::new));
		this.others.add(started);
		return started;
	}

	/**
	 * Stops the applications, if any was started, and gives the process's exit code.
	 * @param exitCode the command's exit code
	 * @return the exit code to end the process with
	 */
	public int exit(int exitCode) {
		closeOthers();
		if (this.context == null) {
			return exitCode;
		}
		return SpringApplication.exit(this.context, () -> exitCode);
	}

	@Override
	public void close() {
		closeOthers();
		if (this.context != null) {
			this.context.close();
		}
	}

	private void closeOthers() {
		for (ConfigurableApplicationContext other : this.others) {
			if (other.isActive()) {
				other.close();
			}
		}
		this.others.clear();
	}

	private static String uniform(String name) {
		return name.toLowerCase(java.util.Locale.ROOT).replace("-", "");
	}

	/** Writes a line to a command's error output and flushes it. */
	static void warn(PrintWriter err, String message) {
		err.println("newsprobe: " + message);
		err.flush();
	}

}
