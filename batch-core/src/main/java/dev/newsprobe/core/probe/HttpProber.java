package dev.newsprobe.core.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import javax.net.ssl.SSLException;

import dev.newsprobe.core.probe.internal.AddressGuard;
import dev.newsprobe.core.probe.internal.AddressGuard.ForbiddenAddressException;
import dev.newsprobe.core.probe.internal.Answer;
import dev.newsprobe.core.probe.internal.CappedBodyConsumer;
import dev.newsprobe.core.probe.internal.ErrorClasses;
import dev.newsprobe.core.probe.internal.ExtraTrust;
import dev.newsprobe.core.probe.internal.HostScheduler;
import dev.newsprobe.core.probe.internal.ImageSniffer;
import dev.newsprobe.core.probe.internal.PageAnalyzer;
import dev.newsprobe.core.probe.internal.ReleasingConsumer;
import dev.newsprobe.core.probe.internal.RetryAfter;
import dev.newsprobe.core.probe.internal.StreamingBodyConsumer;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.core.url.WebUrls;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.client5.http.ssl.ClientTlsStrategyBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP prober: Apache HttpClient 5's asynchronous client driven by newsprobe's own
 * scheduling, redirects, retries and verdicts.
 * <p>
 * The client only moves bytes: newsprobe follows redirects itself (every hop checked against the
 * address guard and recorded), retries itself (exponential backoff with jitter, {@code Retry-After}
 * honoured up to a cap), and decides the verdict from what it read. Connections are pooled and
 * kept alive per host; a body past its cap closes its connection.
 * <p>
 * It also downloads whole images for the image store ({@link #fetch}), through the same client,
 * so a download gets the same address guard, politeness and timeouts as a probe.
 */
public final class HttpProber implements Prober, ImageFetcher {

	private static final Logger log = LoggerFactory.getLogger(HttpProber.class);

	private static final Set<Integer> RETRYABLE = Set.of(408, 429, 502, 503, 504);

	private final ProbePolicy policy;

	private final AddressGuard guard;

	private final PoolingAsyncClientConnectionManager connections;

	private final CloseableHttpAsyncClient client;

	private final ScheduledExecutorService timer;

	private final ExecutorService analysis;

	private final HostScheduler scheduler;

	private final AtomicLong requestsSent = new AtomicLong();

	private final ProbeListener listener;

	private volatile boolean closing;

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
		this.policy = policy;
		this.listener = listener;
		this.guard = new AddressGuard(policy.allowedNetworks(), resolver);
		PoolingAsyncClientConnectionManagerBuilder pool = PoolingAsyncClientConnectionManagerBuilder.create();
		if (extraTrust != null) {
			pool.setTlsStrategy(ClientTlsStrategyBuilder.create().setSslContext(ExtraTrust.clientContext(extraTrust)).build());
		}
		this.connections = pool
			.setDnsResolver(this.guard)
			.setMaxConnTotal(policy.concurrency() + policy.perHostConcurrency())
			.setMaxConnPerRoute(policy.perHostConcurrency())
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(policy.connectTimeout()))
				.setSocketTimeout(Timeout.of(policy.responseTimeout()))
				.setTimeToLive(TimeValue.ofMinutes(5))
				.build())
			.build();
		this.client = HttpAsyncClients.custom()
			.setConnectionManager(this.connections)
			.setIOReactorConfig(IOReactorConfig.custom()
				.setIoThreadCount(Math.max(1, Runtime.getRuntime().availableProcessors()))
				.setSoTimeout(Timeout.of(policy.responseTimeout()))
				.build())
			.setDefaultRequestConfig(RequestConfig.custom()
				.setResponseTimeout(Timeout.of(policy.responseTimeout()))
				.setConnectionRequestTimeout(Timeout.of(policy.totalTimeout()))
				.setRedirectsEnabled(false)
				.build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			// newsprobe inflates bodies itself, within the body cap (see decoded); left on (the default since
			// 5.6), the client inflates them first but keeps their Content-Encoding, and no page can be read
			.disableContentCompression()
			.disableCookieManagement()
			.disableAuthCaching()
			.setIoReactorExceptionCallback(this::ioReactorFailed)
			.build();
		this.client.start();
		this.timer = Executors.newSingleThreadScheduledExecutor(daemon("newsprobe-probe-timer"));
		this.analysis = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
				daemon("newsprobe-probe-analysis"));
		this.scheduler = new HostScheduler(policy.concurrency(), policy.perHostConcurrency(), policy.perHostMinInterval(),
				this.timer);
	}

	@Override
	public CompletableFuture<ProbeResult> probe(ProbeRequest request) {
		Run run = new Run(request);
		tell(() -> this.listener.probeStarted(request));
		run.start();
		return run.result;
	}

	/**
	 * Downloads an image in full, through the same client, address guard, host scheduling and
	 * timeouts as probes: {@code GET} with the copy's validators, redirects followed and checked hop
	 * by hop, the body streamed into the sink within {@link ImageFetch#maxBytes()}, its first bytes
	 * sniffed. Connect errors, timeouts and 408/429/502/503/504 are retried as probes are, but only
	 * until a body has started to arrive.
	 */
	@Override
	public CompletableFuture<ImageFetchResult> fetch(ImageFetch request, BodySink sink) {
		Fetch fetch = new Fetch(request, sink);
		fetch.start();
		return fetch.result;
	}

	/** HTTP requests sent since this prober was created. */
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

	/**
	 * An I/O reactor thread failed outside any exchange. Closing the client at once closes its
	 * selector and channels under the I/O threads still running (ClosedSelectorException,
	 * ConcurrentModificationException in the reactor); that is the close itself, not a failure
	 * worth a stack trace at the end of every run or partition. Anything before the close is logged.
	 */
	private void ioReactorFailed(Exception ex) {
		if (this.closing) {
			return;
		}
		log.warn("HTTP client I/O failure", ex);
	}

	/** Calls the listener; whatever it throws must not cost a verdict. */
	private static void tell(Runnable call) {
		try {
			call.run();
		}
		catch (RuntimeException ex) {
			// metrics are never worth a probe
		}
	}

	private static java.util.concurrent.ThreadFactory daemon(String name) {
		return runnable -> {
			Thread thread = new Thread(runnable, name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/** One URL's probe, from its first request to its verdict. */
	private final class Run {

		final ProbeRequest request;

		final CompletableFuture<ProbeResult> result = new CompletableFuture<>();

		final AtomicBoolean finished = new AtomicBoolean();

		final List<Hop> hops = new ArrayList<>();

		final Set<String> visited = new HashSet<>();

		volatile long started;

		/** The normalised URL: what is requested first (a host in ASCII, a default port dropped). */
		String target;

		int attempt;

		int requests;

		boolean movedPermanently;

		volatile Future<Answer> inFlight;

		/** The consumer of {@link #inFlight}, aborted with it. */
		volatile CappedBodyConsumer reading;

		/** The request of {@link #inFlight}, as a hop without an answer yet. */
		volatile Hop sending;

		volatile ScheduledFuture<?> deadline;

		volatile Answer last;

		volatile String lastUrl;

		volatile Throwable lastError;

		Run(ProbeRequest request) {
			this.request = request;
		}

		void start() {
			this.started = System.nanoTime();
			CheckedUrl checked = WebUrls.check(this.request.url());
			if (!checked.valid()) {
				finish(Verdict.INVALID_URL, checked.problem(), null);
				return;
			}
			this.target = checked.normalized();
			beginAttempt();
		}

		synchronized void beginAttempt() {
			this.attempt++;
			this.hops.clear();
			this.visited.clear();
			this.movedPermanently = false;
			this.visited.add(this.target);
			boolean ranged = this.request.image()
					&& (this.request.declaredWidth() != null || this.request.declaredHeight() != null);
			send(this.target, (this.request.image() && !ranged) ? "HEAD" : "GET", true);
		}

		void send(String url, String method, boolean first) {
			if (this.finished.get()) {
				return;
			}
			URI uri = URI.create(url);
			String literalProblem = literalAddressProblem(uri.getHost());
			if (literalProblem != null) {
				addHop(new Hop(url, method, 0, null, null));
				this.lastUrl = url;
				finish(Verdict.FORBIDDEN_ADDRESS, uri.getHost() + " is " + literalProblem + "; not contacted", null);
				return;
			}
			String host = hostKey(uri);
			HttpProber.this.scheduler.submit(host, () -> execute(uri, host, method, first));
		}

		void execute(URI uri, String host, String method, boolean first) {
			if (this.finished.get()) {
				HttpProber.this.scheduler.release(host, true);
				return;
			}
			if (this.deadline == null) {
				// the total timeout counts from the first request, not from the wait for the host's turn:
				// a URL queued behind many others to one polite host is not timed out before it is asked
				this.started = System.nanoTime();
				this.deadline = HttpProber.this.timer.schedule(this::expire,
						HttpProber.this.policy.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			this.requests++;
			HttpProber.this.requestsSent.incrementAndGet();
			ProbePolicy policy = HttpProber.this.policy;
			SimpleRequestBuilder builder = requestTo(method, uri,
					this.request.image() ? "image/*,*/*;q=0.5" : "text/html,application/xhtml+xml,*/*;q=0.8", "gzip, identity",
					first ? this.request.etag() : null, first ? this.request.lastModified() : null);
			boolean ranged = this.request.image() && method.equals("GET");
			if (ranged) {
				builder.addHeader("Range", "bytes=0-" + (policy.imageSniffBytes() - 1));
			}
			withHostHeaders(builder, uri);
			int cap = method.equals("HEAD") ? 0 : (ranged ? policy.imageSniffBytes() : policy.pageBodyCap());
			CappedBodyConsumer consumer = new CappedBodyConsumer(Math.max(cap, 1));
			this.reading = consumer;
			HttpClientContext context = HttpClientContext.create();
			this.sending = new Hop(uri.toString(), method, 0, null, null);
			long sent = System.nanoTime();
			ProbeListener listener = HttpProber.this.listener;
			this.inFlight = exchange(host, builder.build(), consumer, context, new Outcome() {

				@Override
				public void answered(Answer answer, long ended) {
					tell(() -> listener.requestCompleted(host, method, answer.status(), Duration.ofNanos(ended - sent)));
					onAnswer(uri, host, method, answer, context);
				}

				@Override
				public void failed(Exception ex, long ended) {
					boolean capped = ex instanceof CappedBodyConsumer.CapReached;
					int status = capped ? consumer.partial().status() : 0;
					tell(() -> listener.requestCompleted(host, method, status, Duration.ofNanos(ended - sent)));
					if (capped) {
						onAnswer(uri, host, method, consumer.partial(), context);
					}
					else {
						onError(uri, method, ex);
					}
				}

			});
			if (this.finished.get()) {
				this.inFlight.cancel(true);
			}
		}

		/** Hops are added by the analysis threads and copied by whichever thread finishes. */
		synchronized void addHop(Hop hop) {
			this.hops.add(hop);
		}

		void onAnswer(URI uri, String host, String method, Answer answer, HttpClientContext context) {
			if (this.finished.get()) {
				return;
			}
			try {
				decide(uri, host, method, answer, context);
			}
			catch (RuntimeException ex) {
				finish(Verdict.CONNECT_ERROR, "unexpected problem reading the answer: " + ex, ex);
			}
		}

		private void decide(URI uri, String host, String method, Answer answer, HttpClientContext context) {
			int status = answer.status();
			String location = answer.header("Location");
			addHop(new Hop(uri.toString(), method, status, location, remoteAddress(context)));
			this.last = answer;
			this.lastUrl = uri.toString();
			Duration rateLimited = RetryAfter.rateLimit(answer.header("RateLimit-Remaining"), answer.header("RateLimit-Reset"),
					answer.header("RateLimit"));
			if (rateLimited != null && !RETRYABLE.contains(status)) {
				HttpProber.this.scheduler.pause(host, min(rateLimited, HttpProber.this.policy.retryAfterCap()));
			}
			if (status >= 300 && status < 400 && status != 304 && location != null) {
				redirect(uri, method, status, location);
				return;
			}
			if (RETRYABLE.contains(status)) {
				retryOrGiveUp(host, status, answer);
				return;
			}
			if (this.request.image() && method.equals("HEAD") && status != 304 && !(status / 100 == 2 && isImageType(answer))) {
				// HEAD refused or not trusted (405, 403, 404 that GET may contradict, a non-image type): ask for the bytes
				send(uri.toString(), "GET", false);
				return;
			}
			conclude(uri, method, answer);
		}

		private void redirect(URI uri, String method, int status, String location) {
			if (this.hops.size() == 1 && (status == 301 || status == 308)) {
				this.movedPermanently = true;
			}
			if (this.hops.size() > HttpProber.this.policy.maxRedirects()) {
				finish(Verdict.BROKEN, "more than " + HttpProber.this.policy.maxRedirects() + " redirects", null);
				return;
			}
			String next;
			try {
				next = uri.resolve(location.strip().replace(" ", "%20")).toString();
			}
			catch (IllegalArgumentException ex) {
				finish(Verdict.BROKEN, status + " redirects to a malformed Location '" + location + "'", null);
				return;
			}
			CheckedUrl checked = WebUrls.check(next);
			if (!checked.valid()) {
				finish(Verdict.BROKEN, status + " redirects to '" + location + "', which cannot be probed: " + checked.problem(),
						null);
				return;
			}
			if (!this.visited.add(checked.normalized())) {
				finish(Verdict.BROKEN, "redirect loop: " + String.join(" -> ", this.hops.stream().map(Hop::url).toList())
						+ " -> " + checked.normalized(), null);
				return;
			}
			String nextMethod = (status == 303 && !method.equals("HEAD")) ? "GET" : method;
			send(checked.normalized(), nextMethod, false);
		}

		private void retryOrGiveUp(String host, int status, Answer answer) {
			ProbePolicy policy = HttpProber.this.policy;
			Duration asked = RetryAfter.parse(answer.header("Retry-After"), Instant.now());
			if (asked == null) {
				asked = RetryAfter.rateLimit(answer.header("RateLimit-Remaining"), answer.header("RateLimit-Reset"),
						answer.header("RateLimit"));
			}
			Duration delay = (asked != null) ? asked : backoff();
			if (status == 429 || status == 503) {
				HttpProber.this.scheduler.pause(host, min(delay, policy.retryAfterCap()));
			}
			Verdict verdict = (status == 429) ? Verdict.BLOCKED : (status == 408) ? Verdict.TIMEOUT : Verdict.SERVER_ERROR;
			if (this.attempt >= policy.maxAttempts()) {
				conclude(verdict, status + " on each of " + this.attempt + " attempts");
				return;
			}
			if (asked != null && asked.compareTo(policy.retryAfterCap()) > 0) {
				conclude(verdict, status + " asking to retry after " + asked.toSeconds() + " s, more than the cap of "
						+ policy.retryAfterCap().toSeconds() + " s");
				return;
			}
			scheduleRetry(host, String.valueOf(status), delay, verdict, String.valueOf(status));
		}

		private void scheduleRetry(String host, String reason, Duration delay, Verdict verdict, String why) {
			long remaining = HttpProber.this.policy.totalTimeout().toNanos() - (System.nanoTime() - this.started);
			if (delay.toNanos() >= remaining) {
				conclude(verdict, why + " on attempt " + this.attempt + "; no time left to retry within the total timeout");
				return;
			}
			tell(() -> HttpProber.this.listener.retryScheduled(host, reason));
			HttpProber.this.timer.schedule(this::beginAttempt, delay.toMillis(), TimeUnit.MILLISECONDS);
		}

		private Duration backoff() {
			long base = HttpProber.this.policy.retryBackoff().toMillis() << Math.min(this.attempt - 1, 10);
			long jittered = (long) (base * (0.5 + ThreadLocalRandom.current().nextDouble()));
			return Duration.ofMillis(jittered);
		}

		void onError(URI uri, String method, Exception ex) {
			if (this.finished.get()) {
				return;
			}
			this.lastError = ex;
			addHop(new Hop(uri.toString(), method, 0, null, null));
			this.lastUrl = uri.toString();
			Throwable cause = rootCause(ex);
			if (cause instanceof ForbiddenAddressException) {
				finish(Verdict.FORBIDDEN_ADDRESS, cause.getMessage() + "; not contacted", null);
				return;
			}
			if (cause instanceof UnknownHostException) {
				finish(Verdict.DNS_ERROR, uri.getHost() + " does not resolve", ex);
				return;
			}
			String errorClass = ErrorClasses.of(ex);
			if (errorClass.startsWith("tls.")) {
				finish(Verdict.TLS_ERROR, tlsProblem(errorClass, uri, cause), ex);
				return;
			}
			boolean timeout = cause instanceof SocketTimeoutException
					|| cause.getClass().getSimpleName().contains("Timeout");
			Verdict verdict = timeout ? Verdict.TIMEOUT : Verdict.CONNECT_ERROR;
			String why = (timeout ? "timed out: " : "connection failed: ") + cause.getClass().getSimpleName()
					+ ((cause.getMessage() != null) ? " " + cause.getMessage() : "");
			if (this.attempt >= HttpProber.this.policy.maxAttempts()) {
				finish(verdict, why + " (attempt " + this.attempt + " of " + HttpProber.this.policy.maxAttempts() + ")", ex);
				return;
			}
			scheduleRetry(hostKey(uri), timeout ? "timeout" : "connect", backoff(), verdict, why);
		}

		private String tlsProblem(String errorClass, URI uri, Throwable cause) {
			return switch (errorClass) {
				case ErrorClasses.TLS_UNTRUSTED -> "certificate not trusted: it leads to no trusted authority"
						+ " (self-signed, or signed by an unknown CA)";
				case ErrorClasses.TLS_EXPIRED -> "certificate expired";
				case ErrorClasses.TLS_NOT_YET_VALID -> "certificate not valid yet";
				case ErrorClasses.TLS_HOSTNAME -> "certificate does not match host " + uri.getHost();
				case ErrorClasses.TLS_NOT_TLS -> "the server does not speak TLS on port " + port(uri)
						+ " (plain HTTP behind an https URL?)";
				case ErrorClasses.TLS_EXPECTED -> "the server speaks TLS only on port " + port(uri)
						+ " (an https server behind an http URL: the URL should be https)";
				default -> "TLS handshake failed: " + cause.getMessage();
			};
		}

		private void conclude(URI uri, String method, Answer answer) {
			int status = answer.status();
			if (status == 304) {
				finish(Verdict.OK, "304 not modified", null);
				return;
			}
			if (status == 401 || status == 403) {
				finish(Verdict.BLOCKED, status + ": access refused (a bot wall or login); inconclusive", null);
				return;
			}
			if (status >= 400 && status < 500) {
				finish(Verdict.BROKEN, status + " " + reasonPhrase(answer), null);
				return;
			}
			if (status >= 500) {
				finish(Verdict.SERVER_ERROR, status + " " + reasonPhrase(answer), null);
				return;
			}
			if (status / 100 != 2) {
				finish(Verdict.BROKEN, status + " without a usable answer", null);
				return;
			}
			if (this.request.image()) {
				concludeImage(method, answer);
			}
			else {
				concludePage(uri, answer);
			}
		}

		private void conclude(Verdict verdict, String reason) {
			finish(verdict, reason, null);
		}

		private void concludeImage(String method, Answer answer) {
			if (method.equals("HEAD")) {
				finishOk(answer.header("Content-Type") + " (HEAD)");
				return;
			}
			byte[] bytes = decoded(answer, HttpProber.this.policy.imageSniffBytes());
			ImageInfo image = ImageSniffer.sniff(bytes, bytes.length);
			if (image == null) {
				finish(Verdict.NOT_AN_IMAGE, "the first " + bytes.length + " bytes (Content-Type "
						+ answer.header("Content-Type") + ") are not an image", null);
				return;
			}
			this.image = image;
			Integer declaredWidth = this.request.declaredWidth();
			Integer declaredHeight = this.request.declaredHeight();
			if (image.width() != null && image.height() != null
					&& ((declaredWidth != null && !declaredWidth.equals(image.width()))
							|| (declaredHeight != null && !declaredHeight.equals(image.height())))) {
				finish(Verdict.SIZE_MISMATCH, "declared " + declaredWidth + "x" + declaredHeight + ", the " + image.format()
						+ " is " + image.width() + "x" + image.height(), null);
				return;
			}
			finishOk("a " + image.format() + ((image.width() != null) ? " of " + image.width() + "x" + image.height() : ""));
		}

		private void concludePage(URI uri, Answer answer) {
			String contentType = answer.header("Content-Type");
			if (this.hops.size() > 1 && isHomePage(uri) && !isHomePage(URI.create(this.target))) {
				finish(Verdict.SOFT_404, "redirects to the home page " + uri, null);
				return;
			}
			if (!PageAnalyzer.isHtml(contentType)) {
				finishOk(contentType);
				return;
			}
			byte[] body = decoded(answer, HttpProber.this.policy.pageBodyCap());
			this.page = PageAnalyzer.analyze(body, body.length, contentType, uri.toString());
			if (this.page.soft404() != null) {
				finish(Verdict.SOFT_404, "200 but a not-found page: " + this.page.soft404(), null);
				return;
			}
			String ampCanonical = this.request.ampCanonical();
			if (ampCanonical != null) {
				if (!this.page.amp()) {
					finish(Verdict.BROKEN, "the AMP URL serves a page that is not an AMP document", null);
					return;
				}
				CheckedUrl canonical = WebUrls.check(this.page.canonical());
				if (!canonical.valid() || !canonical.normalized().equals(ampCanonical)) {
					finish(Verdict.BROKEN, "the AMP page's canonical is " + ((this.page.canonical() != null)
							? "'" + this.page.canonical() + "'" : "missing") + ", not the article's webUrl '" + ampCanonical + "'",
							null);
					return;
				}
			}
			finishOk("an HTML page" + ((this.page.title() != null) ? " titled \"" + shorten(this.page.title()) + "\"" : ""));
		}

		private void finishOk(String what) {
			if (this.movedPermanently) {
				finish(Verdict.MOVED, "moved permanently to " + this.lastUrl + ": update the file", null);
				return;
			}
			finish(Verdict.OK, what, null);
		}

		volatile ImageInfo image;

		/** Set when the total timeout ended the probe: the error class says so, whatever failed before. */
		volatile boolean totalTimedOut;

		volatile PageInfo page;

		void expire() {
			if (this.finished.get()) {
				return;
			}
			Future<Answer> running = this.inFlight;
			CappedBodyConsumer consumer = this.reading;
			if (consumer != null) {
				consumer.abort();
			}
			Hop unanswered = this.sending;
			if (running != null && !running.isDone() && unanswered != null) {
				// the request that was cut short is part of the evidence: where the chain got stuck
				addHop(unanswered);
				this.lastUrl = unanswered.url();
			}
			this.totalTimedOut = true;
			finish(Verdict.TIMEOUT, "no verdict within the total timeout of "
					+ HttpProber.this.policy.totalTimeout().toSeconds() + " s", null);
			if (running != null) {
				running.cancel(true);
			}
		}

		void finish(Verdict verdict, String reason, Throwable error) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			if (this.deadline != null) {
				this.deadline.cancel(false);
			}
			Answer answer = this.last;
			Throwable failure = (error != null) ? error : this.lastError;
			Throwable cause = (failure != null) ? rootCause(failure) : null;
			List<Hop> chain;
			synchronized (this) {
				chain = List.copyOf(this.hops);
			}
			ProbeResult probed = (new ProbeResult(this.request.url(), verdict, reason, (answer != null) ? answer.status() : 0,
					(this.lastUrl != null) ? this.lastUrl : this.request.url(), chain,
					(answer != null) ? answer.header("Content-Type") : null, contentLength(answer),
					(this.image != null) ? this.image.width() : null, (this.image != null) ? this.image.height() : null,
					this.page, (answer != null) ? answer.header("ETag") : null,
					(answer != null) ? answer.header("Last-Modified") : null,
					(answer != null) ? answer.header("Cache-Control") : null,
					(answer != null) ? answer.header("Expires") : null, answer != null && answer.status() == 304,
					Math.max(1, this.attempt), this.requests, (System.nanoTime() - this.started) / 1_000_000,
					this.totalTimedOut ? ErrorClasses.TIMEOUT_TOTAL : (failure != null) ? ErrorClasses.of(failure) : null,
					(cause != null) ? cause.getMessage() : null,
					Instant.now()));
			tell(() -> HttpProber.this.listener.probeFinished(this.request, probed));
			this.result.complete(probed);
		}

		/** The body as sent, inflated when it is compressed, at most {@code cap} bytes of it. */
		private byte[] decoded(Answer answer, int cap) {
			String encoding = answer.header("Content-Encoding");
			String coding = (encoding != null) ? encoding.strip().toLowerCase(Locale.ROOT) : "identity";
			byte[] raw = java.util.Arrays.copyOf(answer.body(), answer.length());
			boolean gzip = coding.contains("gzip");
			if (!gzip && !coding.equals("deflate")) {
				// identity, or a coding never asked for: the bytes are all there is to judge
				return raw;
			}
			ByteArrayOutputStream inflated = new ByteArrayOutputStream();
			try (InputStream in = gzip
					? new GZIPInputStream(new ByteArrayInputStream(raw))
					: new InflaterInputStream(new ByteArrayInputStream(raw))) {
				// inflating stops at the cap, so a compression bomb costs the cap and no more
				byte[] buffer = new byte[8192];
				int read;
				while (inflated.size() < cap
						&& (read = in.read(buffer, 0, Math.min(buffer.length, cap - inflated.size()))) > 0) {
					inflated.write(buffer, 0, read);
				}
			}
			catch (IOException ex) {
				// a body cut at the cap ends its stream early; what was inflated until then is still the page's start
			}
			return inflated.toByteArray();
		}

	}

	/** One image download, from its first request to its outcome. */
	private final class Fetch {

		final ImageFetch request;

		final BodySink sink;

		final CompletableFuture<ImageFetchResult> result = new CompletableFuture<>();

		final AtomicBoolean finished = new AtomicBoolean();

		final List<Hop> hops = new ArrayList<>();

		final Set<String> visited = new HashSet<>();

		volatile long started = System.nanoTime();

		volatile ScheduledFuture<?> deadline;

		volatile Future<Answer> inFlight;

		volatile StreamingBodyConsumer reading;

		volatile String lastUrl;

		volatile int status;

		volatile org.apache.hc.core5.http.HttpResponse head;

		String target;

		int attempt;

		int requests;

		Fetch(ImageFetch request, BodySink sink) {
			this.request = request;
			this.sink = sink;
		}

		void start() {
			CheckedUrl checked = WebUrls.check(this.request.url());
			if (!checked.valid()) {
				finish(FetchOutcome.FAILED, "not a URL that can be fetched: " + checked.problem(), null);
				return;
			}
			this.target = checked.normalized();
			beginAttempt();
		}

		synchronized void beginAttempt() {
			this.attempt++;
			this.hops.clear();
			this.visited.clear();
			this.visited.add(this.target);
			send(this.target, true);
		}

		void send(String url, boolean first) {
			if (this.finished.get()) {
				return;
			}
			URI uri = URI.create(url);
			String literalProblem = literalAddressProblem(uri.getHost());
			if (literalProblem != null) {
				addHop(new Hop(url, "GET", 0, null, null));
				this.lastUrl = url;
				finish(FetchOutcome.FORBIDDEN_ADDRESS, uri.getHost() + " is " + literalProblem + "; not contacted", null);
				return;
			}
			String host = hostKey(uri);
			HttpProber.this.scheduler.submit(host, () -> execute(uri, host, first));
		}

		void execute(URI uri, String host, boolean first) {
			if (this.finished.get()) {
				HttpProber.this.scheduler.release(host, true);
				return;
			}
			if (this.deadline == null) {
				this.started = System.nanoTime();
				this.deadline = HttpProber.this.timer.schedule(this::expire,
						HttpProber.this.policy.totalTimeout().toMillis(), TimeUnit.MILLISECONDS);
			}
			this.requests++;
			HttpProber.this.requestsSent.incrementAndGet();
			ProbePolicy policy = HttpProber.this.policy;
			// the exact bytes the server holds are what is stored and hashed: no gzip
			SimpleRequestBuilder builder = requestTo("GET", uri, "image/*,*/*;q=0.5", "identity",
					first ? this.request.etag() : null, first ? this.request.lastModified() : null);
			withHostHeaders(builder, uri);
			StreamingBodyConsumer consumer = new StreamingBodyConsumer(this.request.maxBytes(), policy.imageSniffBytes(),
					this.sink);
			this.reading = consumer;
			HttpClientContext context = HttpClientContext.create();
			this.inFlight = exchange(host, builder.build(), consumer, context, new Outcome() {

				@Override
				public void answered(Answer answer, long ended) {
					onAnswer(uri, answer.response(), consumer, context, null);
				}

				@Override
				public void failed(Exception ex, long ended) {
					if (ex instanceof StreamingBodyConsumer.Stop stop) {
						onAnswer(uri, consumer.response(), consumer, context, stop.reason());
					}
					else {
						onError(uri, consumer, ex);
					}
				}

			});
			if (this.finished.get()) {
				this.inFlight.cancel(true);
			}
		}

		synchronized void addHop(Hop hop) {
			this.hops.add(hop);
		}

		void onAnswer(URI uri, org.apache.hc.core5.http.HttpResponse response, StreamingBodyConsumer consumer,
				HttpClientContext context, StreamingBodyConsumer.Reason stopped) {
			if (this.finished.get()) {
				return;
			}
			try {
				decide(uri, response, consumer, context, stopped);
			}
			catch (RuntimeException ex) {
				finish(FetchOutcome.FAILED, "unexpected problem reading the answer: " + ex, consumer);
			}
		}

		private void decide(URI uri, org.apache.hc.core5.http.HttpResponse response, StreamingBodyConsumer consumer,
				HttpClientContext context, StreamingBodyConsumer.Reason stopped) {
			int code = response.getCode();
			String location = header(response, "Location");
			addHop(new Hop(uri.toString(), "GET", code, location, remoteAddress(context)));
			this.status = code;
			this.head = response;
			this.lastUrl = uri.toString();
			if (code >= 300 && code < 400 && code != 304 && location != null) {
				redirect(uri, code, location);
				return;
			}
			if (RETRYABLE.contains(code)) {
				retryOrGiveUp(uri, code, response);
				return;
			}
			if (code == 304) {
				boolean conditional = this.request.etag() != null || this.request.lastModified() != null;
				finish(conditional ? FetchOutcome.NOT_MODIFIED : FetchOutcome.FAILED,
						conditional ? "304 not modified" : "304 to a request that was not conditional", consumer);
				return;
			}
			if (code == 404 || code == 410) {
				finish(FetchOutcome.GONE, code + " " + reasonPhrase(response), consumer);
				return;
			}
			if (code / 100 != 2) {
				finish(FetchOutcome.FAILED, code + " " + reasonPhrase(response), consumer);
				return;
			}
			if (code != 200) {
				// 206 to a request without Range, 204 and the like: not a whole image
				finish(FetchOutcome.FAILED, code + " is not a whole image", consumer);
				return;
			}
			if (stopped == StreamingBodyConsumer.Reason.TOO_LARGE) {
				Long declared = consumer.declaredLength();
				finish(FetchOutcome.TOO_LARGE, ((declared != null && declared > this.request.maxBytes())
						? "declared " + declared + " bytes" : "more than " + consumer.bytes() + " bytes read")
						+ ", larger than the cap of " + this.request.maxBytes() + " bytes", consumer);
				return;
			}
			ImageInfo image = consumer.image();
			if (stopped == StreamingBodyConsumer.Reason.NOT_AN_IMAGE || image == null) {
				finish(FetchOutcome.NOT_AN_IMAGE, "the first bytes (Content-Type " + header(response, "Content-Type")
						+ ") are not an image", consumer);
				return;
			}
			finish(FetchOutcome.FETCHED, "a " + image.format() + " of " + consumer.bytes() + " bytes"
					+ ((image.width() != null) ? ", " + image.width() + "x" + image.height() : ""), consumer);
		}

		private void redirect(URI uri, int code, String location) {
			if (this.hops.size() > HttpProber.this.policy.maxRedirects()) {
				finish(FetchOutcome.FAILED, "more than " + HttpProber.this.policy.maxRedirects() + " redirects", null);
				return;
			}
			CheckedUrl checked;
			try {
				checked = WebUrls.check(uri.resolve(location.strip().replace(" ", "%20")).toString());
			}
			catch (IllegalArgumentException ex) {
				finish(FetchOutcome.FAILED, code + " redirects to a malformed Location '" + location + "'", null);
				return;
			}
			if (!checked.valid()) {
				finish(FetchOutcome.FAILED, code + " redirects to '" + location + "', which cannot be fetched: "
						+ checked.problem(), null);
				return;
			}
			if (!this.visited.add(checked.normalized())) {
				finish(FetchOutcome.FAILED, "redirect loop at " + checked.normalized(), null);
				return;
			}
			send(checked.normalized(), false);
		}

		private void retryOrGiveUp(URI uri, int code, org.apache.hc.core5.http.HttpResponse response) {
			ProbePolicy policy = HttpProber.this.policy;
			Duration asked = RetryAfter.parse(header(response, "Retry-After"), Instant.now());
			Duration delay = (asked != null) ? asked : backoff();
			if (code == 429 || code == 503) {
				HttpProber.this.scheduler.pause(hostKey(uri), min(delay, policy.retryAfterCap()));
			}
			if (this.attempt >= policy.maxAttempts() || (asked != null && asked.compareTo(policy.retryAfterCap()) > 0)) {
				finish(FetchOutcome.FAILED, code + " on attempt " + this.attempt, null);
				return;
			}
			scheduleRetry(delay, code + " on attempt " + this.attempt);
		}

		private void scheduleRetry(Duration delay, String why) {
			long remaining = HttpProber.this.policy.totalTimeout().toNanos() - (System.nanoTime() - this.started);
			if (delay.toNanos() >= remaining) {
				finish(FetchOutcome.FAILED, why + "; no time left to retry within the total timeout", null);
				return;
			}
			HttpProber.this.timer.schedule(this::beginAttempt, delay.toMillis(), TimeUnit.MILLISECONDS);
		}

		private Duration backoff() {
			long base = HttpProber.this.policy.retryBackoff().toMillis() << Math.min(this.attempt - 1, 10);
			return Duration.ofMillis((long) (base * (0.5 + ThreadLocalRandom.current().nextDouble())));
		}

		void onError(URI uri, StreamingBodyConsumer consumer, Exception ex) {
			if (this.finished.get()) {
				return;
			}
			addHop(new Hop(uri.toString(), "GET", 0, null, null));
			this.lastUrl = uri.toString();
			Throwable cause = rootCause(ex);
			if (cause instanceof ForbiddenAddressException) {
				finish(FetchOutcome.FORBIDDEN_ADDRESS, cause.getMessage() + "; not contacted", null);
				return;
			}
			String why = cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? " " + cause.getMessage() : "");
			if (consumer.streaming()) {
				// part of the body went to the sink already: no retry, the caller throws those bytes away
				finish(FetchOutcome.FAILED, "the body broke off after " + consumer.bytes() + " bytes: " + why, consumer);
				return;
			}
			if (cause instanceof UnknownHostException || cause instanceof SSLException
					|| this.attempt >= HttpProber.this.policy.maxAttempts()) {
				finish(FetchOutcome.FAILED, why + " (attempt " + this.attempt + ")", null);
				return;
			}
			scheduleRetry(backoff(), why);
		}

		void expire() {
			if (this.finished.get()) {
				return;
			}
			StreamingBodyConsumer consumer = this.reading;
			if (consumer != null) {
				consumer.abort();
			}
			finish(FetchOutcome.FAILED, "not fetched within the total timeout of "
					+ HttpProber.this.policy.totalTimeout().toSeconds() + " s", consumer);
			Future<Answer> running = this.inFlight;
			if (running != null) {
				running.cancel(true);
			}
		}

		void finish(FetchOutcome outcome, String reason, StreamingBodyConsumer consumer) {
			if (!this.finished.compareAndSet(false, true)) {
				return;
			}
			if (this.deadline != null) {
				this.deadline.cancel(false);
			}
			org.apache.hc.core5.http.HttpResponse response = this.head;
			List<Hop> chain;
			synchronized (this) {
				chain = List.copyOf(this.hops);
			}
			this.result.complete(new ImageFetchResult(this.request.url(), outcome, reason, this.status,
					(this.lastUrl != null) ? this.lastUrl : this.request.url(), chain, header(response, "Content-Type"),
					header(response, "ETag"), header(response, "Last-Modified"),
					(consumer != null && consumer.streaming()) ? consumer.bytes() : 0,
					(consumer != null && outcome == FetchOutcome.FETCHED) ? consumer.image() : null, this.requests,
					(System.nanoTime() - this.started) / 1_000_000, Instant.now()));
		}

	}

	private static String header(org.apache.hc.core5.http.HttpResponse response, String name) {
		if (response == null) {
			return null;
		}
		org.apache.hc.core5.http.Header header = response.getFirstHeader(name);
		return (header != null) ? header.getValue() : null;
	}

	private static String reasonPhrase(org.apache.hc.core5.http.HttpResponse response) {
		return (response.getReasonPhrase() != null) ? response.getReasonPhrase() : "";
	}

	private String literalAddressProblem(String host) {
		if (host == null) {
			return "missing";
		}
		String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
		if (!bare.matches("[0-9.]+") && !bare.contains(":")) {
			return null;
		}
		try {
			return this.guard.problem(InetAddress.getByName(bare));
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	private static int port(URI uri) {
		int port = uri.getPort();
		return (port >= 0) ? port : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
	}

	private static String hostKey(URI uri) {
		int port = uri.getPort();
		if (port < 0) {
			port = "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
		}
		return uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
	}

	private static String remoteAddress(HttpClientContext context) {
		EndpointDetails endpoint = context.getEndpointDetails();
		SocketAddress address = (endpoint != null) ? endpoint.getRemoteAddress() : null;
		if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
			return inet.getAddress().getHostAddress();
		}
		return null;
	}

	private static boolean isImageType(Answer answer) {
		String type = answer.header("Content-Type");
		return type != null && type.strip().toLowerCase(Locale.ROOT).startsWith("image/");
	}

	private static boolean isHomePage(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null;
	}

	private static Long contentLength(Answer answer) {
		if (answer == null) {
			return null;
		}
		String range = answer.header("Content-Range");
		if (range != null && range.contains("/") && range.substring(range.indexOf('/') + 1).strip().matches("\\d{1,18}")) {
			return Long.valueOf(range.substring(range.indexOf('/') + 1).strip());
		}
		String length = answer.header("Content-Length");
		if (length != null && length.strip().matches("\\d{1,18}")) {
			return Long.valueOf(length.strip());
		}
		return answer.truncated() ? null : (long) answer.length();
	}

	private static String reasonPhrase(Answer answer) {
		String phrase = answer.response().getReasonPhrase();
		return (phrase != null) ? phrase : "";
	}

	private static Throwable rootCause(Throwable ex) {
		Throwable cause = ex;
		while (cause.getCause() != null && cause.getCause() != cause) {
			if (cause instanceof ForbiddenAddressException) {
				return cause;
			}
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * A request as newsprobe sends every one: its User-Agent, what it accepts, and the validators of
	 * the copy it holds (first hop only; {@code null} for none).
	 */
	private SimpleRequestBuilder requestTo(String method, URI uri, String accept, String acceptEncoding, String etag,
			String lastModified) {
		SimpleRequestBuilder builder = SimpleRequestBuilder.create(method).setUri(uri);
		builder.addHeader("User-Agent", this.policy.userAgent());
		builder.addHeader("Accept", accept);
		builder.addHeader("Accept-Encoding", acceptEncoding);
		if (etag != null) {
			builder.addHeader("If-None-Match", etag);
		}
		if (lastModified != null) {
			builder.addHeader("If-Modified-Since", lastModified);
		}
		return builder;
	}

	/** The headers configured for the request's host ({@code newsprobe.probe.host-headers}), last, so they win. */
	private void withHostHeaders(SimpleRequestBuilder builder, URI uri) {
		Map<String, String> extra = this.policy.hostHeaders().get(uri.getHost().toLowerCase(Locale.ROOT));
		if (extra != null) {
			extra.forEach(builder::setHeader);
		}
	}

	/** What becomes of one exchange; called on an analysis thread, with the moment the exchange ended. */
	private interface Outcome {

		void answered(Answer answer, long endedNanos);

		void failed(Exception ex, long endedNanos);

	}

	/**
	 * Sends one request on the shared client. The host's slot is given back as soon as the exchange
	 * ends, and the outcome goes to an analysis thread: an answer only once the client has put the
	 * connection back in its pool ({@link ReleasingConsumer}), so that a redirect to the same host
	 * goes out on it (the address checked, no new lookup) instead of racing the release for a
	 * connection of its own.
	 */
	private Future<Answer> exchange(String host, SimpleHttpRequest request, ReleasingConsumer consumer,
			HttpClientContext context, Outcome outcome) {
		AtomicBoolean released = new AtomicBoolean();
		Runnable release = () -> {
			if (released.compareAndSet(false, true)) {
				this.scheduler.release(host, true);
			}
		};
		return this.client.execute(SimpleRequestProducer.create(request), consumer, context, new FutureCallback<Answer>() {

			@Override
			public void completed(Answer answer) {
				release.run();
				long ended = System.nanoTime();
				consumer.afterRelease(() -> HttpProber.this.analysis.execute(() -> outcome.answered(answer, ended)));
			}

			@Override
			public void failed(Exception ex) {
				release.run();
				long ended = System.nanoTime();
				HttpProber.this.analysis.execute(() -> outcome.failed(ex, ended));
			}

			@Override
			public void cancelled() {
				release.run();
			}

		});
	}


	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static String shorten(String text) {
		return (text.length() <= 80) ? text : text.substring(0, 77) + "...";
	}

}
