package dev.newsprobe.app.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.newsprobe.app.schedule.TriggerLauncher.Outcome;
import dev.newsprobe.jobs.run.RunParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;

/**
 * Runs the jobs of a schedule on their cron expressions until it is closed or its thread is
 * interrupted: one thread per job, so a long audit never delays another job's trigger.
 * <p>
 * At each trigger the job's {@link JobLock} is tried first. If another process (or another
 * scheduler in this one) holds it, the trigger is skipped and the log says who holds it; otherwise
 * {@link TriggerLauncher} runs the trigger and the lock is released when it ends. Triggers that
 * pass while a run lasts are not made up for afterwards: the log counts them, and the job waits
 * for its next trigger.
 */
public final class JobScheduler implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(JobScheduler.class);

	private final List<ScheduledJob> jobs;

	private final ZoneId zone;

	private final TriggerLauncher launcher;

	private final JobLock.Connections connections;

	private final Clock clock;

	private final List<Thread> threads = new ArrayList<>();

	private volatile boolean closed;

	private final Object wake = new Object();

	private volatile boolean runStopped;

	/**
	 * @param jobs what runs when
	 * @param zone the time zone the cron expressions are read in
	 * @param launcher runs a trigger
	 * @param connections opens the dedicated connection each run's lock lives on
	 * @param clock the time
	 */
	public JobScheduler(List<ScheduledJob> jobs, ZoneId zone, TriggerLauncher launcher, JobLock.Connections connections,
			Clock clock) {
		this.jobs = List.copyOf(jobs);
		this.zone = zone;
		this.launcher = launcher;
		this.connections = connections;
		this.clock = clock;
	}

	/** The next trigger of an entry after now. */
	public ZonedDateTime nextTrigger(ScheduledJob entry) {
		return entry.cron().next(ZonedDateTime.now(this.clock.withZone(this.zone)));
	}

	/**
	 * Runs the schedule until {@link #close()} or an interrupt of the calling thread.
	 * @throws InterruptedException when the calling thread is interrupted
	 */
	public void run() throws InterruptedException {
		for (ScheduledJob entry : this.jobs) {
			Thread thread = new Thread(() -> loop(entry), "newsprobe-schedule-" + entry.name());
			this.threads.add(thread);
			thread.start();
		}
		try {
			for (Thread thread : this.threads) {
				thread.join();
			}
		}
		finally {
			close();
		}
	}

	/**
	 * Ends the schedule: a job waiting for its next trigger stops waiting at once; a run in
	 * progress is not interrupted (a signal asks it to stop after its current chunk), and no
	 * trigger starts after it.
	 */
	@Override
	public void close() {
		this.closed = true;
		synchronized (this.wake) {
			this.wake.notifyAll();
		}
	}

	/** Whether the schedule has been closed. */
	public boolean isClosed() {
		return this.closed;
	}

	/** Whether a run of the schedule ended STOPPED (asked to stop by a signal or by {@code newsprobe stop}). */
	public boolean anyRunStopped() {
		return this.runStopped;
	}

	private void loop(ScheduledJob entry) {
		ZonedDateTime next = nextTrigger(entry);
		while (!this.closed) {
			try {
				sleepUntil(next);
			}
			catch (InterruptedException ex) {
				return;
			}
			if (this.closed) {
				return;
			}
			fire(entry, next);
			ZonedDateTime now = ZonedDateTime.now(this.clock.withZone(this.zone));
			ZonedDateTime following = entry.cron().next(next);
			int missed = 0;
			while (following != null && !following.isAfter(now)) {
				missed++;
				following = entry.cron().next(following);
				if (missed > 10_000) {
					following = entry.cron().next(now);
					break;
				}
			}
			if (missed > 0) {
				log.warn("{}: {} trigger(s) passed while the run of {} lasted; they are not made up for. Next trigger at {}",
						entry.name(), missed, RunParameters.scheduledAt(next), following);
			}
			if (following == null) {
				log.warn("{}: '{}' has no further trigger; the job is no longer scheduled", entry.name(), entry.cronText());
				return;
			}
			next = following;
		}
	}

	/**
	 * Runs one trigger of a job if its lock is free. Used by the loop; public so that a trigger can
	 * be fired on purpose.
	 * @param entry the job
	 * @param trigger the trigger's time
	 * @return what happened, or empty when the trigger was skipped or failed to launch
	 */
	public Optional<Outcome> fire(ScheduledJob entry, ZonedDateTime trigger) {
		String at = RunParameters.scheduledAt(trigger);
		Optional<JobLock> lock;
		try {
			lock = JobLock.tryAcquire(this.connections, entry.name());
		}
		catch (Exception ex) {
			log.error("{} trigger {}: skipped, the lock could not be asked for: {}", entry.name(), at, ex.toString());
			return Optional.empty();
		}
		if (lock.isEmpty()) {
			log.info("{} trigger {}: skipped, another scheduler is running {} ({})", entry.name(), at, entry.name(),
					describeHolder(entry.name()));
			return Optional.empty();
		}
		try (JobLock held = lock.get()) {
			log.info("{} trigger {}: lock taken, running", entry.name(), at);
			Outcome outcome = this.launcher.run(entry, trigger);
			report(entry, at, outcome);
			if (outcome.execution().getStatus() == org.springframework.batch.core.BatchStatus.STOPPED) {
				this.runStopped = true;
			}
			return Optional.of(outcome);
		}
		catch (Exception ex) {
			log.error("{} trigger {}: could not be run: {}", entry.name(), at, ex.toString(), ex);
			return Optional.empty();
		}
	}

	private String describeHolder(String jobName) {
		try (var connection = this.connections.open()) {
			String holder = JobLock.holder(connection, jobName);
			return (holder != null) ? "lock held by " + holder : "its lock was released a moment ago";
		}
		catch (Exception ex) {
			return "the lock is held; its holder could not be read: " + ex.getMessage();
		}
	}

	private static void report(ScheduledJob entry, String at, Outcome outcome) {
		if (outcome.resumed() != null) {
			log.info("{} trigger {}: restarted the earlier failed run first: {}", entry.name(), at, describe(outcome.resumed()));
		}
		JobExecution execution = outcome.execution();
		switch (outcome.action()) {
			case STARTED -> log.info("{} trigger {}: {}", entry.name(), at, describe(execution));
			case RESTARTED -> log.info("{} trigger {}: restarted this trigger's failed run: {}", entry.name(), at,
					describe(execution));
			case ALREADY_COMPLETED -> log.info("{} trigger {}: already completed by execution {}; nothing to do", entry.name(),
					at, execution.getId());
			case EARLIER_RUN_STILL_FAILING -> log.warn("{} trigger {}: the earlier failed run (execution {}) failed again; "
					+ "this trigger's run waits for it. The next trigger tries again; 'newsprobe abandon {}' gives up on it",
					entry.name(), at, execution.getId(), execution.getId());
			case REFUSED_RUNNING -> log.warn("{} trigger {}: execution {} of this trigger is marked {} though no scheduler "
					+ "holds the lock; its process is gone: 'newsprobe recover' marks it failed so the next trigger restarts it",
					entry.name(), at, execution.getId(), execution.getStatus());
		}
	}

	private static String describe(JobExecution execution) {
		Duration took = (execution.getStartTime() != null && execution.getEndTime() != null)
				? Duration.between(execution.getStartTime(), execution.getEndTime()) : Duration.ZERO;
		return "execution " + execution.getId() + " " + execution.getStatus() + " in "
				+ String.format(java.util.Locale.ROOT, "%.1f s", took.toMillis() / 1000.0);
	}

	private void sleepUntil(ZonedDateTime when) throws InterruptedException {
		synchronized (this.wake) {
			while (!this.closed) {
				long millis = Duration.between(ZonedDateTime.now(this.clock.withZone(this.zone)), when).toMillis();
				if (millis <= 0) {
					return;
				}
				this.wake.wait(Math.min(millis, 60_000));
			}
		}
		throw new InterruptedException("the schedule is closed");
	}

}
