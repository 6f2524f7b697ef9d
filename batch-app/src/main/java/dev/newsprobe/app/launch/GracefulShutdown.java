package dev.newsprobe.app.launch;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.jobs.operate.Heartbeats;
import dev.newsprobe.jobs.operate.OperationsProperties;
import dev.newsprobe.jobs.operate.RunningExecutions;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What SIGTERM and Ctrl-C do to a newsprobe process: every job execution running in it is asked
 * to stop, as {@code newsprobe stop} would ask (the step finishes its current chunk, commits, and
 * the execution ends STOPPED, restartable); the command then ends as usual, and the process exits
 * with the command's exit code (3 for a stopped run). If that takes longer than
 * {@code newsprobe.operations.stop-timeout}, the process exits anyway, with exit code 1, and says
 * so; the execution is then left running in the job repository until {@code recover} finds it.
 * <p>
 * It replaces Spring Boot's shutdown hook, which would close the application (its connection
 * pool) under the running step: the application is closed by the command once the run has
 * stopped, or here when the command does not end in time. The embedded database is a service of
 * its own that outlives the process, so the STOPPED is committed before anything goes away.
 * A command that waits for something else (the schedule, a worker) hears of the signal through a
 * {@link ShutdownRequestedEvent} and ends its wait at once.
 */
public final class GracefulShutdown {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

	private static final long POLL_MILLIS = 200;

	private final PrintWriter err;

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile int exitCode = 1;

	private final java.util.List<ConfigurableApplicationContext> contexts = new java.util.concurrent.CopyOnWriteArrayList<>();

	/** @param err where to say what a signal does */
	public GracefulShutdown(PrintWriter err) {
		this.err = err;
	}

	/** Registers the JVM shutdown hook; call once, from {@code main}. */
	public GracefulShutdown install() {
		Runtime.getRuntime().addShutdownHook(new Thread(this::onSignal, "newsprobe-graceful-shutdown"));
		return this;
	}

	/**
	 * Remembers an application a command started, to stop its runs on a signal (a command may start
	 * more than one: a restart runs in an application of its own when the run's settings differ).
	 */
	public ConfigurableApplicationContext watch(ConfigurableApplicationContext context) {
		this.contexts.add(context);
		return context;
	}

	/** Tells the hook the command has ended (and closed the application) with an exit code. */
	public void finished(int exitCode) {
		this.exitCode = exitCode;
		this.finished.countDown();
	}

	private void onSignal() {
		if (this.finished.getCount() == 0) {
			return; // a normal exit: the command is done
		}
		if (this.contexts.isEmpty()) {
			return; // nothing started yet: nothing to stop
		}
		Duration timeout = timeout(this.contexts.get(0));
		try {
			long deadline = System.nanoTime() + timeout.toNanos();
			Set<Long> asked = new HashSet<>();
			for (ConfigurableApplicationContext context : this.contexts) {
				try {
					if (context.isActive()) {
						context.publishEvent(new ShutdownRequestedEvent(this));
					}
				}
				catch (RuntimeException ex) {
					// the application is closing as the command ends
				}
			}
			while (System.nanoTime() < deadline) {
				for (ConfigurableApplicationContext context : this.contexts) {
					try {
						if (context.isActive()) {
							stopRunning(context, asked, timeout);
						}
					}
					catch (RuntimeException ex) {
						// the command is closing the application as it ends: nothing left to stop
					}
				}
				if (this.finished.await(POLL_MILLIS, TimeUnit.MILLISECONDS)) {
					halt(this.exitCode);
				}
			}
			warn("the run did not stop within " + timeout.toSeconds() + " s (newsprobe.operations.stop-timeout); "
					+ "exiting anyway. " + (asked.isEmpty() ? ""
							: "Execution(s) " + asked + " may be left running in the job repository: "
									+ "'newsprobe recover --restart' marks them failed and resumes them."));
			for (ConfigurableApplicationContext context : this.contexts) {
				if (context.isActive()) {
					context.close();
				}
			}
			halt(1);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			halt(1);
		}
		catch (RuntimeException ex) {
			warn("could not stop the run cleanly: " + ex.getMessage());
			halt(1);
		}
	}

	/**
	 * Asks the executions running in this process to stop, as {@code newsprobe stop} asks from
	 * another process: their running steps are told directly, and their status becomes STOPPING in
	 * the job repository (see {@link RunningExecutions#requestStop} for why not through
	 * {@code JobOperator.stop}: here it would close the probing reader's prober under the chunk
	 * being written).
	 */
	private void stopRunning(ConfigurableApplicationContext context, Set<Long> asked, Duration timeout) {
		List<JobExecution> running = context.getBean(Heartbeats.class).running();
		for (JobExecution live : running) {
			if (!asked.add(live.getId())) {
				continue;
			}
			warn("stopping " + live.getJobInstance().getJobName() + " execution " + live.getId()
					+ " after its current chunk (up to " + timeout.toSeconds() + " s)...");
			for (StepExecution step : live.getStepExecutions()) {
				if (step.getStatus().isRunning()) {
					step.setTerminateOnly();
				}
			}
			context.getBean(RunningExecutions.class).requestStop(live.getId());
		}
	}

	private static Duration timeout(ConfigurableApplicationContext context) {
		try {
			return context.getBean(OperationsProperties.class).stopTimeout();
		}
		catch (RuntimeException ex) {
			return DEFAULT_TIMEOUT;
		}
	}

	private void warn(String message) {
		this.err.println("newsprobe: " + message);
		this.err.flush();
	}

	private void halt(int code) {
		this.err.flush();
		System.out.flush();
		Runtime.getRuntime().halt(code);
	}

}
