package dev.newsprobe.app.schedule;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsprobe.app.NewsprobeApplication;

/**
 * A newsprobe command running in a JVM of its own, as a scheduler starts it: its output goes to
 * files (so it is not a terminal), and it can be stopped or killed like any process.
 */
final class NewsprobeProcess implements AutoCloseable {

	private final Process process;

	private final Path out;

	private final Path err;

	private NewsprobeProcess(Process process, Path out, Path err) {
		this.process = process;
		this.out = out;
		this.err = err;
	}

	/**
	 * Starts {@code newsprobe} with arguments.
	 * @param logs where its stdout and stderr files go
	 * @param name a name for those files
	 */
	static NewsprobeProcess start(Path logs, String name, List<String> args) {
		String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
		List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp", classpath, NewsprobeApplication.class.getName()));
		command.addAll(args);
		Path out = logs.resolve(name + ".out");
		Path err = logs.resolve(name + ".err");
		try {
			Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
				.redirectError(err.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			return new NewsprobeProcess(process, out, err);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	String out() {
		return read(this.out);
	}

	String err() {
		return read(this.err);
	}

	/** Everything it printed, stdout then stderr. */
	String output() {
		return out() + err();
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** The port of its metrics endpoint, once it has printed it; -1 before. */
	int metricsPort() {
		Matcher matcher = Pattern.compile("Metrics at http://127\\.0\\.0\\.1:(\\d+)/metrics").matcher(out());
		return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
	}

	/** SIGKILL: the process dies at once, without any shutdown hook. */
	void kill() throws InterruptedException {
		this.process.destroyForcibly();
		this.process.waitFor(30, TimeUnit.SECONDS);
	}

	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroy();
			if (!this.process.waitFor(20, TimeUnit.SECONDS)) {
				kill();
			}
		}
	}

	/** Waits, at most a bounded time, for a condition; fails with a description when it never holds. */
	static void await(Duration atMost, String what, java.util.function.BooleanSupplier condition, NewsprobeProcess... processes)
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

}
