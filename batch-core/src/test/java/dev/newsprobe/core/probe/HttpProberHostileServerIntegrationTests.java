package dev.newsprobe.core.probe;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.newsprobe.core.probe.ProberTestSupport.awaitTrue;
import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for {@link HttpProber} against servers that misbehave on purpose: bodies that never end
 * or crawl, huge declared lengths, compression bombs, resets, broken heads. Each must still get an honest
 * verdict, and cost a bounded time (about the total timeout, {@link TestPolicy#BOUNDED_COST} at most) and a
 * bounded amount of memory (the body cap): a hostile server must never stall or exhaust a nightly run.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpProberHostileServerIntegrationTests {

	private static final long TEN_GIGABYTES = 10L << 30;

	/** How long a fixture server may take to notice that the client went away: its next write or read. */
	private static final Duration NOTICE = Duration.ofSeconds(10);

	private final FixtureWeb web = FixtureWeb.start();

	private final HttpProber prober = TestPolicy.loopback().prober();

	@AfterEach
	void close() {
		this.prober.close();
		this.web.close();
	}

	// ---------------------------------------------------------------- bodies that never end

	@Test
	void aPageWhoseBodyNeverEndsIsJudgedOnItsFirstBytesAndLeft() {
		// given a head, then spaces forever
		this.web.route("/live", Response.html("<html><head><title>Live blog</title></head><body>").endless());

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/live")));

		// then the cap ended the read: no length is known, the head was read, the server saw the client leave
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.page().title()).isEqualTo("Live blog");
		assertThat(result.contentLength()).isNull();
		assertThat(result.requests()).isEqualTo(1);
		awaitTrue(() -> this.web.inFlight() == 0, NOTICE, "the server saw the client leave the endless body");
	}

	@Test
	void anImageWhoseBodyNeverEndsIsSniffedFromItsFirstBytesAndLeft() {
		// given a server that ignores the Range and sends the image, then bytes forever
		this.web.route("/img/stream.jpg", Response.ok("image/jpeg", Fixtures.jpeg(640, 480)).endless());

		// when
		ProbeResult result = probeWithinBoundedCost(
				new ProbeRequest(this.web.url("/img/stream.jpg"), true, 640, 480, null, null, null));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.imageWidth()).isEqualTo(640);
		assertThat(result.imageHeight()).isEqualTo(480);
		assertThat(result.requests()).isEqualTo(1);
		awaitTrue(() -> this.web.inFlight() == 0, NOTICE, "the server saw the client leave the endless body");
	}

	@Test
	void aTenGigabyteBodyIsReadNoFurtherThanTheCap() {
		// given a body announced as 10 GB that keeps coming
		this.web.route("/huge", Response.html("<html><head><title>Huge</title></head>")
			.declaredLength(TEN_GIGABYTES)
			.endless());

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/huge")));

		// then the declared length is reported, but only the cap was read
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.page().title()).isEqualTo("Huge");
		assertThat(result.contentLength()).isEqualTo(TEN_GIGABYTES);
		awaitTrue(() -> this.web.inFlight() == 0, NOTICE, "the server saw the client leave the 10 GB body");
	}

	@Test
	void aTenGigabyteContentLengthFollowedBySilenceTimesOut() {
		// given a few bytes of a body announced as 10 GB, then an open, silent connection
		this.web.route("/stuck", Response.html("<html><head><title>Stuck</title>")
			.declaredLength(TEN_GIGABYTES)
			.thenHold());

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/stuck")));

		// then each attempt waited out the response timeout, and the last one was cut by the total timeout
		assertThat(result.verdict()).isEqualTo(Verdict.TIMEOUT);
		assertThat(result.reason()).contains("total timeout of " + TestPolicy.TOTAL_TIMEOUT.toSeconds() + " s");
		assertThat(result.statusCode()).isZero();
		assertThat(result.errorClass()).isEqualTo("timeout.total");
		assertThat(result.errorMessage()).as("the response timeout that failed the earlier attempts").isNotNull();
		assertThat(result.hops()).containsExactly(new Hop(this.web.url("/stuck"), "GET", 0, null, null));
		assertThat(result.finalUrl()).isEqualTo(this.web.url("/stuck"));
		awaitTrue(() -> this.web.inFlight() == 0, NOTICE, "the server saw the client leave the silent connection");
	}

	@Test
	void aBodyDribbledAtOneBytePerSecondTimesOutAtTheTotalTimeout() {
		// given a server that is never silent long enough for the response timeout, but never done either
		this.web.route("/drip", Fixtures.page().title("Drip").body("x".repeat(1000)).response().dribble(1));

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/drip")));

		// then the total timeout, not the response timeout, ends it: on the first and only attempt
		assertThat(result.verdict()).isEqualTo(Verdict.TIMEOUT);
		assertThat(result.reason()).contains("total timeout of " + TestPolicy.TOTAL_TIMEOUT.toSeconds() + " s");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.requests()).isEqualTo(1);
		assertThat(result.hops()).containsExactly(new Hop(this.web.url("/drip"), "GET", 0, null, null));
		assertThat(result.elapsedMillis()).isGreaterThanOrEqualTo(TestPolicy.TOTAL_TIMEOUT.toMillis());
		awaitTrue(() -> this.web.inFlight() == 0, NOTICE, "the server saw the client leave the dribble");
	}

	// ---------------------------------------------------------------- compression bombs

	@Test
	void aGzipBombIsInflatedNoFurtherThanThePageCap() {
		// given a page head, then a gzip member inflating to 1 GB of zeros (about 1 MB on the wire)
		long bomb = 1L << 30;
		this.web.route("/bomb", Response.ok("text/html; charset=utf-8", "")
			.gzipBomb("<html><head><title>Bomb</title></head><body>", bomb));
		Allocations allocations = Allocations.start();

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/bomb")));

		// then the head is read, and the whole probe allocated a small fraction of what the bomb inflates to
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.page().title()).isEqualTo("Bomb");
		assertThat(result.requests()).isEqualTo(1);
		assertThat(allocations.bytesSinceStart()).as("bytes allocated while probing").isLessThan(64L << 20);
	}

	// ---------------------------------------------------------------- broken connections and heads

	@Test
	void aConnectionResetInTheMiddleOfTheBodyIsAConnectError() {
		// given
		this.web.route("/cut", Fixtures.page().title("Cut").body("y".repeat(50_000)).response().resetAfter(100));

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/cut")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.CONNECT_ERROR);
		assertThat(result.reason()).contains("connection failed").contains("Connection reset");
		assertThat(result.errorClass()).isEqualTo("connect.reset");
		assertThat(result.statusCode()).isZero();
		assertThat(result.hops()).containsExactly(new Hop(this.web.url("/cut"), "GET", 0, null, null));
		assertThat(result.attempts()).isEqualTo(TestPolicy.MAX_ATTEMPTS);
		assertThat(this.web.hits("/cut")).isEqualTo(TestPolicy.MAX_ATTEMPTS);
	}

	@Test
	void aConnectionClosedBeforeAnyAnswerIsAConnectError() {
		// given
		this.web.route("/silent", Response.closeWithoutResponse());

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/silent")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.CONNECT_ERROR);
		assertThat(result.reason()).contains("Connection closed");
		assertThat(result.errorClass()).isEqualTo("connect.closed");
		assertThat(result.statusCode()).isZero();
		assertThat(result.attempts()).isEqualTo(TestPolicy.MAX_ATTEMPTS);
		assertThat(this.web.hits("/silent")).isEqualTo(TestPolicy.MAX_ATTEMPTS);
	}

	@Test
	void aConnectionResetBeforeAnyAnswerIsAConnectError() {
		// given
		this.web.route("/rst", Response.resetWithoutResponse());

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/rst")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.CONNECT_ERROR);
		assertThat(result.reason()).contains("Connection reset");
		assertThat(result.errorClass()).isEqualTo("connect.reset");
		assertThat(result.attempts()).isEqualTo(TestPolicy.MAX_ATTEMPTS);
	}

	@Test
	void malformedHeadersAreAConnectError() {
		// given
		this.web.route("/garbled", Fixtures.page().title("Garbled").response().malformedHeaders());

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/garbled")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.CONNECT_ERROR);
		assertThat(result.reason()).contains("Invalid header").contains("This header line has no colon");
		assertThat(result.errorClass()).isEqualTo("http.malformed");
		assertThat(result.statusCode()).isZero();
		assertThat(result.page()).isNull();
	}

	@Test
	void aStatusLineThatIsNotHttpIsAConnectError() {
		// given
		this.web.route("/garbage", Fixtures.page().title("Garbage").response().malformedStatusLine());

		// when
		ProbeResult result = probeWithinBoundedCost(ProbeRequest.page(this.web.url("/garbage")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.CONNECT_ERROR);
		assertThat(result.reason()).contains("Status line").contains("2x0 Garbage");
		assertThat(result.errorClass()).isEqualTo("http.malformed");
		assertThat(result.statusCode()).isZero();
	}

	// ---------------------------------------------------------------- helpers

	/** Probes, and asserts that the probe cost about the total timeout at most, by its own clock and the test's. */
	private ProbeResult probeWithinBoundedCost(ProbeRequest request) {
		long start = System.nanoTime();
		ProbeResult result = probe(this.prober, request);
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		assertThat(result.elapsedMillis()).as("elapsedMillis of " + result).isLessThanOrEqualTo(TestPolicy.BOUNDED_COST.toMillis());
		assertThat(waited).as("time until the result of " + request.url()).isLessThanOrEqualTo(TestPolicy.BOUNDED_COST);
		return result;
	}


	/** The bytes allocated by the threads alive at the end, counted from {@link #start()} (HotSpot's counters). */
	private static final class Allocations {

		private final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		private final Map<Long, Long> atStart = new HashMap<>();

		static Allocations start() {
			Allocations allocations = new Allocations();
			long[] ids = allocations.threads.getAllThreadIds();
			long[] bytes = allocations.threads.getThreadAllocatedBytes(ids);
			for (int i = 0; i < ids.length; i++) {
				allocations.atStart.put(ids[i], Math.max(0, bytes[i]));
			}
			return allocations;
		}

		long bytesSinceStart() {
			long[] ids = this.threads.getAllThreadIds();
			long[] bytes = this.threads.getThreadAllocatedBytes(ids);
			long total = 0;
			for (int i = 0; i < ids.length; i++) {
				if (bytes[i] > 0) {
					total += bytes[i] - this.atStart.getOrDefault(ids[i], 0L);
				}
			}
			return total;
		}

	}

}
