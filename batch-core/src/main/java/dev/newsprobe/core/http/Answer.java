package dev.newsprobe.core.http;

import java.util.ArrayList;
import java.util.List;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * One response as newsprobe read it: the status line and headers, the first bytes of the body (all of a
 * body within its cap, or the prefix kept of a body handed on to a {@link BodySink}), and why reading
 * stopped early, if it did. Immutable once made; the body array is not copied, so it is never to be
 * written to.
 */
public final class Answer {

	/** Why reading a body stopped before its end. */
	public enum Stop {
		/** The whole body was read. */
		NONE,
		/** The body went past its cap (read or declared): the bytes kept are its start. */
		CAP,
		/** The first bytes were refused by the caller's check (e.g. they are not an image): the rest was not read. */
		REFUSED,
		/** The body of an answer that is not handed on (not 2xx) was longer than worth reading. */
		ENOUGH
	}

	private final HttpResponse response;

	private final byte[] body;

	private final int length;

	private final long bytesRead;

	private final boolean handedOn;

	private final Long declaredLength;

	private final Stop stop;

	/**
	 * @param response the status line and headers
	 * @param body the bytes kept (only the first {@code length} count)
	 * @param length how many bytes were kept
	 * @param bytesRead how many body bytes were read in all (more than {@code length} when they were handed on)
	 * @param handedOn whether the body went to a sink as it arrived
	 * @param declaredLength the {@code Content-Length} declared, or {@code null}
	 * @param stop why reading stopped early
	 */
	public Answer(HttpResponse response, byte[] body, int length, long bytesRead, boolean handedOn, Long declaredLength,
			Stop stop) {
		this.response = response;
		this.body = body;
		this.length = length;
		this.bytesRead = bytesRead;
		this.handedOn = handedOn;
		this.declaredLength = declaredLength;
		this.stop = stop;
	}

	/** The status code. */
	public int status() {
		return this.response.getCode();
	}

	/** The reason phrase of the status line, or {@code ""}. */
	public String reasonPhrase() {
		String phrase = this.response.getReasonPhrase();
		return (phrase != null) ? phrase : "";
	}

	/** A header's first value, or {@code null}. */
	public String header(String name) {
		Header header = this.response.getFirstHeader(name);
		return (header != null) ? header.getValue() : null;
	}

	/** Every value of a header, in the order received (e.g. several {@code Link} headers). */
	public List<String> headers(String name) {
		Header[] headers = this.response.getHeaders(name);
		List<String> values = new ArrayList<>(headers.length);
		for (Header header : headers) {
			values.add(header.getValue());
		}
		return values;
	}

	/** The bytes kept, as received (not decoded); only the first {@link #length()} count. */
	public byte[] body() {
		return this.body;
	}

	/** How many body bytes were kept. */
	public int length() {
		return this.length;
	}

	/** How many body bytes were read in all. */
	public long bytesRead() {
		return this.bytesRead;
	}

	/** Whether the body went to a sink as it arrived. */
	public boolean handedOn() {
		return this.handedOn;
	}

	/** The {@code Content-Length} declared, or {@code null}. */
	public Long declaredLength() {
		return this.declaredLength;
	}

	/** Why reading stopped early, {@link Stop#NONE} when it did not. */
	public Stop stop() {
		return this.stop;
	}

	/** Whether the body went on past what was kept of it. */
	public boolean truncated() {
		return this.stop == Stop.CAP;
	}

}
