package dev.newsprobe.core.http.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.newsprobe.core.http.Answer;
import dev.newsprobe.core.http.BodySink;
import dev.newsprobe.core.http.HeaderValues;
import dev.newsprobe.core.http.PrefixCheck;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads a download: a 2xx body goes to a {@link BodySink} as it arrives, its first bytes are kept
 * and judged by a {@link PrefixCheck}, and it may not grow past a cap; any other answer's body is
 * read (to keep the connection usable) up to a small limit and dropped. Reading stops, closing the
 * connection, when the body is too large (declared or read: {@link Answer.Stop#CAP}), its first bytes
 * are refused ({@link Answer.Stop#REFUSED}), or a non-2xx body is longer than worth reading
 * ({@link Answer.Stop#ENOUGH}).
 * <p>
 * The sink is written on the HTTP client's I/O thread; file writes are short and the caller limits
 * how many downloads run at once.
 */
public final class StreamingBodyConsumer extends BodyReader {

	/** Non-2xx bodies are read up to this many bytes; past it the connection is closed instead. */
	private static final int OTHER_BODY_LIMIT = 16 * 1024;

	private final long cap;

	private final BodySink sink;

	private final PrefixCheck check;

	private final byte[] prefix;

	private volatile HttpResponse response;

	private volatile boolean streaming;

	private volatile long bytes;

	private volatile Answer.Stop stop = Answer.Stop.NONE;

	private int prefixLength;

	private boolean checked;

	private volatile Long declaredLength;

	/**
	 * @param cap the largest 2xx body accepted
	 * @param prefixBytes how many first bytes are kept and judged
	 * @param sink where a 2xx body goes
	 * @param check judges the first bytes
	 */
	public StreamingBodyConsumer(long cap, int prefixBytes, BodySink sink, PrefixCheck check) {
		this.cap = cap;
		this.sink = sink;
		this.check = check;
		this.prefix = new byte[prefixBytes];
	}

	@Override
	protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
		this.response = response;
		this.streaming = response.getCode() / 100 == 2;
		Header length = response.getFirstHeader("Content-Length");
		this.declaredLength = (length != null) ? HeaderValues.length(length.getValue()) : null;
		if (this.streaming && this.declaredLength != null && this.declaredLength > this.cap) {
			// no byte of a body declared too large is read
			throw stop(Answer.Stop.CAP);
		}
	}

	@Override
	protected int capacityIncrement() {
		return 64 * 1024;
	}

	@Override
	protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
		failIfAborted();
		int count = src.remaining();
		if (!this.streaming) {
			this.bytes += count;
			src.position(src.limit());
			if (this.bytes > OTHER_BODY_LIMIT) {
				throw stop(Answer.Stop.ENOUGH);
			}
			return;
		}
		if (this.bytes + count > this.cap) {
			throw stop(Answer.Stop.CAP);
		}
		if (this.prefixLength < this.prefix.length) {
			int take = Math.min(count, this.prefix.length - this.prefixLength);
			src.duplicate().get(this.prefix, this.prefixLength, take);
			this.prefixLength += take;
		}
		this.bytes += count;
		if (!this.checked && (this.prefixLength == this.prefix.length || endOfStream)) {
			// a body whose start is refused is known by its first bytes: the rest is not downloaded
			this.checked = true;
			if (!this.check.accepts(this.prefix, this.prefixLength)) {
				throw stop(Answer.Stop.REFUSED);
			}
		}
		this.sink.write(src);
	}

	private Stopped stop(Answer.Stop reason) {
		this.stop = reason;
		return new Stopped(reason);
	}

	@Override
	protected Answer buildResult() {
		if (this.streaming && !this.checked) {
			// an empty body: its (no) first bytes are judged too
			this.checked = true;
			if (!this.check.accepts(this.prefix, this.prefixLength)) {
				this.stop = Answer.Stop.REFUSED;
			}
		}
		return partial();
	}

	@Override
	public Answer partial() {
		HttpResponse head = this.response;
		return (head != null) ? new Answer(head, Arrays.copyOf(this.prefix, this.prefixLength), this.prefixLength,
				this.bytes, this.streaming, this.declaredLength, this.stop) : null;
	}

	@Override
	public boolean handedOn() {
		return this.streaming;
	}

}
