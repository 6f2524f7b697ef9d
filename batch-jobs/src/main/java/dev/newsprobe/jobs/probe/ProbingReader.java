package dev.newsprobe.jobs.probe;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.newsprobe.core.http.HostPoliteness;
import dev.newsprobe.core.probe.Prober;
import dev.newsprobe.jobs.support.ReadAhead;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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

	private static final Logger log = LoggerFactory.getLogger(ProbingReader.class);

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

		/**
		 * Called once when the step closes, with the hosts its prober slowed down for (429, 503, timeouts).
		 * @param hosts the hosts, with how low their limit went
		 */
		default void slowedDown(List<HostPoliteness> hosts) {
		}

	}

	private final DueUrls source;

	private final Supplier<Prober> probers;

	private final ReadAhead<DueUrl, PendingProbe> urls;

	private Prober prober;

	/**
	 * @param source the due URLs
	 * @param probers makes the prober of a step execution
	 * @param window how many probes may run ahead of the chunk being read (also the page size)
	 */
	public ProbingReader(DueUrls source, Supplier<Prober> probers, int window) {
		this.source = source;
		this.probers = probers;
		this.urls = new ReadAhead<>(CUTOFF, LAST_URL, source::due, DueUrl::url, pending -> pending.due().url(), window);
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.urls.open(context, true);
		this.source.prepare();
		this.prober = this.probers.get();
	}

	@Override
	public PendingProbe read() {
		return this.urls.read(due -> new PendingProbe(due, this.prober.probe(due.request())));
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		this.urls.update(context);
	}

	@Override
	public void close() throws ItemStreamException {
		drain(this.urls.close());
		if (this.prober != null) {
			try {
				this.source.slowedDown(this.prober.politeness());
			}
			catch (RuntimeException ex) {
				// the evidence of politeness is not worth failing the step that probed
				log.warn("could not record the hosts the probe step slowed down for: {}", ex.toString());
			}
			finally {
				this.prober.close();
				this.prober = null;
			}
		}
	}

	/**
	 * Lets the probes already started end, within {@link #DRAIN}, so that closing the prober does not
	 * cut exchanges off midway. Their results are not written: a restart probes those URLs again.
	 */
	private static void drain(List<PendingProbe> started) {
		if (started.isEmpty()) {
			return;
		}
		CompletableFuture<?>[] running = started.stream().map(PendingProbe::result).toArray(CompletableFuture[]::new);
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

}
