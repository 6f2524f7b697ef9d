package dev.newsprobe.app.test;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsprobe.app.NewsprobeApplication;

/**
 * A {@code newsprobe} command run in a JVM of its own, as a scheduler or an operator runs it, so
 * that it can be signalled, killed and observed from outside. Its output goes to files (so it is
 * not a terminal) and its input is empty. It runs in a session and process group of its own, as a
 * terminal runs a command, so that Ctrl-C ({@link #interrupt}) reaches it and its children only.
 */
public final class NewsprobeProcess implements AutoCloseable {

	private final Process process;

	private final Path out;

	private final Path err;

	private NewsprobeProcess(Process process, Path out, Path err) {
		this.process = process;
		this.out = out;
		this.err = err;
	}

	/**
	 * Starts {@code newsprobe ARGS} with the test classpath.
	 * @param dir where its stdout and stderr files go (created if needed)
	 * @param name a name for those files
	 * @param args the command and its arguments
	 * @return the running process
	 */
	public static NewsprobeProcess start(Path dir, String name, List<String> args) {
		return start(dir, name, List.of(), Map.of(), args);
	}

	/**
	 * Starts {@code newsprobe ARGS} with the test classpath, JVM options and environment variables of its own.
	 * @param dir where its stdout and stderr files go (created if needed)
	 * @param name a name for those files
	 * @param jvmOptions options for its JVM, e.g. {@code -Dnewsprobe.host-name=other-host}
	 * @param environment variables to set ({@code null} values remove one)
	 * @param args the command and its arguments
	 * @return the running process
	 */
	public static NewsprobeProcess start(Path dir, String name, List<String> jvmOptions, Map<String, String> environment,
			List<String> args) {
		try {
			Files.createDirectories(dir);
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			// a process group of its own, as a terminal gives each command: Ctrl-C is sent to that group
			List<String> command = new ArrayList<>(List.of("setsid", java, "-Xmx512m", "-XX:TieredStopAtLevel=1"));
			command.addAll(jvmOptions);
			command.addAll(List.of("-cp", classpath, NewsprobeApplication.class.getName()));
			command.addAll(args);
			Path out = dir.resolve(name + ".out");
			Path err = dir.resolve(name + ".err");
			ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
			environment.forEach((key, value) -> {
				if (value == null) {
					builder.environment().remove(key);
				}
				else {
					builder.environment().put(key, value);
				}
			});
			return new NewsprobeProcess(builder.start(), out, err);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs {@code newsprobe ARGS} to its end (at most two minutes). */
	public static Result run(Path dir, String name, List<String> args) {
		return start(dir, name, args).await(120);
	}

	public long pid() {
		return this.process.pid();
	}

	public boolean isAlive() {
		return this.process.isAlive();
	}

	public String out() {
		return read(this.out);
	}

	public String err() {
		return read(this.err);
	}

	/** Everything it printed so far, stdout then stderr. */
	public String output() {
		return out() + err();
	}

	/** The port of its metrics endpoint, once it has printed it; -1 before. */
	public int metricsPort() {
		Matcher matcher = Pattern.compile("Metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(out());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	/** Runs {@code newsprobe ARGS} with an environment of its own to its end (at most two minutes). */
	public static Result run(Path dir, String name, Map<String, String> environment, List<String> args) {
		return start(dir, name, List.of(), environment, args).await(120);
	}

	/**
	 * Ctrl-C at a terminal: SIGINT to the whole process group of the JVM, as a terminal sends it
	 * to its foreground job, so that every child the JVM started in its group gets it too.
	 */
	public void interrupt() {
		try {
			Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + processGroup()).inheritIO().start();
			if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
				throw new IllegalStateException("kill -INT of process group " + processGroup() + " failed");
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The process group of the JVM: its own, since it was started through {@code setsid} (so a
	 * group signal never reaches the test's JVM), and of every child it starts in it.
	 */
	private long processGroup() throws IOException {
		String stat = Files.readString(Path.of("/proc/" + this.process.pid() + "/stat"));
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Long.parseLong(fields[2]);
	}

	/** SIGTERM, as {@code kill PID}, systemd or Kubernetes send it. */
	public void terminate() {
		this.process.destroy();
	}

	/** SIGKILL: the process dies at once, without any shutdown hook; returns once it is gone (at most 30 s). */
	public void kill() {
		try {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Waits for the process to end; fails (and kills it) when it does not within the time given. */
	public Result await(long seconds) {
		try {
			if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new AssertionError("newsprobe did not end within " + seconds + " s; output:\n" + out()
						+ "\nerrors:\n" + err());
			}
			return new Result(this.process.exitValue(), out(), err());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Stops it as a service manager would (SIGTERM, then SIGKILL after 20 s) if it still runs. */
	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	/** Waits, at most a bounded time, for a condition; fails with the processes' output when it never holds. */
	public static void await(Duration atMost, String what, BooleanSupplier condition, NewsprobeProcess... processes)
			throws InterruptedException {
		long deadline = System.nanoTime() + atMost.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			Thread.sleep(200);
		}
		StringBuilder output = new StringBuilder();
		for (NewsprobeProcess process : processes) {
			output.append("\n--- process ").append(process.pid()).append(process.isAlive() ? " (alive)" : " (ended)")
				.append(" ---\n").append(process.output());
		}
		throw new AssertionError("not within " + atMost.toSeconds() + " s: " + what + output);
	}

	private static String read(Path file) {
		try {
			return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How a process ended. */
	public record Result(int code, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.code + "\n--- out:\n" + this.out + "\n--- err:\n" + this.err;
		}

	}

}
