package dev.newsprobe.core.probe;

/**
 * The closed set of verdicts a URL can get; analysts group by these names, stored as text.
 */
public enum Verdict {

	/** The URL answers with what it should (a page, or an image of the declared size). */
	OK,
	/** The URL permanently redirects elsewhere: update the file to the new location. */
	MOVED,
	/** The server says the resource does not exist or is gone (a 4xx other than 401/403/408/429). */
	BROKEN,
	/** The server failed (5xx) on every attempt. */
	SERVER_ERROR,
	/** No complete answer within the configured time. */
	TIMEOUT,
	/** The host name does not resolve. */
	DNS_ERROR,
	/** No connection could be made, or it broke (refused, reset, malformed answer). */
	CONNECT_ERROR,
	/** The TLS handshake failed (bad certificate, protocol mismatch). */
	TLS_ERROR,
	/** A bot wall or rate limit answered (401, 403, 429 after retries): inconclusive, not broken. */
	BLOCKED,
	/** The server answers 200 with a "not found" page, or redirects to its home page. */
	SOFT_404,
	/** An image URL that does not serve an image. */
	NOT_AN_IMAGE,
	/** An image whose real dimensions differ from those the article declares. */
	SIZE_MISMATCH,
	/** The URL is malformed or not http(s); decided offline, never requested. */
	INVALID_URL,
	/** The URL (or a redirect) leads to an address newsprobe must not contact (loopback, private, ...). */
	FORBIDDEN_ADDRESS;

	/** Whether the verdict means the URL works. */
	public boolean isOk() {
		return this == OK;
	}

}
