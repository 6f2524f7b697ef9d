package dev.newsprobe.core.probe;

import java.time.Instant;
import java.util.List;

import dev.newsprobe.core.http.Hop;

/**
 * What probing one URL found: the verdict and the evidence for it.
 *
 * @param url the URL probed
 * @param verdict the verdict
 * @param reason why, in words (e.g. "HEAD 405, ranged GET 200: a JPEG of 800x600")
 * @param statusCode the final status code, or 0 when no answer came
 * @param finalUrl the URL the redirect chain ended at (the new location for {@link Verdict#MOVED})
 * @param hops every request made for the last attempt, in order
 * @param contentType the final {@code Content-Type}, or {@code null}
 * @param contentLength the declared or read length of the body, or {@code null}
 * @param imageWidth the real width of an image, or {@code null}
 * @param imageHeight the real height of an image, or {@code null}
 * @param sizeKnown for an image whose bytes were read, whether its real size could be read ({@code false}: the
 * format is known, its size is not, and a declared size is unverified); {@code null} when no image bytes were read
 * @param page what was read from a page's head, or {@code null}
 * @param etag the {@code ETag} answered, or {@code null}
 * @param lastModified the {@code Last-Modified} answered, or {@code null}
 * @param cacheControl the {@code Cache-Control} answered, or {@code null}
 * @param expires the {@code Expires} answered, or {@code null}
 * @param notModified whether a conditional request was answered 304
 * @param attempts how many attempts were made (1 when the first answered conclusively)
 * @param requests how many HTTP requests were sent in all (attempts times hops)
 * @param elapsedMillis the time from the first request to the verdict
 * @param errorClass what went wrong, in newsprobe's short stable terms (e.g. {@code tls.expired},
 * {@code connect.refused}, {@code timeout.total}; the README lists them), or {@code null}
 * @param errorMessage the message of the last error as the network library gave it, or {@code null}
 * @param checkedAt when the verdict was reached
 */
public record ProbeResult(String url, Verdict verdict, String reason, int statusCode, String finalUrl, List<Hop> hops,
		String contentType, Long contentLength, Integer imageWidth, Integer imageHeight, Boolean sizeKnown, PageInfo page,
		String etag, String lastModified, String cacheControl, String expires, boolean notModified, int attempts,
		int requests, long elapsedMillis, String errorClass, String errorMessage, Instant checkedAt) {

	public ProbeResult {
		hops = List.copyOf(hops);
	}

}
