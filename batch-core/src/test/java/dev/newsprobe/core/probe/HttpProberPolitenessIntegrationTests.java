package dev.newsprobe.core.probe;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

import dev.newsprobe.core.http.HostPoliteness;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.RecordedRequest;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for how {@link HttpProber} treats the sites it checks: never more than the per-host
 * concurrency at once, requests to one host spaced by the minimum interval, connections kept alive and reused,
 * one slow host never holding up another; and for what a long run costs it: a heap that stays flat.
 * <p>
 * The servers count what they see ({@link FixtureWeb#maxInFlight()}, {@link FixtureWeb#connectionsOpened()},
 * arrival times), so every assertion is about what a site's operator would notice.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpProberPolitenessIntegrationTests {

	private static final Duration LATENCY = Duration.ofMillis(100);

	private final FixtureWeb web = FixtureWeb.start();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.web.close();
	}

	@Test
	void noMoreThanThePerHostConcurrencyIsEverInFlightToOneHost() {
		// given 40 pages on one host, each answered after 100 ms, and room for 64 requests in all
		this.web.fallback(Fixtures.page().title("Story").response().latency(LATENCY));
		HttpProber prober = prober(TestPolicy.loopback().concurrency(64).perHostConcurrency(3));

		// when
		List<ProbeResult> results = prober.probeAll(pages(this.web, "/story/", 40));

		// then the host saw three at a time, never more
		assertThat(results).extracting(ProbeResult::verdict).containsOnly(Verdict.OK);
		assertThat(this.web.totalRequests()).isEqualTo(40);
		assertThat(this.web.maxInFlight()).isLessThanOrEqualTo(3);
		assertThat(this.web.maxInFlight()).as("the concurrency allowed was used").isEqualTo(3);
	}

	@Test
	void twoHostsAreProbedSideBySide() {
		// given two hosts with 20 slow pages each
		FixtureWeb other = FixtureWeb.start();
		this.closeables.add(other);
		this.web.fallback(Fixtures.page().title("One").response().latency(LATENCY));
		other.fallback(Fixtures.page().title("Other").response().latency(LATENCY));
		HttpProber prober = prober(TestPolicy.loopback().concurrency(64).perHostConcurrency(2));
		List<ProbeRequest> requests = new ArrayList<>();
		List<ProbeRequest> mine = pages(this.web, "/a/", 20);
		List<ProbeRequest> theirs = pages(other, "/b/", 20);
		for (int i = 0; i < 20; i++) {
			requests.add(mine.get(i));
			requests.add(theirs.get(i));
		}

		// when
		List<ProbeResult> results = prober.probeAll(requests);

		// then each host had its two at a time, and neither waited for the other to be done
		assertThat(results).extracting(ProbeResult::verdict).containsOnly(Verdict.OK);
		assertThat(this.web.maxInFlight()).isEqualTo(2);
		assertThat(other.maxInFlight()).isEqualTo(2);
		List<Instant> one = arrivals(this.web);
		List<Instant> two = arrivals(other);
		assertThat(two.get(0)).as("the other host's first request came before this host's last")
			.isBefore(one.get(one.size() - 1));
		assertThat(one.get(0)).as("this host's first request came before the other host's last")
			.isBefore(two.get(two.size() - 1));
	}

	@Test
	void requestsToOneHostStartNoCloserThanTheMinimumInterval() {
		// given
		this.web.fallback(Fixtures.page().title("Story").response());
		HttpProber prober = prober(
				TestPolicy.loopback().perHostConcurrency(4).perHostMinInterval(Duration.ofMillis(200)));
		// a first request opens the connection and warms the code paths; otherwise its extra trip time shortens
		// the gap the server sees before the second one, on a busy machine by more than the 20 ms allowed
		prober.probeAll(pages(this.web, "/warm-up/", 1));
		this.web.forgetRequests();

		// when
		List<ProbeResult> results = prober.probeAll(pages(this.web, "/story/", 6));

		// then the host saw its requests about 200 ms apart, at least. The prober spaces the starts; the
		// server sees arrivals, and a request held up on its way (a busy machine, a pause) arrives late,
		// shortening the one gap after it while lengthening the one before. So: every request is at
		// least two intervals after the one two before it, and the six span five intervals (a little
		// less allowed for the trip there); a prober that let requests go together fails both.
		assertThat(results).extracting(ProbeResult::verdict).containsOnly(Verdict.OK);
		List<Instant> arrivals = arrivals(this.web);
		assertThat(arrivals).hasSize(6);
		for (int i = 2; i < arrivals.size(); i++) {
			assertThat(Duration.between(arrivals.get(i - 2), arrivals.get(i))).as("requests " + (i - 1) + " to " + (i + 1))
				.isGreaterThanOrEqualTo(Duration.ofMillis(380));
		}
		assertThat(Duration.between(arrivals.get(0), arrivals.get(5))).isGreaterThanOrEqualTo(Duration.ofMillis(980));
	}

	@Test
	void aUrlWaitingItsTurnAtABusyHostIsNotTimedOutBeforeItIsRequested() {
		// given more pages on one host than its minimum interval lets through within one total timeout
		this.web.fallback(Fixtures.page().title("Story").response());
		HttpProber prober = prober(
				TestPolicy.loopback().perHostConcurrency(1).perHostMinInterval(Duration.ofMillis(700)));
		int pages = (int) (TestPolicy.TOTAL_TIMEOUT.toMillis() / 700) + 3;

		// when
		List<ProbeResult> results = prober.probeAll(pages(this.web, "/story/", pages));

		// then every page was requested and judged; the total timeout counts from a URL's first request
		assertThat(results).extracting(ProbeResult::verdict).containsOnly(Verdict.OK);
		assertThat(results).extracting(ProbeResult::requests).containsOnly(1);
		assertThat(results).allSatisfy((result) -> assertThat(result.elapsedMillis())
			.isLessThan(TestPolicy.TOTAL_TIMEOUT.toMillis()));
		assertThat(this.web.totalRequests()).isEqualTo(pages);
	}

	@Test
	void connectionsToAHostAreKeptAliveAndReused() {
		// given
		this.web.fallback(Fixtures.page().title("Story").response());
		HttpProber prober = prober(TestPolicy.loopback().perHostConcurrency(4));

		// when 50 pages, in batches of ten
		List<ProbeResult> results = new ArrayList<>();
		List<ProbeRequest> requests = pages(this.web, "/story/", 50);
		for (int i = 0; i < 50; i += 10) {
			results.addAll(prober.probeAll(requests.subList(i, i + 10)));
		}

		// then the four connections allowed at once carried nearly every request. Not always all of them:
		// HttpClient 5.6 closes a connection whose exchange completes before execute() has returned to its
		// caller (ComplexFuture.setDependency cancels the exchange of a future already done), which a loopback
		// server is fast enough to provoke now and then; the answer is kept, only a reconnection is paid
		assertThat(results).extracting(ProbeResult::verdict).containsOnly(Verdict.OK);
		assertThat(results).extracting(ProbeResult::attempts).containsOnly(1);
		assertThat(this.web.totalRequests()).isEqualTo(50);
		assertThat(this.web.connectionsOpened())
			.as("connections opened; the connection of each request: %s",
					this.web.requests().stream().map(RecordedRequest::connection).toList())
			.isLessThanOrEqualTo(10);
	}

	@Test
	void theHeapStaysFlatOverFiveThousandProbes() {
		// given two hosts with a tiny page, and a prober that has warmed up
		FixtureWeb other = FixtureWeb.start();
		this.closeables.add(other);
		Response page = Response.html("<title>ok</title>");
		this.web.fallback(page);
		other.fallback(page);
		HttpProber prober = prober(TestPolicy.loopback().concurrency(64).perHostConcurrency(16));
		probeInBatches(prober, other, "/warm/", 1_000);
		long before = usedHeapAfterGc();

		// when 5,000 distinct URLs (not 20,000: loopback is slow on sandboxed build machines, and tests stay quick)
		long ok = probeInBatches(prober, other, "/p/", 2_500);

		// then what stays behind is far less than one probe's worth per probe (a body buffer alone is 16 KB)
		long after = usedHeapAfterGc();
		assertThat(ok).isEqualTo(5_000);
		assertThat(after - before).as("heap growth over 5,000 probes, in bytes").isLessThan(8L << 20);
	}

	@Test
	void aHostAnswering429AboveTwoInFlightIsSlowedToTwoAndGrowsBackOnceItAnswersWell() {
		// given a host that says "too many requests" whenever more than two are in flight, and a prober allowed eight
		AtomicBoolean busy = new AtomicBoolean(true);
		List<Integer> inFlightAtArrival = new CopyOnWriteArrayList<>();
		Response ok = Fixtures.page().title("Story").response().latency(Duration.ofMillis(60));
		Response tooMany = Response.status(429).latency(Duration.ofMillis(60));
		this.web.route("/story", () -> {
			int now = this.web.inFlight();
			inFlightAtArrival.add(now);
			return (busy.get() && now > 2) ? tooMany : ok;
		});
		List<Integer> limits = new CopyOnWriteArrayList<>();
		HttpProber prober = new HttpProber(TestPolicy.loopback().concurrency(64).perHostConcurrency(8).build(),
				new ProbeListener() {

					@Override
					public void hostLimitChanged(String host, int limit, int configuredLimit) {
						limits.add(limit);
					}

				});
		this.closeables.add(prober);

		// when it is busy, the prober's in-flight requests fall to what it serves well
		prober.probeAll(IntStream.range(0, 60).mapToObj(i -> ProbeRequest.page(this.web.url("/story?n=" + i))).toList());
		List<Integer> busyTail = inFlightAtArrival.subList(inFlightAtArrival.size() / 2, inFlightAtArrival.size());
		HostPoliteness slowed = prober.politeness().get(0);

		// then: cut multiplicatively, once per episode (8, 4, 2 and below), probing one above two now and then
		assertThat(inFlightAtArrival.subList(0, inFlightAtArrival.size() / 2)).as("the host was overwhelmed at first")
			.anyMatch(n -> n >= 5);
		assertThat(slowed.lowestLimit()).isLessThanOrEqualTo(2);
		assertThat(slowed.limit()).as("not grown back while the host was busy").isLessThan(8);
		assertThat(limits).first().isEqualTo(4);
		assertAimd(limits);
		// (the server counts a request in flight until it has written the answer, which the prober may have read
		// and followed with the next request a moment before: one more than the prober's limit may show)
		assertThat(busyTail).as("in flight at each arrival, second half").allMatch(n -> n <= 4);
		assertThat(busyTail.stream().filter(n -> n <= 3).count()).as("arrivals with three in flight or fewer")
			.isGreaterThanOrEqualTo(busyTail.size() * 9 / 10);
		assertThat(busyTail.stream().filter(n -> n <= 2).count()).as("arrivals with two in flight or fewer")
			.isGreaterThan(busyTail.size() / 2);

		// when it answers well again
		busy.set(false);
		inFlightAtArrival.clear();
		List<ProbeResult> calm = prober
			.probeAll(IntStream.range(0, 100).mapToObj(i -> ProbeRequest.page(this.web.url("/story?m=" + i))).toList());

		// then the limit grows back additively, a request at a time, to the eight configured
		assertThat(calm).extracting(ProbeResult::verdict).containsOnly(Verdict.OK);
		assertThat(inFlightAtArrival).contains(8).allMatch(n -> n <= 9);
		assertThat(prober.politeness().get(0).limit()).isEqualTo(8);
		assertAimd(limits);
		assertThat(limits).last().isEqualTo(8);
	}

	/** Every change of a limit, from the eight configured, is a halving (at least one) or one request more. */
	private static void assertAimd(List<Integer> limits) {
		int before = 8;
		for (int limit : limits) {
			assertThat(limit).as("the limit after %d, in %s", before, limits).isIn(Math.max(1, before / 2), before + 1);
			before = limit;
		}
	}

	// ---------------------------------------------------------------- helpers

	private HttpProber prober(TestPolicy policy) {
		HttpProber prober = policy.prober();
		this.closeables.add(prober);
		return prober;
	}

	private static List<ProbeRequest> pages(FixtureWeb web, String prefix, int count) {
		return IntStream.range(0, count).mapToObj((i) -> ProbeRequest.page(web.url(prefix + i))).toList();
	}

	private static List<Instant> arrivals(FixtureWeb web) {
		return web.requests().stream().map(RecordedRequest::arrivedAt).sorted().toList();
	}

	/**
	 * Probes {@code perHost} pages on each of the two hosts, 1,000 at a time, the servers forgetting each batch
	 * so that only the prober's memory is measured; how many came back OK.
	 */
	private long probeInBatches(HttpProber prober, FixtureWeb other, String prefix, int perHost) {
		long ok = 0;
		for (int start = 0; start < perHost; start += 500) {
			List<ProbeRequest> batch = new ArrayList<>(1000);
			for (int i = start; i < Math.min(perHost, start + 500); i++) {
				batch.add(ProbeRequest.page(this.web.url(prefix + i)));
				batch.add(ProbeRequest.page(other.url(prefix + i)));
			}
			ok += prober.probeAll(batch).stream().filter((result) -> result.verdict() == Verdict.OK).count();
			this.web.forgetRequests();
			other.forgetRequests();
		}
		return ok;
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long used = Long.MAX_VALUE;
		for (int i = 0; i < 5; i++) {
			System.gc();
			used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
		}
		return used;
	}

}
