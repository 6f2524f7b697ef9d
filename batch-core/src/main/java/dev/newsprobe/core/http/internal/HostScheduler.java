package dev.newsprobe.core.http.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands out permission to send requests so that at most {@code concurrency} are in flight in
 * all, at most {@code perHost} to one host, requests to one host start at least
 * {@code minInterval} apart, and a host that asked for a pause (429, 503, rate-limit headers) gets
 * it. Hosts take turns (one request each per turn), so one slow or busy host never holds up the
 * others; the cost per request is constant however many hosts there are.
 * <p>
 * Adaptive: a pause also halves the host's concurrency (at least one); each success gives one
 * back, up to {@code perHost}.
 */
public final class HostScheduler {

	private final int concurrency;

	private final int perHost;

	private final long minIntervalNanos;

	private final ScheduledExecutorService timer;

	private final Map<String, Host> hosts = new HashMap<>();

	/** Hosts that may be able to start a request now, in turn order. */
	private final Deque<Host> turns = new ArrayDeque<>();

	/** Hosts waiting for a pause or minimum interval to pass, earliest first. */
	private final PriorityQueue<Host> sleeping = new PriorityQueue<>((a, b) -> Long.compare(a.wakeAt, b.wakeAt));

	private int active;

	private long timerAt = Long.MAX_VALUE;

	public HostScheduler(int concurrency, int perHost, Duration minInterval, ScheduledExecutorService timer) {
		this.concurrency = concurrency;
		this.perHost = perHost;
		this.minIntervalNanos = minInterval.toNanos();
		this.timer = timer;
	}

	/**
	 * Queues a request to a host; it runs when the limits allow. The task must end with
	 * {@link #release(String, boolean)} for the same host.
	 */
	public void submit(String host, Runnable task) {
		synchronized (this) {
			Host state = this.hosts.computeIfAbsent(host, Host::new);
			state.waiting.add(task);
			offerTurn(state);
		}
		dispatch();
	}

	/**
	 * Ends a request to a host.
	 * @param host the host
	 * @param success whether it went well (gives back concurrency taken by a pause)
	 */
	public void release(String host, boolean success) {
		synchronized (this) {
			Host state = this.hosts.get(host);
			state.active--;
			this.active--;
			if (success && state.limit < this.perHost) {
				state.limit++;
			}
			if (state.active == 0 && state.waiting.isEmpty() && !state.inTurn && !state.asleep) {
				long now = System.nanoTime();
				long quietUntil = Math.max(state.notBefore, state.lastStart + this.minIntervalNanos);
				if (quietUntil <= now) {
					this.hosts.remove(host);
				}
				else {
					// Forgetting the host now would forget when it may next be asked: the next URL for it,
					// submitted a moment later, would start at once. It sleeps until then, and goes if idle.
					sleepUntil(state, quietUntil);
				}
			}
			else {
				offerTurn(state);
			}
		}
		dispatch();
	}

	/**
	 * Pauses a host: no request to it starts before the delay has passed, and its concurrency is halved.
	 * @param host the host
	 * @param delay how long it asked to be left alone
	 */
	public void pause(String host, Duration delay) {
		synchronized (this) {
			Host state = this.hosts.computeIfAbsent(host, Host::new);
			long now = System.nanoTime();
			state.notBefore = Math.max(state.notBefore, now + delay.toNanos());
			state.limit = Math.max(1, state.limit / 2);
			if (state.active == 0 && state.waiting.isEmpty() && !state.inTurn && !state.asleep) {
				// idle (its last request already released): kept asleep until the pause is over, then forgotten
				sleepUntil(state, state.notBefore);
				scheduleWakeUp(now);
			}
		}
	}

	private void sleepUntil(Host host, long wakeAt) {
		host.asleep = true;
		host.wakeAt = wakeAt;
		this.sleeping.add(host);
	}

	/** Requests in flight now, for metrics and tests. */
	public synchronized int active() {
		return this.active;
	}

	private void offerTurn(Host host) {
		if (!host.inTurn && !host.asleep && !host.waiting.isEmpty() && host.active < host.limit) {
			host.inTurn = true;
			this.turns.add(host);
		}
	}

	private void dispatch() {
		Deque<Runnable> ready = new ArrayDeque<>();
		synchronized (this) {
			long now = System.nanoTime();
			while (!this.sleeping.isEmpty() && this.sleeping.peek().wakeAt <= now) {
				Host host = this.sleeping.poll();
				host.asleep = false;
				if (host.active == 0 && host.waiting.isEmpty()) {
					// a pause asked for while it slept may outlast the interval it slept for
					long quietUntil = Math.max(host.notBefore, host.lastStart + this.minIntervalNanos);
					if (quietUntil > now) {
						sleepUntil(host, quietUntil);
					}
					else {
						this.hosts.remove(host.name, host);
					}
				}
				else {
					offerTurn(host);
				}
			}
			while (this.active < this.concurrency && !this.turns.isEmpty()) {
				Host host = this.turns.poll();
				host.inTurn = false;
				if (host.waiting.isEmpty() || host.active >= host.limit) {
					continue;
				}
				long startAt = Math.max(host.notBefore, host.lastStart + this.minIntervalNanos);
				if (startAt > now) {
					sleepUntil(host, startAt);
					continue;
				}
				ready.add(host.waiting.poll());
				host.active++;
				host.lastStart = now;
				this.active++;
				offerTurn(host);
			}
			scheduleWakeUp(now);
		}
		for (Runnable task : ready) {
			task.run();
		}
	}

	private void scheduleWakeUp(long now) {
		Host next = this.sleeping.peek();
		if (next != null && next.wakeAt < this.timerAt) {
			this.timerAt = next.wakeAt;
			this.timer.schedule(this::wakeUp, Math.max(0, next.wakeAt - now), TimeUnit.NANOSECONDS);
		}
	}

	private void wakeUp() {
		synchronized (this) {
			this.timerAt = Long.MAX_VALUE;
		}
		dispatch();
	}

	private final class Host {

		final Deque<Runnable> waiting = new ArrayDeque<>();

		int active;

		int limit = HostScheduler.this.perHost;

		long notBefore = Long.MIN_VALUE;

		long lastStart = Long.MIN_VALUE / 2;

		boolean inTurn;

		boolean asleep;

		long wakeAt;

		final String name;

		Host(String name) {
			this.name = name;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
