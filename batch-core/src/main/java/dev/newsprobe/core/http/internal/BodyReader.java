package dev.newsprobe.core.http.internal;

import java.io.IOException;

import dev.newsprobe.core.http.Answer;

/**
 * Reads the body of one answer within its limits: keeps it (up to a cap) or hands it on to a sink.
 * Reading stops early, closing the connection, by failing the exchange with {@link Stopped}; the
 * answer read until then is {@link #partial()}.
 */
public abstract class BodyReader extends ReleasingConsumer {

	/** Ends reading early on purpose; the answer read so far is the reader's {@link #partial()}. */
	public static final class Stopped extends IOException {

		private static final long serialVersionUID = 1L;

		private final Answer.Stop reason;

		Stopped(Answer.Stop reason) {
			super("body reading stopped: " + reason, null);
			this.reason = reason;
		}

		/** Why reading stopped. */
		public Answer.Stop reason() {
			return this.reason;
		}

	}

	private volatile boolean aborted;

	/**
	 * Ends the exchange at the next bytes that arrive, closing its connection: for a call that has already
	 * given up (total timeout) while a server keeps dribbling, which cancelling the request's future does not
	 * always stop.
	 */
	public final void abort() {
		this.aborted = true;
	}

	/** What was read so far, as an answer that stopped early; {@code null} before the head came. */
	public abstract Answer partial();

	/** Whether body bytes were handed on to a sink already, so the request cannot simply be made again. */
	public abstract boolean handedOn();

	/** Fails the exchange once {@link #abort()} was called; what {@code data} checks first. */
	protected final void failIfAborted() throws IOException {
		if (this.aborted) {
			throw new IOException("the call gave up on this answer");
		}
	}

}
