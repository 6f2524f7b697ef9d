package dev.newsprobe.jobs.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.newsprobe.core.probe.Prober;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the distinct URLs due for probing, in an order that interleaves hosts, and starts their probes ahead of the
 * chunk that will write them: up to {@code window} probes are in flight at any time, so while one
 * chunk waits for its slowest URL and is written, the next chunk's probes are already running.
 * Owns one prober (one connection pool) per step execution.
 * <p>
 * Restartable: the cutoff (the moment the step first started; URLs due later wait for the next
 * run) and the last URL handed to a chunk are saved with every commit under {@value #NAME}. Probes
 * started for URLs past the last commit are simply made again after a restart; only committed
 * results are ever written.
 */
public final class ProbingReader implements ItemStreamReader<PendingProbe> {

	/** The name the reader's restart state is stored under. */
	public static final String NAME = "probingReader";

	/** The moment the step first started; URLs due later wait for the next run (a partitioner may set it). */
	public static final String CUTOFF = NAME + ".cutoff";

	/**
	 * How long closing waits for the probes started ahead of the last chunk (a stopped or failed
	 * step leaves up to a window of them) before the prober is closed under the rest.
	 */
	static final Duration DRAIN = Duration.ofSeconds(5);

	private static final String LAST_URL = NAME + ".last.url";

	/** Pages of due URLs. */
	@FunctionalInterface
	public interface DueUrls {

		/**
		 * @param cutoff URLs due after it wait for the next run
		 * @param after the last URL already read
		 * @param limit the page size
		 * @return the next URLs due, in the order of the due query (hosts interleaved)
		 */
		List<DueUrl> due(Instant cutoff, String after, int limit);

		/** Called once when the step opens, before the first page is read. */
		default void prepare() {
		}

	}

	private final DueUrls source;

	private final Supplier<Prober> probers;

	private final int window;

	private final Deque<DueUrl> page = new ArrayDeque<>();

	private final Deque<PendingProbe> inFlight = new ArrayDeque<>();

	private Prober prober;

	private Instant cutoff;

	private String lastRead;

	private String lastReturned;

	private boolean exhausted;

	/**
	 * @param source the due URLs
	 * @param probers makes the prober of a step execution
	 * @param window how many probes may run ahead of the chunk being read (also the page size)
	 */
	public ProbingReader(DueUrls source, Supplier<Prober> probers, int window) {
		this.source = source;
		this.probers = probers;
		this.window = window;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.cutoff = context.containsKey(CUTOFF) ? Instant.parse(context.getString(CUTOFF)) : Instant.now();
		this.lastReturned = context.containsKey(LAST_URL) ? context.getString(LAST_URL) : "";
		this.lastRead = this.lastReturned;
		this.page.clear();
		this.inFlight.clear();
		this.exhausted = false;
		this.source.prepare();
		this.prober = this.probers.get();
	}

	@Override
	public PendingProbe read() {
		while (this.inFlight.size() < this.window) {
			DueUrl next = nextDue();
			if (next == null) {
				break;
			}
			this.inFlight.add(new PendingProbe(next, this.prober.probe(next.request())));
		}
		PendingProbe pending = this.inFlight.poll();
		if (pending != null) {
			this.lastReturned = pending.due().url();
		}
		return pending;
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		context.putString(CUTOFF, this.cutoff.toString());
		context.putString(LAST_URL, this.lastReturned);
	}

	@Override
	public void close() throws ItemStreamException {
		drain();
		this.page.clear();
		this.inFlight.clear();
		if (this.prober != null) {
			this.prober.close();
			this.prober = null;
		}
	}

	/**
	 * Lets the probes already started end, within {@link #DRAIN}, so that closing the prober does not
	 * cut exchanges off midway. Their results are not written: a restart probes those URLs again.
	 */
	private void drain() {
		if (this.inFlight.isEmpty()) {
			return;
		}
		CompletableFuture<?>[] running = this.inFlight.stream().map(PendingProbe::result).toArray(CompletableFuture[]::new);
		try {
			CompletableFuture.allOf(running).get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException | ExecutionException ex) {
			// the rest are cut off by closing the prober
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private DueUrl nextDue() {
		if (this.page.isEmpty() && !this.exhausted) {
			List<DueUrl> next = this.source.due(this.cutoff, this.lastRead, this.window);
			this.page.addAll(next);
			this.exhausted = next.size() < this.window;
			if (!next.isEmpty()) {
				this.lastRead = next.get(next.size() - 1).url();
			}
		}
		return this.page.poll();
	}

}
