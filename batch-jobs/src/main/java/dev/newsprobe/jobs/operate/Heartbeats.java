package dev.newsprobe.jobs.operate;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.jobs.operate.internal.HeartbeatRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Keeps the heartbeat of every job execution this process runs: a row naming the process when
 * the execution begins, and a fresh beat every interval from a daemon thread while it runs. The
 * row stays after the execution ends, as a record of where it ran, with the time it ended.
 * Also the process's list of its running executions, which a graceful stop asks to stop.
 */
public final class Heartbeats implements JobExecutionListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeats.class);

	private final HeartbeatRepository repository;

	private final ProcessIdentity process = ProcessIdentity.current();

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	private final ScheduledExecutorService beater;

	private final Object lock = new Object();

	Heartbeats(HeartbeatRepository repository, Duration interval) {
		this.repository = repository;
		this.beater = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "newsprobe-heartbeat");
			thread.setDaemon(true);
			return thread;
		});
		long millis = interval.toMillis();
		this.beater.scheduleWithFixedDelay(this::beat, millis, millis, TimeUnit.MILLISECONDS);
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.repository.register(execution.getId(), this.process);
		this.running.put(execution.getId(), execution);
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			this.repository.ended(execution.getId());
		}
		catch (RuntimeException ex) {
			logger.warn("Could not record the end of execution {}: {}", execution.getId(), ex.getMessage());
		}
		synchronized (this.lock) {
			this.running.remove(execution.getId());
			this.lock.notifyAll();
		}
	}

	/** The executions running in this process now (the live objects their steps update). */
	public List<JobExecution> running() {
		return List.copyOf(this.running.values());
	}

	/** This process, as its heartbeats name it. */
	public ProcessIdentity process() {
		return this.process;
	}

	/**
	 * Waits until no execution runs in this process any more.
	 * @param timeout the longest wait
	 * @return whether none runs
	 * @throws InterruptedException when interrupted while waiting
	 */
	public boolean awaitNoneRunning(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		synchronized (this.lock) {
			while (!this.running.isEmpty()) {
				long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
				if (left <= 0) {
					return false;
				}
				this.lock.wait(left);
			}
			return true;
		}
	}

	private void beat() {
		try {
			this.repository.beat(this.running.keySet());
		}
		catch (RuntimeException ex) {
			// A missed beat is harmless unless many are missed; the run itself must not suffer for it.
			logger.warn("Could not record the heartbeat of executions {}: {}", this.running.keySet(), ex.getMessage());
		}
	}

	@Override
	public void close() {
		this.beater.shutdownNow();
	}

}
