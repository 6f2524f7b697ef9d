package dev.newsprobe.core.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.newsprobe.core.http.Answer;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads a response's head and at most {@code cap} bytes of its body. When the body goes past the
 * cap, reading stops ({@link Answer.Stop#CAP}), which closes the connection: an endless or huge body
 * costs the cap and no more.
 */
public final class CappedBodyConsumer extends BodyReader {

	private final int cap;

	private HttpResponse response;

	private byte[] body = new byte[0];

	private int length;

	private volatile Answer.Stop stop = Answer.Stop.NONE;

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

	@Override
	protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
		failIfAborted();
		int room = this.cap - this.length;
		int take = Math.min(room, src.remaining());
		if (this.length + take > this.body.length) {
			this.body = Arrays.copyOf(this.body, Math.min(this.cap, Math.max(this.body.length * 2, this.length + take)));
		}
		src.get(this.body, this.length, take);
		this.length += take;
		if (src.hasRemaining()) {
			this.stop = Answer.Stop.CAP;
			throw new Stopped(Answer.Stop.CAP);
		}
	}

	@Override
	protected Answer buildResult() {
		return new Answer(this.response, this.body, this.length, this.length, false, null, Answer.Stop.NONE);
	}

	@Override
	public Answer partial() {
		return (this.response != null)
				? new Answer(this.response, this.body, this.length, this.length, false, null, this.stop) : null;
	}

	@Override
	public boolean handedOn() {
		return false;
	}

}
