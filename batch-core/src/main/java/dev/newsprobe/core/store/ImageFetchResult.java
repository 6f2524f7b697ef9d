package dev.newsprobe.core.store;

import java.time.Instant;
import java.util.List;

import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.image.ImageInfo;

/**
 * What downloading an image found.
 *
 * @param url the URL fetched
 * @param outcome how it ended
 * @param reason why, in words
 * @param statusCode the final status code, or 0 when no answer came
 * @param finalUrl the URL the redirect chain ended at
 * @param hops every request of the last attempt, in order
 * @param contentType the final {@code Content-Type}, or {@code null}
 * @param etag the {@code ETag} answered, or {@code null}
 * @param lastModified the {@code Last-Modified} answered, or {@code null}
 * @param bytes the body bytes handed to the sink
 * @param image the format and size read from the first bytes, or {@code null} when they are not an image
 * @param requests how many HTTP requests were sent
 * @param elapsedMillis the time from the first request to the outcome
 * @param checkedAt when the outcome was reached
 */
public record ImageFetchResult(String url, FetchOutcome outcome, String reason, int statusCode, String finalUrl,
		List<Hop> hops, String contentType, String etag, String lastModified, long bytes, ImageInfo image, int requests,
		long elapsedMillis, Instant checkedAt) {

	public ImageFetchResult {
		hops = List.copyOf(hops);
	}

}
