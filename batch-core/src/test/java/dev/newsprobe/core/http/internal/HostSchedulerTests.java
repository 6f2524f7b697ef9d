package dev.newsprobe.core.http.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The per-host minimum interval holds however the requests to a host arrive: all at once, or one
 * after another with the host idle in between (as URLs come from the probe step's reader).
 */
class HostSchedulerTests {

	static final Duration INTERVAL = Duration.ofMillis(150);

	final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

	final List<Long> starts = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.timer.shutdownNow();
	}

	@Test
	void aRequestSubmittedJustAfterTheHostWentIdleStillWaitsItsInterval() throws Exception {
		HostScheduler scheduler = new HostScheduler(8, 4, INTERVAL, this.timer);

		for (int i = 0; i < 3; i++) {
			// each request ends before the next is submitted: the host has nothing queued in between
			CountDownLatch started = new CountDownLatch(1);
			scheduler.submit("news.example", () -> {
				this.starts.add(System.nanoTime());
				started.countDown();
			});
			assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
			scheduler.release("news.example", HostScheduler.Signal.GOOD, System.nanoTime(), limit -> {
			});
		}

		assertThat(this.starts).hasSize(3);
		for (int i = 1; i < this.starts.size(); i++) {
			assertThat(Duration.ofNanos(this.starts.get(i) - this.starts.get(i - 1))).as("start %d after start %d", i + 1, i)
				.isGreaterThanOrEqualTo(INTERVAL);
		}
	}

	@Test
	void aPauseAskedForAfterTheLastRequestEndedOutlastsTheInterval() throws Exception {
		// what a 429 does: the request has already given its slot back when its answer asks for a pause
		HostScheduler scheduler = new HostScheduler(8, 4, INTERVAL, this.timer);
		CountDownLatch started = new CountDownLatch(1);
		scheduler.submit("news.example", started::countDown);
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		scheduler.release("news.example", HostScheduler.Signal.GOOD, System.nanoTime(), limit -> {
		});
		long paused = System.nanoTime();
		scheduler.pause("news.example", Duration.ofMillis(600));

		// past the interval, the host wakes with nothing to do: it must remember the pause
		Thread.sleep(INTERVAL.toMillis() + 100);
		CountDownLatch again = new CountDownLatch(1);
		scheduler.submit("news.example", () -> {
			this.starts.add(System.nanoTime());
			again.countDown();
		});

		assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(this.starts.get(0) - paused)).isGreaterThanOrEqualTo(Duration.ofMillis(600));
	}

	@Test
	void aPausedHostWithNothingToDoIsForgottenOnceThePauseIsOver() throws Exception {
		HostScheduler scheduler = new HostScheduler(8, 4, Duration.ZERO, this.timer);
		scheduler.pause("news.example", Duration.ofMillis(100));

		Thread.sleep(300);
		CountDownLatch started = new CountDownLatch(1);
		long submitted = System.nanoTime();
		scheduler.submit("news.example", started::countDown);

		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - submitted)).isLessThan(Duration.ofMillis(100));
	}

	@Test
	void anIdleHostIsForgottenOnceItsIntervalHasPassed() throws Exception {
		HostScheduler scheduler = new HostScheduler(8, 4, INTERVAL, this.timer);
		CountDownLatch started = new CountDownLatch(1);
		scheduler.submit("news.example", started::countDown);
		assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
		scheduler.release("news.example", HostScheduler.Signal.GOOD, System.nanoTime(), limit -> {
		});

		Thread.sleep(INTERVAL.toMillis() + 200);
		CountDownLatch again = new CountDownLatch(1);
		long submitted = System.nanoTime();
		scheduler.submit("news.example", again::countDown);

		assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - submitted)).as("no wait once the interval is over")
			.isLessThan(INTERVAL);
		assertThat(scheduler.active()).isEqualTo(1);
	}

	@Test
	void congestionHalvesTheLimitOncePerEpisodeAndGoodAnswersGrowItBackOneWindowAtATime() {
		HostScheduler scheduler = new HostScheduler(64, 8, Duration.ZERO, this.timer);
		startAndRelease(scheduler, 8, HostScheduler.Signal.GOOD);
		assertThat(scheduler.limit("news.example")).isEqualTo(8);

		// eight requests in flight all answered 429: one episode, one cut
		List<Long> sent = startAll(scheduler, 8);
		for (long at : sent) {
			scheduler.release("news.example", HostScheduler.Signal.CONGESTED, at, limit -> {
			});
		}
		assertThat(scheduler.limit("news.example")).isEqualTo(4);

		// a request sent after the cut and answered 503 cuts again
		startAndRelease(scheduler, 1, HostScheduler.Signal.CONGESTED);
		assertThat(scheduler.limit("news.example")).isEqualTo(2);
		assertThat(scheduler.slowed()).singleElement().satisfies(host -> {
			assertThat(host.lowestLimit()).isEqualTo(2);
			assertThat(host.slowdowns()).isEqualTo(2);
			assertThat(host.configuredLimit()).isEqualTo(8);
		});

		// growing back takes a limit's worth of good answers per request: 2 + 3 + ... + 7
		startAndRelease(scheduler, 2, HostScheduler.Signal.GOOD);
		assertThat(scheduler.limit("news.example")).isEqualTo(3);
		startAndRelease(scheduler, 3 + 4 + 5 + 6, HostScheduler.Signal.GOOD);
		assertThat(scheduler.limit("news.example")).isEqualTo(7);
		startAndRelease(scheduler, 7, HostScheduler.Signal.GOOD);
		startAndRelease(scheduler, 20, HostScheduler.Signal.GOOD);
		assertThat(scheduler.limit("news.example")).as("never past the configured limit").isEqualTo(8);
		assertThat(scheduler.slowed().get(0).limit()).isEqualTo(8);

		// failures that say nothing of load change nothing; the limit is never below one
		for (int i = 0; i < 6; i++) {
			startAndRelease(scheduler, 1, HostScheduler.Signal.CONGESTED);
		}
		assertThat(scheduler.limit("news.example")).isEqualTo(1);
		startAndRelease(scheduler, 5, HostScheduler.Signal.NEUTRAL);
		assertThat(scheduler.limit("news.example")).isEqualTo(1);
	}

	@Test
	void aHostSlowedDownIsNotForgottenWhenIdleSoItsLimitHolds() {
		HostScheduler scheduler = new HostScheduler(64, 8, Duration.ZERO, this.timer);
		startAndRelease(scheduler, 1, HostScheduler.Signal.CONGESTED);

		// nothing queued, nothing in flight: the next request still meets the cut limit
		assertThat(scheduler.active()).isZero();
		assertThat(scheduler.limit("news.example")).isEqualTo(4);
		startAll(scheduler, 8);
		assertThat(scheduler.active()).as("in flight at once").isEqualTo(4);
	}

	/** Starts {@code count} requests one after another, each released with {@code signal} once it ran. */
	private static void startAndRelease(HostScheduler scheduler, int count, HostScheduler.Signal signal) {
		for (int i = 0; i < count; i++) {
			long[] at = new long[1];
			scheduler.submit("news.example", () -> at[0] = System.nanoTime());
			assertThat(at[0]).as("started at once").isNotZero();
			scheduler.release("news.example", signal, at[0], limit -> {
			});
		}
	}

	/** Submits {@code count} requests at once; returns when those the limit lets through started. */
	private static List<Long> startAll(HostScheduler scheduler, int count) {
		List<Long> starts = new CopyOnWriteArrayList<>();
		for (int i = 0; i < count; i++) {
			scheduler.submit("news.example", () -> starts.add(System.nanoTime()));
		}
		return starts;
	}

}
