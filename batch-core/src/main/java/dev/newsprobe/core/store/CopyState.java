package dev.newsprobe.core.store;

/**
 * The state of an image URL's copy in the store; analysts group by these names, stored as text.
 */
public enum CopyState {

	/** A copy is held and the server confirmed it at its last check (stored, 200 with the same bytes, or 304): current. */
	HELD(true),
	/** A copy is held but its last revalidation failed (timeout, 5xx, 403, a forbidden address...): kept, not current. */
	STALE(true),
	/** The server said 404 or 410; any copy was evicted. */
	GONE(false),
	/** The copy was evicted to keep the store under its cap, or is no longer in the store. */
	EVICTED(false),
	/** Never stored: not an image, larger than the cap on one image, or at a forbidden address. */
	REFUSED(false),
	/** No copy: the download failed (timeout, connection error, an unexpected status). */
	FAILED(false);

	private final boolean holdsCopy;

	CopyState(boolean holdsCopy) {
		this.holdsCopy = holdsCopy;
	}

	/** Whether a copy is held in this state. */
	public boolean holdsCopy() {
		return this.holdsCopy;
	}

}
