package dev.newsprobe.core.store;

import java.time.Instant;
import java.util.List;

/**
 * What mirroring one image URL did.
 *
 * @param url the URL
 * @param state the copy's new state
 * @param copy the copy held now, or {@code null} when none is
 * @param previous the copy held before, or {@code null}
 * @param verified whether the server confirmed the copy now held (stored, same bytes, or 304)
 * @param fetch how the download ended
 * @param statusCode the final status code, or 0
 * @param reason why, in words
 * @param evicted addresses the store evicted to make room for this copy
 * @param checkedAt when it was decided
 */
public record MirrorOutcome(String url, CopyState state, ImageCopy copy, ImageCopy previous, boolean verified,
		FetchOutcome fetch, int statusCode, String reason, List<String> evicted, Instant checkedAt) {

	public MirrorOutcome {
		evicted = List.copyOf(evicted);
	}

	/**
	 * The address of the copy held before when it is held no more (replaced or evicted): its bytes can
	 * leave the store once no other URL's copy has the same address.
	 */
	public String released() {
		if (this.previous == null) {
			return null;
		}
		return (this.copy == null || !this.copy.sha256().equals(this.previous.sha256())) ? this.previous.sha256() : null;
	}

}
