package dev.newsprobe.core.store;

/** How downloading an image ended. */
public enum FetchOutcome {

	/** A 2xx answer whose whole body, within the size cap, starts like a real image. */
	FETCHED,
	/** A 304 to the conditional request: the held copy is still the server's. */
	NOT_MODIFIED,
	/** 404 or 410: the image is gone. */
	GONE,
	/** A 2xx answer whose first bytes are not an image of a known format. */
	NOT_AN_IMAGE,
	/** The body is larger than the cap (declared or read). */
	TOO_LARGE,
	/** The URL or a redirect leads to an address newsprobe must not contact; nothing was sent there. */
	FORBIDDEN_ADDRESS,
	/** Anything else: timeouts, connection errors, other statuses, a body cut short. */
	FAILED

}
