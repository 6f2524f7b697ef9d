package dev.newsprobe.jobs.probe;

import java.util.function.Supplier;

import dev.newsprobe.core.probe.Prober;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStream;

/**
 * Starts the probe of each due URL and hands it on unfinished, so that every URL of a chunk is in
 * flight at once (within the prober's limits) and the writer waits for them together. Owns one
 * prober (and so one connection pool) per step execution.
 */
public final class UrlProbeProcessor implements ItemProcessor<DueUrl, PendingProbe>, ItemStream {

	private final Supplier<Prober> probers;

	private Prober prober;

	public UrlProbeProcessor(Supplier<Prober> probers) {
		this.probers = probers;
	}

	@Override
	public void open(ExecutionContext context) {
		this.prober = this.probers.get();
	}

	@Override
	public PendingProbe process(DueUrl due) {
		return new PendingProbe(due, this.prober.probe(due.request()));
	}

	@Override
	public void close() {
		if (this.prober != null) {
			this.prober.close();
			this.prober = null;
		}
	}

}
