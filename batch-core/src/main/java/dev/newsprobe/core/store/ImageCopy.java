package dev.newsprobe.core.store;

import java.time.Instant;

/**
 * A copy of an image URL held in the store, as recorded.
 *
 * @param sha256 its content address
 * @param size its size in bytes
 * @param contentType the {@code Content-Type} it was served with
 * @param format the image format its bytes show, e.g. {@code jpeg}
 * @param width its width in pixels, or {@code null} when its first bytes do not tell
 * @param height its height in pixels, or {@code null}
 * @param etag the {@code ETag} it was served with, or {@code null}
 * @param lastModified the {@code Last-Modified} it was served with, or {@code null}
 * @param storedAt when these bytes were stored for this URL
 * @param verifiedAt when the server last confirmed them
 */
public record ImageCopy(String sha256, long size, String contentType, String format, Integer width, Integer height,
		String etag, String lastModified, Instant storedAt, Instant verifiedAt) {

	public ImageCopy {
		if (!ImageStore.isAddress(sha256)) {
			throw new IllegalArgumentException("'" + sha256 + "' is not a content address");
		}
	}

}
