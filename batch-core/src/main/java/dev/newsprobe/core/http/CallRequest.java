package dev.newsprobe.core.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What one call asks of the HTTP layer: a URL and method, the request headers beyond those newsprobe always
 * sends (User-Agent, the configured host headers), how answers are read, and whether redirects are followed.
 * Built with {@link #to(String, String)}; immutable.
 */
public final class CallRequest {

	/**
	 * A body handed on to a sink as it arrives instead of kept.
	 *
	 * @param sink where a 2xx body goes
	 * @param maxBytes the largest body accepted; a larger one stops reading ({@link Answer.Stop#CAP})
	 * @param prefixBytes how many first bytes are kept in the answer and judged
	 * @param check judges the first bytes; a body it refuses is not read further ({@link Answer.Stop#REFUSED})
	 */
	public record Streaming(BodySink sink, long maxBytes, int prefixBytes, PrefixCheck check) {
	}

	private final String url;

	private final String method;

	private final String accept;

	private final String acceptEncoding;

	private final String etag;

	private final String lastModified;

	private final String rangeOnGet;

	private final int bodyCap;

	private final Streaming streaming;

	private final Predicate<Answer> headAnswerUsable;

	private final boolean followRedirects;

	private final List<Map.Entry<String, String>> headers;

	private CallRequest(Builder builder) {
		this.url = builder.url;
		this.method = builder.method;
		this.accept = builder.accept;
		this.acceptEncoding = builder.acceptEncoding;
		this.etag = builder.etag;
		this.lastModified = builder.lastModified;
		this.rangeOnGet = builder.rangeOnGet;
		this.bodyCap = builder.bodyCap;
		this.streaming = builder.streaming;
		this.headAnswerUsable = builder.headAnswerUsable;
		this.followRedirects = builder.followRedirects;
		this.headers = (builder.headers != null) ? List.copyOf(builder.headers) : List.of();
	}

	/**
	 * Starts a request.
	 * @param url the absolute http(s) URL, as written (it is checked and normalised before anything is sent)
	 * @param method the first request's method ({@code GET} or {@code HEAD})
	 */
	public static Builder to(String url, String method) {
		return new Builder(url, method);
	}

	/** The URL as given. */
	public String url() {
		return this.url;
	}

	/** The first request's method. */
	public String method() {
		return this.method;
	}

	/** The {@code Accept} header, or {@code null}. */
	public String accept() {
		return this.accept;
	}

	/** The {@code Accept-Encoding} header. */
	public String acceptEncoding() {
		return this.acceptEncoding;
	}

	/** The validator sent as {@code If-None-Match} on the first request of each attempt, or {@code null}. */
	public String etag() {
		return this.etag;
	}

	/** The validator sent as {@code If-Modified-Since} on the first request of each attempt, or {@code null}. */
	public String lastModified() {
		return this.lastModified;
	}

	/** The {@code Range} header of every GET, or {@code null}. */
	public String rangeOnGet() {
		return this.rangeOnGet;
	}

	/** The most body bytes kept of an answer, when the body is not streamed. */
	public int bodyCap() {
		return this.bodyCap;
	}

	/** How a body is handed on, or {@code null} when it is kept (up to {@link #bodyCap()}). */
	public Streaming streaming() {
		return this.streaming;
	}

	/**
	 * What a HEAD answer must be to end the call; one that is not leads to the same URL asked with GET.
	 * {@code null} when any HEAD answer will do.
	 */
	public Predicate<Answer> headAnswerUsable() {
		return this.headAnswerUsable;
	}

	/** Whether redirects are followed (each hop checked and recorded) or a 3xx is the answer. */
	public boolean followRedirects() {
		return this.followRedirects;
	}

	/** Extra headers sent on every request of the call, in order, before the configured host headers. */
	public List<Map.Entry<String, String>> headers() {
		return this.headers;
	}

	/** Builds a {@link CallRequest}. */
	public static final class Builder {

		private final String url;

		private final String method;

		private String accept;

		private String acceptEncoding = "identity";

		private String etag;

		private String lastModified;

		private String rangeOnGet;

		private int bodyCap = 1;

		private Streaming streaming;

		private Predicate<Answer> headAnswerUsable;

		private boolean followRedirects = true;

		private List<Map.Entry<String, String>> headers;

		private Builder(String url, String method) {
			this.url = url;
			this.method = method;
		}

		/** The {@code Accept} header. */
		public Builder accept(String accept) {
			this.accept = accept;
			return this;
		}

		/** The {@code Accept-Encoding} header; {@code identity} unless set. */
		public Builder acceptEncoding(String acceptEncoding) {
			this.acceptEncoding = acceptEncoding;
			return this;
		}

		/** The validators of a copy already held, either may be {@code null}. */
		public Builder validators(String etag, String lastModified) {
			this.etag = etag;
			this.lastModified = lastModified;
			return this;
		}

		/** A {@code Range} header value sent with every GET, e.g. {@code bytes=0-65535}. */
		public Builder rangeOnGet(String range) {
			this.rangeOnGet = range;
			return this;
		}

		/** The most body bytes kept of an answer. */
		public Builder bodyCap(int bodyCap) {
			this.bodyCap = bodyCap;
			return this;
		}

		/** Hands 2xx bodies on to a sink instead of keeping them. */
		public Builder streamTo(BodySink sink, long maxBytes, int prefixBytes, PrefixCheck check) {
			this.streaming = new Streaming(sink, maxBytes, prefixBytes, check);
			return this;
		}

		/** Asks the same URL again with GET when a HEAD answer does not pass the test. */
		public Builder getUnlessHeadAnswer(Predicate<Answer> usable) {
			this.headAnswerUsable = usable;
			return this;
		}

		/** Whether redirects are followed; they are unless told otherwise. */
		public Builder followRedirects(boolean follow) {
			this.followRedirects = follow;
			return this;
		}

		/** An extra header on every request of the call (e.g. {@code Accept-Datetime}). */
		public Builder header(String name, String value) {
			if (this.headers == null) {
				this.headers = new ArrayList<>(2);
			}
			this.headers.add(Map.entry(name, value));
			return this;
		}

		/** The request. */
		public CallRequest build() {
			return new CallRequest(this);
		}

	}

}
