package dev.newsprobe.core.http;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.newsprobe.core.http.CallOutcome.Ending;
import dev.newsprobe.core.http.CallOutcome.GiveUp;
import dev.newsprobe.core.http.internal.BodyReader;
import dev.newsprobe.core.http.internal.CappedBodyConsumer;
import dev.newsprobe.core.http.internal.StreamingBodyConsumer;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.core.url.WebUrls;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.EndpointDetails;

/**
 * One call, from its first request to its outcome: the attempt → redirect → retry machine every caller of
 * the HTTP layer goes through.
 * <ul>
 * <li><b>attempt</b> ({@link #beginAttempt}): a fresh {@link RedirectChain} from the call's URL, the
 * validators on its first request;</li>
 * <li><b>send</b>: an IP literal the address guard refuses ends the call before anything is sent; otherwise
 * the request waits its turn at the host, and the total timeout starts with the call's first request;</li>
 * <li><b>answer</b>: recorded as a hop; a redirect is followed ({@link RedirectChain}), a retryable status
 * retried or given up on ({@link RetryPolicy}), a HEAD answer the call does not trust asked again with GET;
 * any other answer ends the call;</li>
 * <li><b>failure</b>: recorded as a hop without an answer; retried or given up on;</li>
 * <li><b>expire</b>: the total timeout cuts whatever is in flight.</li>
 * </ul>
 * It ends exactly once ({@link #finish}); whatever arrives after that is ignored.
 */
final class CallMachine {

	private final HttpTransport transport;

	private final RetryPolicy retries;

	private final CallRequest request;

	private final CallListener listener;

	private final RedirectChain chain;

	private final CompletableFuture<CallOutcome> result = new CompletableFuture<>();

	private final AtomicBoolean finished = new AtomicBoolean();

	private volatile long started;

	/** The normalised URL: what is requested first (a host in ASCII, a default port dropped). */
	private volatile String target;

	private volatile int attempt;

	private volatile int requests;

	private volatile Future<Answer> inFlight;

	/** The reader of {@link #inFlight}, aborted with it. */
	private volatile BodyReader reading;

	/** The request of {@link #inFlight}, as a hop without an answer yet. */
	private volatile Hop sending;

	private volatile ScheduledFuture<?> deadline;

	private volatile Answer last;

	private volatile String lastUrl;

	private volatile Throwable lastError;

	CallMachine(HttpTransport transport, CallRequest request, CallListener listener) {
		this.transport = transport;
		this.retries = transport.retries();
		this.request = request;
		this.listener = listener;
		this.chain = new RedirectChain(transport.policy().maxRedirects());
	}

	CompletableFuture<CallOutcome> result() {
		return this.result;
	}

	void start() {
		this.started = System.nanoTime();
		CheckedUrl checked = WebUrls.check(this.request.url());
		if (!checked.valid()) {
			finish(Ending.INVALID_URL, GiveUp.NONE, checked.problem(), null, null, null, null);
			return;
		}
		this.target = checked.normalized();
		beginAttempt();
	}

	private synchronized void beginAttempt() {
		this.attempt++;
		this.chain.restart(this.target);
		send(this.target, this.request.method(), true);
	}

	private void send(String url, String method, boolean first) {
		if (this.finished.get()) {
			return;
		}
		URI uri = URI.create(url);
		String literalProblem = this.transport.literalProblem(HostKeys.host(uri));
		if (literalProblem != null) {
			this.chain.add(new Hop(url, method, 0, null, null));
			this.lastUrl = url;
			finish(Ending.FORBIDDEN_ADDRESS, GiveUp.NONE, HostKeys.host(uri) + " is " + literalProblem, null, null, null, null);
			return;
		}
		String host = HostKeys.of(uri);
		this.transport.submit(host, () -> execute(uri, host, method, first));
	}

	private void execute(URI uri, String host, String method, boolean first) {
		if (this.finished.get()) {
			this.transport.release(host);
			return;
		}
		if (this.deadline == null) {
			// the total timeout counts from the first request, not from the wait for the host's turn:
			// a call queued behind many others to one polite host is not timed out before it is asked
			this.started = System.nanoTime();
			this.deadline = this.transport.schedule(this::expire, this.transport.policy().totalTimeout());
		}
		this.requests++;
		this.transport.countRequest();
		BodyReader reader = reader(method);
		this.reading = reader;
		HttpClientContext context = HttpClientContext.create();
		this.sending = new Hop(uri.toString(), method, 0, null, null);
		long sent = System.nanoTime();
		this.inFlight = this.transport.exchange(host, this.transport.headers().request(this.request, method, uri, first),
				reader, context, this.listener, new HttpTransport.Exchange() {

					@Override
					public void answered(Answer answer, long ended) {
						heard(host, method, answer.status(), ended - sent);
						onAnswer(uri, host, method, answer, context);
					}

					@Override
					public void failed(Exception ex, long ended) {
						// a body stopped on purpose (its cap, its first bytes) is an answer all the same
						Answer partial = (ex instanceof BodyReader.Stopped) ? reader.partial() : null;
						heard(host, method, (partial != null) ? partial.status() : 0, ended - sent);
						if (partial != null) {
							onAnswer(uri, host, method, partial, context);
						}
						else {
							onFailure(uri, host, method, reader, ex);
						}
					}

				});
		if (this.finished.get()) {
			this.inFlight.cancel(true);
		}
	}

	private BodyReader reader(String method) {
		if (method.equals("HEAD")) {
			return new CappedBodyConsumer(1);
		}
		CallRequest.Streaming streaming = this.request.streaming();
		if (streaming != null) {
			return new StreamingBodyConsumer(streaming.maxBytes(), streaming.prefixBytes(), streaming.sink(),
					streaming.check());
		}
		return new CappedBodyConsumer(Math.max(this.request.bodyCap(), 1));
	}

	private void heard(String host, String method, int status, long nanos) {
		CallListener.quietly(() -> this.listener.requestCompleted(host, method, status, Duration.ofNanos(nanos)));
	}

	private void onAnswer(URI uri, String host, String method, Answer answer, HttpClientContext context) {
		if (this.finished.get()) {
			return;
		}
		try {
			decide(uri, host, method, answer, context);
		}
		catch (RuntimeException ex) {
			finish(Ending.INTERNAL, GiveUp.NONE, "unexpected problem reading the answer: " + ex, null, ex, null, null);
		}
	}

	private void decide(URI uri, String host, String method, Answer answer, HttpClientContext context) {
		int status = answer.status();
		String location = answer.header("Location");
		this.chain.add(new Hop(uri.toString(), method, status, location, remoteAddress(context)));
		this.last = answer;
		this.lastUrl = uri.toString();
		boolean retryable = RetryPolicy.retryable(status);
		if (!retryable) {
			Duration rateLimited = RetryPolicy.rateLimitWait(answer);
			if (rateLimited != null) {
				this.transport.pause(host, this.retries.capped(rateLimited));
			}
		}
		if (this.request.followRedirects() && status >= 300 && status < 400 && status != 304 && location != null) {
			RedirectChain.Next next = this.chain.follow(uri, method, status, location);
			if (next.refusal() != null) {
				finish(next.refusal(), GiveUp.NONE, next.problem(), next.location(), null, null, null);
			}
			else {
				send(next.url(), next.method(), false);
			}
			return;
		}
		if (retryable) {
			retryOrGiveUp(host, status, answer);
			return;
		}
		if (method.equals("HEAD") && this.request.headAnswerUsable() != null
				&& !this.request.headAnswerUsable().test(answer)) {
			// HEAD refused or not trusted (405, 403, a 404 that GET may contradict, the wrong type): ask for the bytes
			send(uri.toString(), "GET", false);
			return;
		}
		finish(Ending.ANSWERED, GiveUp.NONE, null, null, null, null, null);
	}

	private void retryOrGiveUp(String host, int status, Answer answer) {
		Duration asked = RetryPolicy.askedWait(answer, Instant.now());
		Duration delay = (asked != null) ? asked : this.retries.backoff(this.attempt);
		if (RetryPolicy.pausesHost(status)) {
			this.transport.pause(host, this.retries.capped(delay));
		}
		GiveUp why = this.retries.afterAnswer(this.attempt, asked, delay, remaining());
		if (why != GiveUp.NONE) {
			finish(Ending.ANSWERED, why, null, null, null, null, asked);
			return;
		}
		retryAfter(host, String.valueOf(status), delay);
	}

	private void onFailure(URI uri, String host, String method, BodyReader reader, Exception ex) {
		if (this.finished.get()) {
			return;
		}
		this.lastError = ex;
		this.chain.add(new Hop(uri.toString(), method, 0, null, null));
		this.lastUrl = uri.toString();
		Duration delay = this.retries.backoff(this.attempt);
		GiveUp why = this.retries.afterFailure(this.attempt, ErrorClasses.of(ex), reader.handedOn(), delay, remaining());
		if (why != GiveUp.NONE) {
			finish(Ending.FAILED, why, null, null, ex, reader.partial(), null);
			return;
		}
		retryAfter(host, ErrorClasses.isTimeout(ex) ? "timeout" : "connect", delay);
	}

	private void retryAfter(String host, String reason, Duration delay) {
		CallListener.quietly(() -> this.listener.retryScheduled(host, reason));
		this.transport.schedule(this::beginAttempt, delay);
	}

	private Duration remaining() {
		return this.transport.policy().totalTimeout().minusNanos(System.nanoTime() - this.started);
	}

	private void expire() {
		if (this.finished.get()) {
			return;
		}
		Future<Answer> running = this.inFlight;
		BodyReader reader = this.reading;
		if (reader != null) {
			reader.abort();
		}
		Hop unanswered = this.sending;
		if (running != null && !running.isDone() && unanswered != null) {
			// the request that was cut short is part of the evidence: where the chain got stuck
			this.chain.add(unanswered);
			this.lastUrl = unanswered.url();
		}
		finish(Ending.TIMED_OUT, GiveUp.NONE, null, null, null, (reader != null) ? reader.partial() : null, null);
		if (running != null) {
			running.cancel(true);
		}
	}

	private void finish(Ending ending, GiveUp why, String problem, String location, Throwable error, Answer cutShort,
			Duration asked) {
		if (!this.finished.compareAndSet(false, true)) {
			return;
		}
		ScheduledFuture<?> timeout = this.deadline;
		if (timeout != null) {
			timeout.cancel(false);
		}
		String url = (this.lastUrl != null) ? this.lastUrl : this.request.url();
		this.result.complete(new CallOutcome(ending, why, this.target, this.last, cutShort, url, this.chain.hops(),
				problem, location, asked, error, this.lastError, Math.max(1, this.attempt), this.requests,
				(System.nanoTime() - this.started) / 1_000_000, Instant.now()));
	}

	private static String remoteAddress(HttpClientContext context) {
		EndpointDetails endpoint = context.getEndpointDetails();
		SocketAddress address = (endpoint != null) ? endpoint.getRemoteAddress() : null;
		if (address instanceof InetSocketAddress inet && inet.getAddress() != null) {
			return inet.getAddress().getHostAddress();
		}
		return null;
	}

}
