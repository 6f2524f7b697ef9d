package dev.newsprobe.jobs.observe;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.ToLongFunction;

import dev.newsprobe.core.probe.ProbeListener;
import dev.newsprobe.core.probe.ProbeRequest;
import dev.newsprobe.core.probe.ProbeResult;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemReadListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Shows how far a long step is, every few seconds while it runs: items done, rate, and, when the
 * total is known up front (the URLs due), percentage and time left. At a terminal it redraws one
 * line in place; otherwise it prints plain lines a log or a scheduler's journal can keep.
 * <p>
 * Items are counted as they are read ({@link #countingReads}) or as a prober reaches verdicts
 * ({@link #countingVerdicts}). Also puts the job execution id and step name into the logging
 * context (MDC keys {@value LogContext#JOB_EXECUTION_ID} and {@value LogContext#STEP}) for the
 * step's thread. One step of one job runs at a time in a process, so one instance per step is enough.
 */
public final class StepProgress implements StepExecutionListener, ItemReadListener<Object> {

	private static final int BAR_WIDTH = 24;

	private final String unit;

	private final boolean countReads;

	private final ToLongFunction<StepExecution> total;

	private final PrintWriter out;

	private final ProgressProperties properties;

	private final AtomicLong done = new AtomicLong();

	private volatile long expected = -1;

	private volatile long startNanos;

	private volatile String stepName = "";

	private volatile int printed;

	private ScheduledExecutorService ticker;

	/** Executions of the step running now in this process (the partitions of a partitioned step). */
	private int running;

	private StepProgress(String unit, boolean countReads, ToLongFunction<StepExecution> total, PrintWriter out,
			ProgressProperties properties) {
		this.unit = unit;
		this.countReads = countReads;
		this.total = total;
		this.out = out;
		this.properties = properties;
	}

	/** Progress counted in items read, total unknown (e.g. files found while walking the roots). */
	public static StepProgress countingReads(String unit, PrintWriter out, ProgressProperties properties) {
		return new StepProgress(unit, true, null, out, properties);
	}

	/**
	 * Progress counted in verdicts of the prober given {@link #probeListener()}.
	 * @param total how many items the step will do, known when it starts (-1 for unknown)
	 */
	public static StepProgress countingVerdicts(String unit, ToLongFunction<StepExecution> total, PrintWriter out,
			ProgressProperties properties) {
		return new StepProgress(unit, false, total, out, properties);
	}

	/** Counts one verdict per URL a prober finishes. */
	public ProbeListener probeListener() {
		return new ProbeListener() {

			@Override
			public void probeFinished(ProbeRequest request, ProbeResult result) {
				StepProgress.this.done.incrementAndGet();
			}

		};
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		LogContext.enterStep(stepExecution);
		synchronized (this) {
			// the partitions of a partitioned step run at once in one process and share this listener:
			// the first one starts the count and the ticker, the last one to end stops them
			if (this.running++ > 0) {
				return;
			}
			String name = stepExecution.getStepName();
			int partition = name.indexOf(':');
			this.stepName = (partition > 0) ? name.substring(0, partition) : name;
			this.done.set(0);
			this.printed = 0;
			this.startNanos = System.nanoTime();
			ProgressProperties.Mode mode = this.properties.effectiveMode();
			if (mode == ProgressProperties.Mode.OFF) {
				return;
			}
			this.expected = (this.total != null) ? this.total.applyAsLong(stepExecution) : -1;
			this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> {
				Thread thread = new Thread(runnable, "newsprobe-progress");
				thread.setDaemon(true);
				return thread;
			});
			long every = this.properties.interval().toMillis();
			this.ticker.scheduleAtFixedRate(() -> show(mode), every, every, TimeUnit.MILLISECONDS);
		}
	}

	@Override
	public void afterRead(Object item) {
		if (this.countReads) {
			this.done.incrementAndGet();
		}
	}

	@Override
	public ExitStatus afterStep(StepExecution stepExecution) {
		try {
			synchronized (this) {
				if (--this.running == 0 && this.ticker != null) {
					this.ticker.shutdownNow();
					this.ticker = null;
					if (this.printed > 0) {
						finish(this.properties.effectiveMode(), stepExecution);
					}
				}
			}
		}
		finally {
			LogContext.leaveStep();
		}
		return null;
	}

	/** Items done in the current (or last) execution of the step. */
	public long done() {
		return this.done.get();
	}

	private synchronized void show(ProgressProperties.Mode mode) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - this.startNanos);
		String line = line(this.stepName, this.done.get(), this.expected, elapsed, this.unit, mode == ProgressProperties.Mode.BAR);
		if (mode == ProgressProperties.Mode.BAR) {
			this.out.print("\r" + line + "\u001b[K");
		}
		else {
			this.out.println(line);
		}
		this.out.flush();
		this.printed++;
	}

	private synchronized void finish(ProgressProperties.Mode mode, StepExecution stepExecution) {
		Duration elapsed = Duration.ofNanos(System.nanoTime() - this.startNanos);
		long items = this.done.get();
		String summary = String.format(Locale.ROOT, "%s: %s, %,d %s in %s (%s %s/s)", this.stepName,
				stepExecution.getStatus(), items, this.unit, seconds(elapsed), rate(items, elapsed), this.unit);
		this.out.println((mode == ProgressProperties.Mode.BAR) ? "\r" + summary + "\u001b[K" : summary);
		this.out.flush();
	}

	/**
	 * One progress report.
	 * @param step the step's name
	 * @param done items done
	 * @param total items expected, or a negative number when unknown
	 * @param elapsed time since the step started
	 * @param unit what the items are ("files", "URLs")
	 * @param bar whether to draw a bar
	 * @return e.g. {@code articleAuditJob.probe: 1,234 of 5,000 URLs (24.7 %), 210.3 URLs/s, ETA 18 s}
	 */
	static String line(String step, long done, long total, Duration elapsed, String unit, boolean bar) {
		StringBuilder line = new StringBuilder(step).append(": ");
		double perSecond = (elapsed.toMillis() > 0) ? done * 1000.0 / elapsed.toMillis() : 0;
		if (total >= 0) {
			double fraction = (total > 0) ? Math.min(1.0, (double) done / total) : 1.0;
			if (bar) {
				int filled = (int) Math.round(fraction * BAR_WIDTH);
				line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ");
			}
			line.append(String.format(Locale.ROOT, "%,d of %,d %s (%.1f %%), %s %s/s", done, total, unit, fraction * 100,
					rate(done, elapsed), unit));
			if (perSecond > 0 && done < total) {
				line.append(", ETA ").append(seconds(Duration.ofMillis((long) ((total - done) / perSecond * 1000))));
			}
		}
		else {
			line.append(String.format(Locale.ROOT, "%,d %s, %s %s/s", done, unit, rate(done, elapsed), unit));
		}
		return line.toString();
	}

	private static String rate(long done, Duration elapsed) {
		return (elapsed.toMillis() > 0) ? String.format(Locale.ROOT, "%,.1f", done * 1000.0 / elapsed.toMillis()) : "-";
	}

	private static String seconds(Duration duration) {
		long s = duration.toSeconds();
		if (s < 60) {
			return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
		}
		if (s < 3600) {
			return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
		}
		return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s / 60) % 60);
	}

}
