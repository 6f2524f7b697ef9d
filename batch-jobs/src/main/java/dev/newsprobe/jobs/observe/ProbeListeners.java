package dev.newsprobe.jobs.observe;

import java.time.Duration;
import java.util.List;

import dev.newsprobe.core.probe.ProbeListener;
import dev.newsprobe.core.probe.ProbeRequest;
import dev.newsprobe.core.probe.ProbeResult;

/** Several probe listeners heard as one, in order. */
public final class ProbeListeners implements ProbeListener {

	private final List<ProbeListener> listeners;

	private ProbeListeners(List<ProbeListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	/** The listeners as one. */
	public static ProbeListener of(ProbeListener... listeners) {
		return new ProbeListeners(List.of(listeners));
	}

	@Override
	public void probeStarted(ProbeRequest request) {
		this.listeners.forEach(listener -> listener.probeStarted(request));
	}

	@Override
	public void requestCompleted(String host, String method, int status, Duration latency) {
		this.listeners.forEach(listener -> listener.requestCompleted(host, method, status, latency));
	}

	@Override
	public void retryScheduled(String host, String reason) {
		this.listeners.forEach(listener -> listener.retryScheduled(host, reason));
	}

	@Override
	public void hostLimitChanged(String host, int limit, int configuredLimit) {
		this.listeners.forEach(listener -> listener.hostLimitChanged(host, limit, configuredLimit));
	}

	@Override
	public void probeFinished(ProbeRequest request, ProbeResult result) {
		this.listeners.forEach(listener -> listener.probeFinished(request, result));
	}

}
