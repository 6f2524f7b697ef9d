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
			scheduler.release("news.example", true);
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
		scheduler.release("news.example", true);
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
		scheduler.release("news.example", true);

		Thread.sleep(INTERVAL.toMillis() + 200);
		CountDownLatch again = new CountDownLatch(1);
		long submitted = System.nanoTime();
		scheduler.submit("news.example", again::countDown);

		assertThat(again.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(Duration.ofNanos(System.nanoTime() - submitted)).as("no wait once the interval is over")
			.isLessThan(INTERVAL);
		assertThat(scheduler.active()).isEqualTo(1);
	}

}
