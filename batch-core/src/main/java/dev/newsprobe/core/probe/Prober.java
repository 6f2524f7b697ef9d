package dev.newsprobe.core.probe;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.newsprobe.core.http.HostPoliteness;

/** Checks URLs over HTTP and gives a verdict with its evidence for each. */
public interface Prober extends AutoCloseable {

	/**
	 * Probes one URL. The future never completes exceptionally: every failure is a verdict.
	 * @param request what to probe
	 * @return the result, when it is known
	 */
	CompletableFuture<ProbeResult> probe(ProbeRequest request);

	/**
	 * Probes many URLs at once, within the policy's limits, and waits for all.
	 * @param requests what to probe
	 * @return one result per request, in the same order
	 */
	default List<ProbeResult> probeAll(List<ProbeRequest> requests) {
		List<CompletableFuture<ProbeResult>> futures = requests.stream().map(this::probe).toList();
		return futures.stream().map(CompletableFuture::join).toList();
	}

	/**
	 * The hosts this prober slowed down for (429, 503, timeouts cut their limit of requests in flight), with
	 * their limit now: the evidence of its adaptive politeness. Empty when it never had to.
	 */
	default List<HostPoliteness> politeness() {
		return List.of();
	}

	@Override
	void close();

}
