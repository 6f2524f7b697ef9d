package dev.newsprobe.core.probe.internal;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpResponse;

/**
 * A response's head and the first bytes of its body.
 *
 * @param response the status line and headers
 * @param body the bytes read (only the first {@code length} count)
 * @param length how many bytes were read
 * @param truncated whether the body went on past the cap
 */
public record Answer(HttpResponse response, byte[] body, int length, boolean truncated) {

	/** The status code. */
	public int status() {
		return this.response.getCode();
	}

	/** A header's value, or {@code null}. */
	public String header(String name) {
		Header header = this.response.getFirstHeader(name);
		return (header != null) ? header.getValue() : null;
	}

}
