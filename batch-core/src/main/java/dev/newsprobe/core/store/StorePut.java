package dev.newsprobe.core.store;

import java.util.List;

/**
 * What storing an image did.
 *
 * @param image the image now held
 * @param added whether its bytes were new to the store (false when another URL's copy already held them)
 * @param evicted the addresses of images evicted to make room, oldest use first
 */
public record StorePut(StoredImage image, boolean added, List<String> evicted) {

	public StorePut {
		evicted = List.copyOf(evicted);
	}

	/** The image's content address. */
	public String address() {
		return this.image.address();
	}

}
