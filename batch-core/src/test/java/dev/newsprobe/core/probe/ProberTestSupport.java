package dev.newsprobe.core.probe;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.fail;

/** Helpers shared by the prober's integration tests. */
final class ProberTestSupport {

	/** Far longer than any probe may take: a probe still running then is a hang, reported as such. */
	private static final Duration HANG = Duration.ofSeconds(30);

	private ProberTestSupport() {
	}

	/** Probes one URL and waits for its result; a probe that never completes fails the test. */
	static ProbeResult probe(Prober prober, ProbeRequest request) {
		try {
			return prober.probe(request).get(HANG.toSeconds(), TimeUnit.SECONDS);
		}
		catch (TimeoutException ex) {
			return fail("no result for " + request.url() + " within " + HANG.toSeconds() + " s: the probe hangs");
		}
		catch (ExecutionException ex) {
			return fail("the probe of " + request.url() + " completed exceptionally; every failure should be a verdict",
					ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return fail("interrupted");
		}
	}

	/**
	 * Waits until a condition holds, e.g. until a fixture server has noticed that the client went away
	 * (a server notices a close only when it next reads or writes).
	 */
	static void awaitTrue(BooleanSupplier condition, Duration within, String what) {
		long deadline = System.nanoTime() + within.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				fail("not true within " + within.toMillis() + " ms: " + what);
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				fail("interrupted while waiting until " + what);
			}
		}
	}

}
