package dev.newsprobe.core.http;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;

/**
 * The headers of every request newsprobe sends: its User-Agent, what the call accepts, the validators of a
 * copy already held (on the first request of an attempt only: a redirect target is another resource), the
 * range of a ranged GET, the call's own extra headers, and last, so they win, the headers configured for the
 * request's host ({@code newsprobe.probe.host-headers}).
 */
final class RequestHeaders {

	private final String userAgent;

	private final Map<String, Map<String, String>> hostHeaders;

	RequestHeaders(HttpPolicy policy) {
		this.userAgent = policy.userAgent();
		this.hostHeaders = policy.hostHeaders();
	}

	/**
	 * One request of a call.
	 * @param call the call
	 * @param method this request's method
	 * @param uri this request's URL
	 * @param first whether it is the first request of an attempt
	 */
	SimpleHttpRequest request(CallRequest call, String method, URI uri, boolean first) {
		SimpleRequestBuilder builder = SimpleRequestBuilder.create(method).setUri(uri);
		builder.addHeader("User-Agent", this.userAgent);
		if (call.accept() != null) {
			builder.addHeader("Accept", call.accept());
		}
		builder.addHeader("Accept-Encoding", call.acceptEncoding());
		if (first && call.etag() != null) {
			builder.addHeader("If-None-Match", call.etag());
		}
		if (first && call.lastModified() != null) {
			builder.addHeader("If-Modified-Since", call.lastModified());
		}
		if (call.rangeOnGet() != null && method.equals("GET")) {
			builder.addHeader("Range", call.rangeOnGet());
		}
		if (!call.headers().isEmpty()) {
			for (Map.Entry<String, String> header : call.headers()) {
				builder.setHeader(header.getKey(), header.getValue());
			}
		}
		Map<String, String> configured = this.hostHeaders.get(HostKeys.host(uri).toLowerCase(Locale.ROOT));
		if (configured != null) {
			configured.forEach(builder::setHeader);
		}
		return builder.build();
	}

}
