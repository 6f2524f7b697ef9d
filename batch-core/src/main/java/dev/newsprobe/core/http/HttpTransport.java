package dev.newsprobe.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import dev.newsprobe.core.http.internal.AddressGuard;
import dev.newsprobe.core.http.internal.BodyReader;
import dev.newsprobe.core.http.internal.ExtraTrust;
import dev.newsprobe.core.http.internal.HostScheduler;
import dev.newsprobe.core.url.HostParser;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * newsprobe's HTTP transport: Apache HttpClient 5's asynchronous client (its connection pool, TLS, I/O
 * reactor) with the address guard as its only DNS resolver, the host scheduler that keeps requests polite,
 * and the threads that time calls out and act on answers. It only moves bytes: redirects, retries and
 * decompression are newsprobe's own ({@link #call}). Connections are pooled and kept alive per host; a body
 * past its cap closes its connection.
 * <p>
 * Thread-safe; one transport serves any number of callers at once, and its limits hold across all of them.
 */
public final class HttpTransport implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(HttpTransport.class);

	private final HttpPolicy policy;

	private final AddressGuard guard;

	private final CloseableHttpAsyncClient client;

	private final ScheduledExecutorService timer;

	private final ExecutorService analysis;

	private final HostScheduler scheduler;

	private final RequestHeaders headers;

	private final RetryPolicy retries;

	private final AtomicLong requestsSent = new AtomicLong();

	private volatile boolean closing;

	/**
	 * Opens a transport; close it when done.
	 * @param policy how to behave
	 * @param extraTrust certificates trusted in addition to the JDK's default trust store, e.g. an enterprise CA
	 * whose sites are audited, or a test CA; {@code null} for the default trust store only
	 * @param resolver the name resolver; {@code null} for the system's. Its answers pass the address guard like
	 * any other, and a connection goes to the address that was checked
	 */
	public HttpTransport(HttpPolicy policy, KeyStore extraTrust, HostResolver resolver) {
		this.policy = policy;
		this.guard = new AddressGuard(policy.allowedNetworks(), resolver);
		PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create();
		if (extraTrust != null) {
			pool.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(ExtraTrust.clientContext(extraTrust)).build());
		}
		int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
		this.client = HttpAsyncClients.custom()
			.setConnectionManager(pool.setDnsResolver(this.guard)
				.setMaxConnTotal(policy.concurrency() + policy.perHostConcurrency())
				.setMaxConnPerRoute(policy.perHostConcurrency())
				.setDefaultConnectionConfig(ConnectionConfig.custom()
					.setConnectTimeout(Timeout.of(policy.connectTimeout()))
					.setSocketTimeout(Timeout.of(policy.responseTimeout()))
					.setTimeToLive(TimeValue.ofMinutes(5))
					.build())
				.build())
			.setIOReactorConfig(IOReactorConfig.custom()
				.setIoThreadCount(threads)
				.setSoTimeout(Timeout.of(policy.responseTimeout()))
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.of(policy.responseTimeout()))
				.setConnectionRequestTimeout(Timeout.of(policy.totalTimeout()))
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			// bodies are inflated by BodyDecoding, within the body cap; left on (the default since 5.6), the client
			// inflates them first but keeps their Content-Encoding, and no page can be read
			.disableContentCompression()
			.disableCookieManagement()
			.disableAuthCaching()
			.setIoReactorExceptionCallback(this::ioReactorFailed)
			.build();
		this.client.start();
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("newsprobe-http-timer"));
		this.analysis = Executors.newFixedThreadPool(threads, daemon("newsprobe-http-analysis"));
		this.scheduler = new HostScheduler(policy.concurrency(), policy.perHostConcurrency(), policy.perHostMinInterval(),
				this.timer);
		this.headers = new RequestHeaders(policy);
		this.retries = new RetryPolicy(policy);
	}

	/**
	 * Makes one call: its attempts, redirects and retries, within the policy. The future never completes
	 * exceptionally, and completes on one of the transport's threads (what the caller chains to it runs there
	 * too, off the I/O threads).
	 * @param request what to ask
	 * @param listener hears the call's requests and retries
	 * @return how it ended
	 */
	public CompletableFuture<CallOutcome> call(CallRequest request, CallListener listener) {
		CallMachine machine = new CallMachine(this, request, listener);
		machine.start();
		return machine.result();
	}

	/** The policy this transport follows. */
	public HttpPolicy policy() {
		return this.policy;
	}

	/** HTTP requests sent since this transport was opened. */
	public long requestsSent() {
		return this.requestsSent.get();
	}

	@Override
	public void close() {
		this.closing = true;
		this.client.close(CloseMode.IMMEDIATE);
		this.timer.shutdownNow();
		this.analysis.shutdownNow();
	}

	RequestHeaders headers() {
		return this.headers;
	}

	RetryPolicy retries() {
		return this.retries;
	}

	/**
	 * Why a host given as an IP literal must not be contacted, or {@code null} (also for any name, which the
	 * guard checks when it resolves it). The literal's bytes are read from the text: nothing is looked up.
	 */
	String literalProblem(String host) {
		if (host == null || host.isEmpty()) {
			return "missing";
		}
		if (host.charAt(0) != '[' && (host.charAt(0) < '0' || host.charAt(0) > '9')) {
			// a normalised URL's IP literal is dotted decimal or bracketed: a name, which the guard checks resolved
			return null;
		}
		HostParser.Host parsed = HostParser.parse(host);
		if (parsed.address() == null) {
			return null;
		}
		try {
			return this.guard.problem(InetAddress.getByAddress(parsed.address()));
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("4 or 16 bytes are an IP address", ex);
		}
	}

	/** Queues a request to a host; it runs when politeness allows, and must end with {@link #release}. */
	void submit(String host, Runnable request) {
		this.scheduler.submit(host, request);
	}

	/** Gives a host's slot back without an exchange (the call ended while its request waited). */
	void release(String host) {
		this.scheduler.release(host, HostScheduler.Signal.NEUTRAL, System.nanoTime(), limit -> {
		});
	}

	/**
	 * The hosts this transport slowed down for (their limit cut at least once by 429, 503 or timeouts), with
	 * their limit now, in the order they were first slowed down.
	 */
	public List<HostPoliteness> politeness() {
		return this.scheduler.slowed();
	}

	/** Leaves a host alone for a while (a rate limit, 429, 503). */
	void pause(String host, Duration wait) {
		this.scheduler.pause(host, wait);
	}

	ScheduledFuture<?> schedule(Runnable task, Duration delay) {
		return this.timer.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	void countRequest() {
		this.requestsSent.incrementAndGet();
	}

	/** What becomes of one exchange; called on an analysis thread, with the moment the exchange ended. */
	interface Exchange {

		void answered(Answer answer, long endedNanos);

		void failed(Exception ex, long endedNanos);

	}

	/**
	 * Sends one request on the shared client (the pooled exchange). The host's slot is given back as soon as
	 * the exchange ends, with what it says of the host's load (the host scheduler adapts the host's limit;
	 * the listener hears when it changes), and the outcome goes to an analysis thread: an answer only once the client has put
	 * the connection back in its pool ({@link BodyReader#afterRelease}), so that a redirect to the same host
	 * goes out on it (the address checked, no new lookup) instead of racing the release for a connection of
	 * its own.
	 */
	Future<Answer> exchange(String host, SimpleHttpRequest request, BodyReader reader, HttpClientContext context,
			CallListener listener, Exchange outcome) {
		long sent = System.nanoTime();
		AtomicBoolean released = new AtomicBoolean();
		Consumer<HostScheduler.Signal> release = signal -> {
			if (released.compareAndSet(false, true)) {
				this.scheduler.release(host, signal, sent, limit -> CallListener
					.quietly(() -> listener.hostLimitChanged(host, limit, this.policy.perHostConcurrency())));
			}
		};
		return this.client.execute(SimpleRequestProducer.create(request), reader, context, new FutureCallback<Answer>() {

			@Override
			public void completed(Answer answer) {
				release.accept(signal(answer.status()));
				long ended = System.nanoTime();
				reader.afterRelease(() -> HttpTransport.this.analysis.execute(() -> outcome.answered(answer, ended)));
			}

			@Override
			public void failed(Exception ex) {
				Answer partial = (ex instanceof BodyReader.Stopped) ? reader.partial() : null;
				release.accept((partial != null) ? signal(partial.status())
						: ErrorClasses.isTimeout(ex) ? HostScheduler.Signal.CONGESTED : HostScheduler.Signal.NEUTRAL);
				long ended = System.nanoTime();
				HttpTransport.this.analysis.execute(() -> outcome.failed(ex, ended));
			}

			@Override
			public void cancelled() {
				release.accept(HostScheduler.Signal.NEUTRAL);
			}

		});
	}

	/** What an answer says of its host's load: 429 and 503 say "too busy". */
	private static HostScheduler.Signal signal(int status) {
		return RetryPolicy.pausesHost(status) ? HostScheduler.Signal.CONGESTED : HostScheduler.Signal.GOOD;
	}

	/**
	 * An I/O reactor thread failed outside any exchange. Closing the client at once closes its selector and
	 * channels under the I/O threads still running (ClosedSelectorException, ConcurrentModificationException in
	 * the reactor); that is the close itself, not a failure worth a stack trace at the end of every run or
	 * partition. Anything before the close is logged.
	 */
	private void ioReactorFailed(Exception ex) {
		if (this.closing) {
			return;
		}
		log.warn("HTTP client I/O failure", ex);
	}

	private static ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

}
