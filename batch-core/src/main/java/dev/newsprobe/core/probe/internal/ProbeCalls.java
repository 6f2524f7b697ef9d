package dev.newsprobe.core.probe.internal;

import dev.newsprobe.core.http.Answer;
import dev.newsprobe.core.http.CallRequest;
import dev.newsprobe.core.probe.ProbePolicy;
import dev.newsprobe.core.probe.ProbeRequest;

/**
 * What a probe asks the HTTP layer for. A page: one GET whose body is read up to the page cap. An image
 * with a declared size: one ranged GET for its first bytes. An image without one: HEAD, asked again with
 * the ranged GET when the HEAD answer is refused (403/405/501), not found (some servers lie to HEAD) or not
 * of an image type. Compressed bodies are accepted (they are inflated within the cap); validators go with
 * the first request.
 */
public final class ProbeCalls {

	private static final String PAGE_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

	private static final String IMAGE_ACCEPT = "image/*,*/*;q=0.5";

	private final int pageBodyCap;

	private final int imageSniffBytes;

	private final String sniffRange;

	public ProbeCalls(ProbePolicy policy) {
		this.pageBodyCap = policy.pageBodyCap();
		this.imageSniffBytes = policy.imageSniffBytes();
		this.sniffRange = "bytes=0-" + (policy.imageSniffBytes() - 1);
	}

	/** The call a probe makes. */
	public CallRequest of(ProbeRequest request) {
		if (!request.image()) {
			return CallRequest.to(request.url(), "GET")
				.accept(PAGE_ACCEPT)
				.acceptEncoding("gzip, identity")
				.validators(request.etag(), request.lastModified())
				.bodyCap(this.pageBodyCap)
				.build();
		}
		boolean declared = request.declaredWidth() != null || request.declaredHeight() != null;
		return CallRequest.to(request.url(), declared ? "GET" : "HEAD")
			.accept(IMAGE_ACCEPT)
			.acceptEncoding("gzip, identity")
			.validators(request.etag(), request.lastModified())
			.rangeOnGet(this.sniffRange)
			.bodyCap(this.imageSniffBytes)
			.getUnlessHeadAnswer(ProbeCalls::headSaysImage)
			.build();
	}

	/** A HEAD answer trusted on its own: a 304, or a 2xx of an image type. */
	private static boolean headSaysImage(Answer answer) {
		int status = answer.status();
		if (status == 304) {
			return true;
		}
		String type = answer.header("Content-Type");
		return status / 100 == 2 && type != null && type.strip().regionMatches(true, 0, "image/", 0, 6);
	}

}
