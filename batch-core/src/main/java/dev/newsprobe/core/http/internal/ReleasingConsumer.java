package dev.newsprobe.core.http.internal;

import java.util.concurrent.atomic.AtomicReference;

import dev.newsprobe.core.http.Answer;

import org.apache.hc.client5.http.async.methods.AbstractBinResponseConsumer;

/**
 * A response consumer that tells when the client has let go of its exchange. HttpClient hands over
 * the answer before it puts the connection back in its pool, and calls {@link #releaseResources()}
 * right after; an action waiting for that sees the connection pooled (a redirect to the same host
 * then reuses it, pinned address and all, instead of racing the release for a new one).
 */
public abstract class ReleasingConsumer extends AbstractBinResponseConsumer<Answer> {

	/** Marks the exchange released. */
	private static final Runnable RELEASED = () -> {
	};

	private final AtomicReference<Runnable> afterRelease = new AtomicReference<>();

	/**
	 * Runs an action once the client has let go of the exchange, at once if it already has.
	 * @param action what to run, once
	 */
	public final void afterRelease(Runnable action) {
		if (!this.afterRelease.compareAndSet(null, action)) {
			action.run();
		}
	}

	@Override
	public final void releaseResources() {
		Runnable action = this.afterRelease.getAndSet(RELEASED);
		if (action != null && action != RELEASED) {
			action.run();
		}
	}

}
