package dev.newsprobe.jobs.operate;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;

/**
 * The operating-system process that runs a job execution: its host, pid and start time (the
 * start time tells a live process from another one that later got the same pid).
 *
 * @param host the host name
 * @param pid the process id on that host
 * @param startedAt when the process started, or {@code null} when the platform does not say
 */
public record ProcessIdentity(String host, long pid, Instant startedAt) {

	/** This process. */
	public static ProcessIdentity current() {
		ProcessHandle self = ProcessHandle.current();
		return new ProcessIdentity(hostName(), self.pid(), startOf(self).orElse(null));
	}

	/** Whether this identity names a process on the host this code runs on. */
	public boolean isOnThisHost() {
		return this.host.equals(hostName());
	}

	/**
	 * Whether the process is still alive; only answerable on its own host.
	 * @return {@code true} or {@code false} on this host, empty on another host
	 */
	public Optional<Boolean> isAlive() {
		if (!isOnThisHost()) {
			return Optional.empty();
		}
		Optional<ProcessHandle> handle = ProcessHandle.of(this.pid).filter(ProcessHandle::isAlive);
		if (handle.isEmpty()) {
			return Optional.of(false);
		}
		Optional<Instant> start = startOf(handle.get());
		if (this.startedAt != null && start.isPresent() && !sameSecond(this.startedAt, start.get())) {
			return Optional.of(false);
		}
		return Optional.of(true);
	}

	@Override
	public String toString() {
		return "pid " + this.pid + " on " + this.host;
	}

	private static boolean sameSecond(Instant a, Instant b) {
		return Math.abs(ChronoUnit.MILLIS.between(a, b)) < 1000;
	}

	private static Optional<Instant> startOf(ProcessHandle handle) {
		return handle.info().startInstant();
	}

	/**
	 * The name this host goes by in heartbeats and locks: the JVM's system property
	 * {@code newsprobe.host-name} when set (for machines that share a name, such as containers
	 * cloned from one image), else the machine's host name.
	 */
	public static String hostName() {
		String configured = System.getProperty("newsprobe.host-name");
		if (configured != null && !configured.isBlank()) {
			return configured.strip();
		}
		try {
			return Objects.requireNonNullElse(InetAddress.getLocalHost().getHostName(), "localhost");
		}
		catch (UnknownHostException ex) {
			String env = System.getenv("HOSTNAME");
			return (env != null && !env.isBlank()) ? env : "localhost";
		}
	}

}
