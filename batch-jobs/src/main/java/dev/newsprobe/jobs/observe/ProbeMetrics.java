package dev.newsprobe.jobs.observe;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.newsprobe.core.probe.ProbeListener;
import dev.newsprobe.core.probe.ProbeRequest;
import dev.newsprobe.core.probe.ProbeResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The prober's Micrometer metrics, fed by its {@link ProbeListener} callbacks:
 * <ul>
 * <li>{@value #REQUESTS} (counter; host, method, status class {@code 2xx}..{@code 5xx} or
 * {@code none} when no answer came)</li>
 * <li>{@value #LATENCY} (timer; host): time from sending a request to the end of its answer</li>
 * <li>{@value #VERDICTS} (counter; verdict, kind {@code page} or {@code image})</li>
 * <li>{@value #RETRIES} (counter; host, reason: the status code, {@code timeout} or {@code connect})</li>
 * <li>{@value #IN_FLIGHT} (gauge): URLs whose probe has started and not yet reached a verdict</li>
 * <li>{@value #HOST_LIMIT} (gauge; host): the requests in flight the host is allowed now, for the hosts whose limit
 * adaptive politeness has changed (cut by 429, 503 or timeouts; grown back by good answers)</li>
 * <li>{@value #HOST_SLOWDOWNS} (counter; host): how often a host's limit was cut</li>
 * </ul>
 * Hosts are a tag only for the first {@code maxHosts} hosts seen; the others count under
 * {@value #OTHER_HOSTS}, so a night on the open web cannot grow the metrics without bound.
 */
public final class ProbeMetrics implements ProbeListener {

	/** Requests sent. */
	public static final String REQUESTS = "newsprobe.probe.requests";

	/** Request latency by host. */
	public static final String LATENCY = "newsprobe.probe.request.latency";

	/** Verdicts reached. */
	public static final String VERDICTS = "newsprobe.probe.verdicts";

	/** Retries scheduled. */
	public static final String RETRIES = "newsprobe.probe.retries";

	/** URLs being probed now. */
	public static final String IN_FLIGHT = "newsprobe.probe.in.flight";

	/** A host's limit of requests in flight, as adaptive politeness set it. */
	public static final String HOST_LIMIT = "newsprobe.probe.host.limit";

	/** Cuts of a host's limit. */
	public static final String HOST_SLOWDOWNS = "newsprobe.probe.host.slowdowns";

	/** The host tag of hosts past the limit. */
	public static final String OTHER_HOSTS = "other";

	private final MeterRegistry registry;

	private final int maxHosts;

	private final Set<String> hosts = ConcurrentHashMap.newKeySet();

	private final AtomicInteger inFlight = new AtomicInteger();

	private final Map<String, AtomicInteger> hostLimits = new ConcurrentHashMap<>();

	/**
	 * @param registry where the meters live
	 * @param maxHosts how many distinct hosts get a tag of their own
	 */
	public ProbeMetrics(MeterRegistry registry, int maxHosts) {
		this.registry = registry;
		this.maxHosts = maxHosts;
		Gauge.builder(IN_FLIGHT, this.inFlight, AtomicInteger::get)
			.description("URLs whose probe has started and has no verdict yet")
			.register(registry);
	}

	@Override
	public void probeStarted(ProbeRequest request) {
		this.inFlight.incrementAndGet();
	}

	@Override
	public void requestCompleted(String host, String method, int status, Duration latency) {
		String tag = hostTag(host);
		Counter.builder(REQUESTS)
			.description("HTTP requests sent by the prober")
			.tag("host", tag)
			.tag("method", method)
			.tag("status", (status > 0) ? (status / 100) + "xx" : "none")
			.register(this.registry)
			.increment();
		Timer.builder(LATENCY)
			.description("time from sending a request to the end of its answer")
			.tag("host", tag)
			.register(this.registry)
			.record(latency);
	}

	@Override
	public void retryScheduled(String host, String reason) {
		Counter.builder(RETRIES)
			.description("retries scheduled by the prober")
			.tag("host", hostTag(host))
			.tag("reason", reason)
			.register(this.registry)
			.increment();
	}

	@Override
	public void hostLimitChanged(String host, int limit, int configuredLimit) {
		String tag = hostTag(host);
		if (tag.equals(OTHER_HOSTS)) {
			// one gauge for many hosts would show whichever changed last: only the cuts are counted
			if (limit < configuredLimit) {
				slowedDown(tag);
			}
			return;
		}
		AtomicInteger gauge = this.hostLimits.computeIfAbsent(tag, key -> {
			AtomicInteger value = new AtomicInteger(configuredLimit);
			Gauge.builder(HOST_LIMIT, value, AtomicInteger::get)
				.description("requests in flight a host is allowed now (adaptive politeness)")
				.tag("host", key)
				.register(this.registry);
			return value;
		});
		if (limit < gauge.getAndSet(limit)) {
			slowedDown(tag);
		}
	}

	private void slowedDown(String tag) {
		Counter.builder(HOST_SLOWDOWNS)
			.description("cuts of a host's limit of requests in flight (429, 503, timeouts)")
			.tag("host", tag)
			.register(this.registry)
			.increment();
	}

	@Override
	public void probeFinished(ProbeRequest request, ProbeResult result) {
		this.inFlight.decrementAndGet();
		Counter.builder(VERDICTS)
			.description("verdicts reached, one per URL probed")
			.tag("verdict", result.verdict().name())
			.tag("kind", request.image() ? "image" : "page")
			.register(this.registry)
			.increment();
	}

	private String hostTag(String host) {
		if (this.hosts.contains(host)) {
			return host;
		}
		synchronized (this.hosts) {
			if (this.hosts.size() < this.maxHosts) {
				this.hosts.add(host);
				return host;
			}
		}
		return this.hosts.contains(host) ? host : OTHER_HOSTS;
	}

}
