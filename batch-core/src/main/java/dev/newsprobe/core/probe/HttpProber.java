package dev.newsprobe.core.probe;

import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.newsprobe.core.http.CallListener;
import dev.newsprobe.core.http.CallOutcome;
import dev.newsprobe.core.http.CallRequest;
import dev.newsprobe.core.http.HostPoliteness;
import dev.newsprobe.core.http.HostResolver;
import dev.newsprobe.core.http.HttpTransport;
import dev.newsprobe.core.probe.internal.ImageReadOn;
import dev.newsprobe.core.probe.internal.ProbeCalls;
import dev.newsprobe.core.probe.internal.ProbeJudge;

/**
 * The HTTP prober: each URL is one call through newsprobe's HTTP layer ({@link HttpTransport}: the address
 * guard, politeness, redirects and retries), then a verdict from what was read ({@link ProbeJudge}); an image
 * whose size is further into the file than its first bytes is read on for it ({@link ImageReadOn}).
 * <p>
 * Thread-safe, and meant to be shared: one prober (one connection pool, one politeness state per host) can
 * serve several steps or partitions of a process at once, each hearing its own probes through
 * {@link #listenedBy(ProbeListener)}. Closing the prober ends all of them.
 */
public final class HttpProber implements Prober {

	private final HttpTransport transport;

	private final ProbeListener listener;

	private final ProbeCalls calls;

	private final ProbeJudge judge;

	private final ImageReadOn sizes;

	public HttpProber(ProbePolicy policy) {
		this(policy, ProbeListener.NONE);
	}

	/**
	 * @param policy how to probe
	 * @param listener hears every URL, request, retry and verdict (metrics, progress)
	 */
	public HttpProber(ProbePolicy policy, ProbeListener listener) {
		this(policy, listener, null, null);
	}

	/**
	 * A prober that also trusts the certificate authorities of {@code extraTrust}, and asks {@code resolver} what
	 * host names resolve to.
	 * @param policy how to probe
	 * @param extraTrust certificates trusted in addition to the JDK's default trust store, e.g. an enterprise CA
	 * whose sites are audited, or a test CA; {@code null} for the default trust store only
	 * @param resolver the name resolver; {@code null} for the system's. Its answers pass the address guard like
	 * any other, and a connection goes to the address that was checked
	 */
	public HttpProber(ProbePolicy policy, KeyStore extraTrust, HostResolver resolver) {
		this(policy, ProbeListener.NONE, extraTrust, resolver);
	}

	/**
	 * The prober with all its hooks.
	 * @param policy how to probe
	 * @param listener hears every URL, request, retry and verdict (metrics, progress)
	 * @param extraTrust certificates trusted in addition to the JDK's default trust store, or {@code null}
	 * @param resolver the name resolver, or {@code null} for the system's
	 */
	public HttpProber(ProbePolicy policy, ProbeListener listener, KeyStore extraTrust, HostResolver resolver) {
		this.transport = new HttpTransport(policy.http(), extraTrust, resolver);
		this.listener = listener;
		this.calls = new ProbeCalls(policy);
		this.judge = new ProbeJudge(policy);
		this.sizes = new ImageReadOn(this.transport, policy);
	}

	@Override
	public CompletableFuture<ProbeResult> probe(ProbeRequest request) {
		return probe(request, this.listener);
	}

	/**
	 * Probes one URL, heard by a listener of the caller's (one step's progress, one partition's metrics).
	 * @param request what to probe
	 * @param listener hears this probe
	 * @return the result, when known; never completed exceptionally
	 */
	public CompletableFuture<ProbeResult> probe(ProbeRequest request, ProbeListener listener) {
		CallListener.quietly(() -> listener.probeStarted(request));
		return this.transport.call(this.calls.of(request), listener).thenCompose(outcome -> {
			ImageReadOn.Start readOn;
			try {
				readOn = this.sizes.start(request, outcome);
			}
			catch (RuntimeException ex) {
				readOn = null;
			}
			if (readOn == null) {
				return CompletableFuture.completedFuture(finish(request, outcome, null, listener));
			}
			return this.sizes.read(readOn, outcome.lastUrl(), listener)
				.thenApply(found -> finish(request, outcome, found, listener));
		});
	}

	private ProbeResult finish(ProbeRequest request, CallOutcome outcome, ImageReadOn.Found readOn,
			ProbeListener listener) {
		ProbeResult result;
		try {
			result = this.judge.judge(request, outcome, readOn);
		}
		catch (RuntimeException ex) {
			result = this.judge.failedOn(request, outcome, ex);
		}
		ProbeResult judged = result;
		CallListener.quietly(() -> listener.probeFinished(request, judged));
		return judged;
	}

	/**
	 * This prober as heard by another listener: what a step or partition sharing the prober uses. Closing the
	 * view leaves the prober open.
	 * @param listener hears the view's probes
	 */
	public Prober listenedBy(ProbeListener listener) {
		return new Prober() {

			@Override
			public CompletableFuture<ProbeResult> probe(ProbeRequest request) {
				return HttpProber.this.probe(request, listener);
			}

			@Override
			public List<HostPoliteness> politeness() {
				return HttpProber.this.politeness();
			}

			@Override
			public void close() {
				// the prober is its owner's to close
			}

		};
	}

	/**
	 * Makes any other call through the prober's HTTP layer, with its guard, politeness and timeouts: extra
	 * request headers (e.g. {@code Accept-Datetime} for a Memento TimeGate), the answer's headers and every hop
	 * read back from the outcome.
	 * @param request what to ask
	 * @return how it ended; never completed exceptionally
	 */
	public CompletableFuture<CallOutcome> call(CallRequest request) {
		return this.transport.call(request, this.listener);
	}

	/** The HTTP layer this prober sends through, e.g. for image downloads that should share its pool. */
	public HttpTransport transport() {
		return this.transport;
	}

	@Override
	public List<HostPoliteness> politeness() {
		return this.transport.politeness();
	}

	/** HTTP requests sent since this prober was created. */
	public long requestsSent() {
		return this.transport.requestsSent();
	}

	@Override
	public void close() {
		this.transport.close();
	}

}
