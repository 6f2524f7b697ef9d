package dev.newsprobe.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.app.NewsprobeApplication;

/**
 * A {@code newsprobe} command run in a JVM of its own, as a scheduler or an operator runs it, so
 * that it can be killed, signalled and observed from outside. Its output goes to files.
 */
final class NewsprobeProcess {

	private final Process process;

	private final Path out;

	private final Path err;

	private NewsprobeProcess(Process process, Path out, Path err) {
		this.process = process;
		this.out = out;
		this.err = err;
	}

	/** Starts {@code newsprobe ARGS} with the test classpath; output to files under {@code dir}. */
	static NewsprobeProcess start(Path dir, String name, List<String> args) {
		try {
			Files.createDirectories(dir);
			String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
			String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
			List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
					NewsprobeApplication.class.getName()));
			command.addAll(args);
			Path out = dir.resolve(name + ".out");
			Path err = dir.resolve(name + ".err");
			Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
			return new NewsprobeProcess(process, out, err);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Runs {@code newsprobe ARGS} to its end (at most two minutes). */
	static Result run(Path dir, String name, List<String> args) {
		return start(dir, name, args).await(120);
	}

	long pid() {
		return this.process.pid();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/** SIGTERM, as {@code kill PID}, systemd or Kubernetes send it. */
	void terminate() {
		this.process.destroy();
	}

	/** SIGKILL: the process gets no chance to clean up. */
	void kill() {
		this.process.destroyForcibly();
	}

	/** Waits for the process to end; fails (and kills it) when it does not within the time given. */
	Result await(long seconds) {
		try {
			if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				throw new AssertionError("newsprobe did not end within " + seconds + " s; output:\n" + read(this.out)
						+ "\nerrors:\n" + read(this.err));
			}
			return new Result(this.process.exitValue(), read(this.out), read(this.err));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String errSoFar() {
		return read(this.err);
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
	record Result(int code, String out, String err) {

		@Override
		public String toString() {
			return "exit " + this.code + "\n--- out:\n" + this.out + "\n--- err:\n" + this.err;
		}

	}

}
