package dev.newsprobe.core.http.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import dev.newsprobe.core.http.HostPoliteness;

/**
 * Hands out permission to send requests so that at most {@code concurrency} are in flight in
 * all, at most a host's own limit to one host, requests to one host start at least
 * {@code minInterval} apart, and a host that asked for a pause (429, 503, {@code Retry-After},
 * rate-limit headers) gets it. Hosts take turns (one request each per turn), so one slow or busy host
 * never holds up the others; the cost per request is constant however many hosts there are.
 * <p>
 * A host's limit is adaptive (AIMD, as TCP's congestion window): it starts at {@code perHost}; a request
 * answered 429 or 503, or timed out, halves it (at least 1), once per episode (answers to requests sent
 * before the last cut do not cut again); every good answer adds {@code 1/limit}, so a whole limit's worth of
 * good answers gives one request more, up to {@code perHost}. Other failures (refused, reset) change nothing.
 * A host whose limit is cut is remembered, idle or not, until it has grown back; so is a host that may not
 * be asked yet (its interval or pause), so a request submitted just after it went idle still waits.
 */
public final class HostScheduler {

	/** What an ended request says about the host's load. */
	public enum Signal {
		/** The host answered, and not with "too busy". */
		GOOD,
		/** 429, 503 or a timeout: the host is overloaded or asks to be left alone. */
		CONGESTED,
		/** No answer that says anything about load (a refused or reset connection, a cancelled request). */
		NEUTRAL
	}

	/** The multiplicative decrease: a cut keeps this share of the limit. */
	static final double DECREASE = 0.5;

	private final int concurrency;

	private final int perHost;

	private final long minIntervalNanos;

	private final ScheduledExecutorService timer;

	private final Map<String, Host> hosts = new HashMap<>();

	/** Hosts that may be able to start a request now, in turn order. */
	private final Deque<Host> turns = new ArrayDeque<>();

	/** Hosts waiting for a pause or minimum interval to pass, earliest first. */
	private final PriorityQueue<Host> sleeping = new PriorityQueue<>((a, b) -> Long.compare(a.wakeAt, b.wakeAt));

	/** Every host whose limit was ever cut, with its lowest limit and how often; kept for the run's evidence. */
	private final Map<String, HostPoliteness> slowed = new LinkedHashMap<>();

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
	 * {@link #release} for the same host.
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
	 * @param signal what its end says about the host's load
	 * @param startedNanos when the request was sent ({@link System#nanoTime()}); a congestion signal from a
	 * request sent before the host's last cut is part of that episode and does not cut again
	 * @param limitChanged told the host's new limit when this changed it (grown by a whole request, or cut);
	 * called in order of the changes, under the scheduler's lock, so it must be quick
	 */
	public void release(String host, Signal signal, long startedNanos, IntConsumer limitChanged) {
		synchronized (this) {
			Host state = this.hosts.get(host);
			state.active--;
			this.active--;
			int changed = adapt(state, signal, startedNanos);
			if (changed > 0) {
				limitChanged.accept(changed);
			}
			if (state.active == 0 && state.waiting.isEmpty() && !state.inTurn && !state.asleep) {
				long now = System.nanoTime();
				long quietUntil = Math.max(state.notBefore, state.lastStart + this.minIntervalNanos);
				if (quietUntil > now) {
					// Forgetting the host now would forget when it may next be asked: the next URL for it,
					// submitted a moment later, would start at once. It sleeps until then, and goes if idle.
					sleepUntil(state, quietUntil);
				}
				else if (state.limit() >= this.perHost) {
					this.hosts.remove(host);
				}
			}
			else {
				offerTurn(state);
			}
		}
		dispatch();
	}

	/** The AIMD step; returns the new limit when its whole part changed, else -1. */
	private int adapt(Host state, Signal signal, long startedNanos) {
		int before = state.limit();
		if (signal == Signal.CONGESTED && startedNanos >= state.cutAt) {
			state.window = Math.max(1, Math.floor(state.window * DECREASE));
			state.cutAt = System.nanoTime();
			HostPoliteness seen = this.slowed.get(state.name);
			this.slowed.put(state.name, new HostPoliteness(state.name, this.perHost, state.limit(),
					(seen != null) ? Math.min(seen.lowestLimit(), state.limit()) : state.limit(),
					(seen != null) ? seen.slowdowns() + 1 : 1));
		}
		else if (signal == Signal.GOOD && state.window < this.perHost) {
			state.window = Math.min(this.perHost, state.window + 1 / Math.floor(state.window));
		}
		int after = state.limit();
		if (after != before) {
			HostPoliteness seen = this.slowed.get(state.name);
			if (seen != null) {
				this.slowed.put(state.name, new HostPoliteness(state.name, this.perHost, after, seen.lowestLimit(),
						seen.slowdowns()));
			}
			return after;
		}
		return -1;
	}

	/**
	 * Pauses a host: no request to it starts before the delay has passed.
	 * @param host the host
	 * @param delay how long it asked to be left alone
	 */
	public void pause(String host, Duration delay) {
		synchronized (this) {
			Host state = this.hosts.computeIfAbsent(host, Host::new);
			long now = System.nanoTime();
			state.notBefore = Math.max(state.notBefore, now + delay.toNanos());
			if (state.active == 0 && state.waiting.isEmpty() && !state.inTurn && !state.asleep) {
				// idle (its last request already released): kept asleep until the pause is over, then forgotten
				sleepUntil(state, state.notBefore);
				scheduleWakeUp(now);
			}
		}
	}

	/** The hosts whose limit was cut at least once, with their limit now; in the order they were first cut. */
	public synchronized List<HostPoliteness> slowed() {
		return new ArrayList<>(this.slowed.values());
	}

	/** A host's limit now: {@code perHost} for a host not known (never cut, or grown back and forgotten). */
	public synchronized int limit(String host) {
		Host state = this.hosts.get(host);
		return (state != null) ? state.limit() : this.perHost;
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
		if (!host.inTurn && !host.asleep && !host.waiting.isEmpty() && host.active < host.limit()) {
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
					else if (host.limit() >= this.perHost) {
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
				if (host.waiting.isEmpty() || host.active >= host.limit()) {
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

		/** The congestion window: its whole part is the limit. */
		double window = HostScheduler.this.perHost;

		/** When the limit was last cut; congestion from requests sent before it is the same episode. */
		long cutAt = Long.MIN_VALUE;

		long notBefore = Long.MIN_VALUE;

		long lastStart = Long.MIN_VALUE / 2;

		boolean inTurn;

		boolean asleep;

		long wakeAt;

		final String name;

		Host(String name) {
			this.name = name;
		}

		int limit() {
			return (int) this.window;
		}

		@Override
		public String toString() {
			return this.name;
		}

	}

}
