package dev.newsprobe.core.probe.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import dev.newsprobe.core.probe.BodySink;
import dev.newsprobe.core.probe.ImageInfo;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpResponse;

/**
 * Reads an image download: a 2xx body goes to a {@link BodySink} as it arrives, its first bytes are
 * kept to tell whether it is an image, and it may not grow past a cap; any other answer's body is
 * read (to keep the connection usable) up to a small limit and dropped. Reading stops, closing the
 * connection, by failing the exchange with a {@link Stop} saying why: the body is too large (declared
 * or read), its first bytes are not an image, or a non-2xx body is longer than worth reading.
 * <p>
 * The sink is written on the HTTP client's I/O thread; file writes are short and the caller limits
 * how many downloads run at once.
 */
public final class StreamingBodyConsumer extends ReleasingConsumer {

	/** Non-2xx bodies are read up to this many bytes; past it the connection is closed instead. */
	private static final int OTHER_BODY_LIMIT = 16 * 1024;

	/** Why reading stopped early. */
	public enum Reason {
		/** The body is larger than the cap; {@link StreamingBodyConsumer#declaredLength()} tells whether it said so. */
		TOO_LARGE,
		/** The first bytes of a 2xx body are not an image. */
		NOT_AN_IMAGE,
		/** A non-2xx body longer than worth reading; the head is all that is needed. */
		HEAD_ENOUGH
	}

	/** Ends the exchange early; {@link #reason()} says why, and the consumer keeps what was read. */
	public static final class Stop extends IOException {

		private static final long serialVersionUID = 1L;

		private final Reason reason;

		Stop(Reason reason) {
			super(reason.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '), null);
			this.reason = reason;
		}

		public Reason reason() {
			return this.reason;
		}

	}

	private final long cap;

	private final BodySink sink;

	private final byte[] prefix;

	private volatile boolean aborted;

	private volatile HttpResponse response;

	private volatile boolean streaming;

	private volatile long bytes;

	private int prefixLength;

	private boolean sniffed;

	private volatile ImageInfo image;

	private volatile Long declaredLength;

	/**
	 * @param cap the largest 2xx body accepted
	 * @param sniffBytes how many first bytes decide whether the body is an image
	 * @param sink where a 2xx body goes
	 */
	public StreamingBodyConsumer(long cap, int sniffBytes, BodySink sink) {
		this.cap = cap;
		this.sink = sink;
		this.prefix = new byte[sniffBytes];
	}

	@Override
	protected void start(HttpResponse response, ContentType contentType) throws HttpException, IOException {
		this.response = response;
		this.streaming = response.getCode() / 100 == 2;
		Header length = response.getFirstHeader("Content-Length");
		if (length != null && length.getValue().strip().matches("\\d{1,18}")) {
			this.declaredLength = Long.valueOf(length.getValue().strip());
		}
		if (this.streaming && this.declaredLength != null && this.declaredLength > this.cap) {
			// no byte of a body declared too large is read
			throw new Stop(Reason.TOO_LARGE);
		}
	}

	@Override
	protected int capacityIncrement() {
		return 64 * 1024;
	}

	/** Ends the exchange at the next bytes that arrive (the fetch gave up: total timeout). */
	public void abort() {
		this.aborted = true;
	}

	@Override
	protected void data(ByteBuffer src, boolean endOfStream) throws IOException {
		if (this.aborted) {
			throw new IOException("the fetch gave up on this answer");
		}
		int count = src.remaining();
		if (!this.streaming) {
			this.bytes += count;
			src.position(src.limit());
			if (this.bytes > OTHER_BODY_LIMIT) {
				throw new Stop(Reason.HEAD_ENOUGH);
			}
			return;
		}
		if (this.bytes + count > this.cap) {
			throw new Stop(Reason.TOO_LARGE);
		}
		if (this.prefixLength < this.prefix.length) {
			int take = Math.min(count, this.prefix.length - this.prefixLength);
			src.duplicate().get(this.prefix, this.prefixLength, take);
			this.prefixLength += take;
		}
		this.bytes += count;
		if (!this.sniffed && (this.prefixLength == this.prefix.length || endOfStream)) {
			// a body that is not an image is known by its first bytes: the rest is not downloaded
			sniff();
			if (this.image == null) {
				throw new Stop(Reason.NOT_AN_IMAGE);
			}
		}
		this.sink.write(src);
	}

	private void sniff() {
		this.sniffed = true;
		this.image = ImageSniffer.sniff(this.prefix, this.prefixLength);
	}

	@Override
	protected Answer buildResult() {
		if (this.streaming && !this.sniffed) {
			sniff();
		}
		return new Answer(this.response, Arrays.copyOf(this.prefix, this.prefixLength), this.prefixLength, false);
	}

	/** The head answered, or {@code null} before it came. */
	public HttpResponse response() {
		return this.response;
	}

	/** Whether a 2xx body was being handed to the sink. */
	public boolean streaming() {
		return this.streaming;
	}

	/** Body bytes read (for a 2xx answer: handed to the sink). */
	public long bytes() {
		return this.bytes;
	}

	/** The image the first bytes show, or {@code null}. */
	public ImageInfo image() {
		return this.image;
	}

	/** The {@code Content-Length} declared, or {@code null}. */
	public Long declaredLength() {
		return this.declaredLength;
	}

}
