package dev.newsprobe.core.probe;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.newsprobe.core.http.CallOutcome;
import dev.newsprobe.core.http.CallRequest;
import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * What the prober offers beyond one URL at a time: one prober shared by several steps or partitions at once,
 * each hearing only its own probes while the limits hold across all; and any other call through the same
 * guarded HTTP layer, with extra request headers and the answer's headers and hops read back (what a Memento
 * TimeGate lookup needs).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpProberSharingIntegrationTests {

	private final FixtureWeb web = FixtureWeb.start();

	private final HttpProber prober = new HttpProber(TestPolicy.loopback().perHostConcurrency(2).build());

	@AfterEach
	void close() {
		this.prober.close();
		this.web.close();
	}

	@Test
	void partitionsSharingOneProberHearOnlyTheirOwnProbesAndShareItsPerHostLimit() {
		// given two partitions probing one host through one prober, each with its own listener
		this.web.fallback(Fixtures.page().title("Story").response().latency(Duration.ofMillis(50)));
		Heard first = new Heard();
		Heard second = new Heard();
		Prober one = this.prober.listenedBy(first);
		Prober two = this.prober.listenedBy(second);

		// when both probe at once
		List<CompletableFuture<ProbeResult>> running = new ArrayList<>();
		IntStream.range(0, 10).forEach(i -> {
			running.add(one.probe(ProbeRequest.page(this.web.url("/one/" + i))));
			running.add(two.probe(ProbeRequest.page(this.web.url("/two/" + i))));
		});
		running.forEach(CompletableFuture::join);
		one.close();
		two.close();

		// then each heard its own ten, the host never saw more than its two at a time, and closing a view left
		// the prober working
		assertThat(first.finished).hasSize(10).allMatch(url -> url.contains("/one/"));
		assertThat(second.finished).hasSize(10).allMatch(url -> url.contains("/two/"));
		assertThat(first.requests).hasSize(10);
		assertThat(this.web.maxInFlight()).isEqualTo(2);
		assertThat(this.prober.probe(ProbeRequest.page(this.web.url("/after"))).join().verdict()).isEqualTo(Verdict.OK);
	}

	@Test
	void aCallSendsItsOwnHeadersOnEveryHopAndReadsTheAnswersHeadersAndHops() {
		// given a TimeGate that redirects to a memento, which says when it was archived
		String memento = this.web.url("/web/20190101000000/story");
		this.web.route("/timegate/story", Response.redirect(302, memento).header("Vary", "accept-datetime"));
		this.web.route("/web/20190101000000/story",
				Response.html("<title>Story</title>").header("Memento-Datetime", "Tue, 01 Jan 2019 00:00:00 GMT"));

		// when
		CallOutcome outcome = this.prober.call(CallRequest.to(this.web.url("/timegate/story"), "GET")
			.header("Accept-Datetime", "Thu, 31 Dec 2018 12:00:00 GMT")
			.bodyCap(1024)
			.build()).join();

		// then
		assertThat(outcome.ending()).isEqualTo(CallOutcome.Ending.ANSWERED);
		assertThat(outcome.status()).isEqualTo(200);
		assertThat(outcome.header("Memento-Datetime")).isEqualTo("Tue, 01 Jan 2019 00:00:00 GMT");
		assertThat(outcome.hops()).extracting(Hop::url, Hop::statusCode)
			.containsExactly(tuple(this.web.url("/timegate/story"), 302),
					tuple(memento, 200));
		assertThat(this.web.requestHeaders("/timegate/story")).containsEntry("Accept-Datetime",
				"Thu, 31 Dec 2018 12:00:00 GMT");
		assertThat(this.web.requestHeaders("/web/20190101000000/story")).containsEntry("Accept-Datetime",
				"Thu, 31 Dec 2018 12:00:00 GMT");
	}

	@Test
	void aCallThatDoesNotFollowRedirectsEndsAtTheFirstAnswer() {
		this.web.route("/timegate/story", Response.redirect(302, this.web.url("/memento")).header("Link",
				"<" + this.web.url("/memento") + ">; rel=\"memento\""));

		CallOutcome outcome = this.prober.call(CallRequest.to(this.web.url("/timegate/story"), "HEAD")
			.followRedirects(false)
			.build()).join();

		assertThat(outcome.status()).isEqualTo(302);
		assertThat(outcome.answer().headers("Link")).hasSize(1);
		assertThat(this.web.hits("/memento")).isZero();
	}

	/** What one partition's listener heard. */
	static final class Heard implements ProbeListener {

		final Set<String> finished = ConcurrentHashMap.newKeySet();

		final List<Integer> requests = Collections.synchronizedList(new ArrayList<>());

		@Override
		public void requestCompleted(String host, String method, int status, Duration latency) {
			this.requests.add(status);
		}

		@Override
		public void probeFinished(ProbeRequest request, ProbeResult result) {
			this.finished.add(request.url());
		}

	}

}
