package dev.newsprobe.core.probe.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads a response's head and at most {@code cap} bytes of its body. When the body goes past the
 * cap, reading stops by failing the exchange with {@link CapReached}, which closes the connection:
 * an endless or huge body costs the cap and no more.
 */
public final class CappedBodyConsumer extends ReleasingConsumer {

	/** Signals that the cap was reached; the answer read so far is in {@link #partial()}. */
	public static final class CapReached extends IOException {

		private static final long serialVersionUID = 1L;

		CapReached() {
			super("body cap reached", null);
		}

	}

	private final int cap;

	private volatile boolean aborted;

	private HttpResponse response;

	private byte[] body = new byte[0];

	private int length;

	public CappedBodyConsumer(int cap) {
		this.cap = cap;
	}

	@Override
	protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
		this.response = response;
		this.body = new byte[Math.min(this.cap, 16 * 1024)];
	}

	@Override
	protected int capacityIncrement() {
		return Math.max(1, Math.min(64 * 1024, this.cap - this.length));
	}

	/**
	 * Ends the exchange at the next bytes that arrive, closing its connection: for a probe that
	 * has already given up (total timeout) while a server keeps dribbling, which cancelling the
	 * request's future does not always stop.
	 */
	public void abort() {
		this.aborted = true;
	}

	@Override
	protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
		if (this.aborted) {
			throw new IOException("the probe gave up on this answer");
		}
		int room = this.cap - this.length;
		int take = Math.min(room, src.remaining());
		if (this.length + take > this.body.length) {
			this.body = Arrays.copyOf(this.body, Math.min(this.cap, Math.max(this.body.length * 2, this.length + take)));
		}
		src.get(this.body, this.length, take);
		this.length += take;
		if (src.hasRemaining()) {
			throw new CapReached();
		}
	}

	@Override
	protected Answer buildResult() {
		return new Answer(this.response, this.body, this.length, false);
	}

	/** What was read before the cap was reached. */
	public Answer partial() {
		return new Answer(this.response, this.body, this.length, true);
	}

}
