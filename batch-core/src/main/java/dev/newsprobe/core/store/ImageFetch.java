package dev.newsprobe.core.store;

/**
 * An image to download in full, with the validators of a copy already held.
 *
 * @param url the absolute http(s) URL
 * @param etag the held copy's {@code ETag}, sent as {@code If-None-Match}, or {@code null}
 * @param lastModified the held copy's {@code Last-Modified}, sent as {@code If-Modified-Since}, or {@code null}
 * @param maxBytes the largest body accepted; a larger one ends the fetch as {@link FetchOutcome#TOO_LARGE}
 */
public record ImageFetch(String url, String etag, String lastModified, long maxBytes) {

	public ImageFetch {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("the largest image accepted must be at least one byte, not " + maxBytes);
		}
	}

}
