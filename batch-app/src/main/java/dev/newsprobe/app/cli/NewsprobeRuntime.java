package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.util.function.Function;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring application behind the commands, started only when a command needs it, so that
 * {@code --help} and usage errors answer at once without touching a database.
 */
public final class NewsprobeRuntime implements AutoCloseable {

	private final Function<String[], ConfigurableApplicationContext> starter;

	private String[] springArgs;

	private ConfigurableApplicationContext context;

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
		java.util.List<String> args = new java.util.ArrayList<>(java.util.Arrays.asList(this.springArgs));
		boolean given = args.removeIf(arg -> arg.startsWith("--" + name + "=") && override)
				|| args.stream().anyMatch(arg -> arg.startsWith("--" + name + "="));
		if (override || !given) {
			args.add("--" + name + "=" + value);
		}
		this.springArgs = args.toArray(String[]::new);
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
	 * Stops the application, if it was started, and gives the process's exit code.
	 * @param exitCode the command's exit code
	 * @return the exit code to end the process with
	 */
	public int exit(int exitCode) {
		if (this.context == null) {
			return exitCode;
		}
		return SpringApplication.exit(this.context, () -> exitCode);
	}

	@Override
	public void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	/** Writes a line to a command's error output and flushes it. */
	static void warn(PrintWriter err, String message) {
		err.println("newsprobe: " + message);
		err.flush();
	}

}
