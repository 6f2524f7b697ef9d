package dev.newsprobe.core.probe.internal;

import java.util.List;

import dev.newsprobe.core.http.Answer;
import dev.newsprobe.core.http.BodyDecoding;
import dev.newsprobe.core.http.CallOutcome;
import dev.newsprobe.core.http.ErrorClasses;
import dev.newsprobe.core.http.HeaderValues;
import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.image.ImageInfo;
import dev.newsprobe.core.image.ImageSniffer;
import dev.newsprobe.core.probe.PageInfo;
import dev.newsprobe.core.probe.ProbePolicy;
import dev.newsprobe.core.probe.ProbeRequest;
import dev.newsprobe.core.probe.ProbeResult;
import dev.newsprobe.core.probe.Verdict;

/**
 * Turns how a probe's call ended into its verdict and evidence. The order of the questions:
 * did the call end without a final answer ({@link FailureVerdict}); were the retries of a retryable status
 * used up ({@link StatusVerdict#gaveUp}); does the status decide ({@link StatusVerdict#of}); else the
 * content does ({@link ImageVerdict}, {@link PageVerdict}), and a working URL whose first request was a
 * permanent redirect is {@link Verdict#MOVED}.
 */
public final class ProbeJudge {

	private final ProbePolicy policy;

	public ProbeJudge(ProbePolicy policy) {
		this.policy = policy;
	}

	/**
	 * The result of a probe.
	 * @param request what was probed
	 * @param outcome how its call ended
	 */
	public ProbeResult judge(ProbeRequest request, CallOutcome outcome) {
		return judge(request, outcome, null);
	}

	/**
	 * The result of a probe whose image was read on for its size.
	 * @param request what was probed
	 * @param outcome how its call ended
	 * @param readOn what reading on found, or {@code null} when it did not
	 */
	public ProbeResult judge(ProbeRequest request, CallOutcome outcome, ImageReadOn.Found readOn) {
		if (outcome.ending() != CallOutcome.Ending.ANSWERED) {
			return result(request, outcome, FailureVerdict.of(outcome, this.policy.totalTimeout(),
					this.policy.maxAttempts(), this.policy.maxRedirects()), null, null, null);
		}
		Answer answer = outcome.answer();
		if (outcome.giveUp() != CallOutcome.GiveUp.NONE) {
			return result(request, outcome, StatusVerdict.gaveUp(answer.status(), outcome.giveUp(), outcome.attempts(),
					outcome.askedWait(), this.policy.retryAfterCap()), null, null, null);
		}
		Judgement status = StatusVerdict.of(answer.status(), answer.reasonPhrase());
		if (status != null) {
			return result(request, outcome, status, null, null, null);
		}
		String contentType = answer.header("Content-Type");
		if (request.image()) {
			List<Hop> hops = outcome.hops();
			String method = hops.get(hops.size() - 1).method();
			ImageInfo image = null;
			long read = 0;
			if (!method.equals("HEAD")) {
				byte[] bytes = BodyDecoding.decoded(answer, this.policy.imageSniffBytes());
				read = bytes.length;
				image = ImageSniffer.sniff(bytes, bytes.length);
			}
			if (readOn != null) {
				image = readOn.image();
				read = Math.max(read, readOn.readUpTo());
			}
			Judgement judged = ImageVerdict.of(method, contentType, image, read, request.declaredWidth(),
					request.declaredHeight());
			ProbeResult result = result(request, outcome, movedOr(judged, outcome), image, null, null);
			return (readOn != null) ? withReadOn(result, readOn) : result;
		}
		Judgement home = PageVerdict.redirectedHome(outcome.hops(), outcome.lastUrl(), outcome.target());
		if (home != null) {
			return result(request, outcome, home, null, null, null);
		}
		PageInfo page = null;
		if (PageAnalyzer.isHtml(contentType)) {
			byte[] body = BodyDecoding.decoded(answer, this.policy.pageBodyCap());
			page = PageAnalyzer.analyze(body, body.length, contentType, outcome.lastUrl());
		}
		return result(request, outcome, movedOr(PageVerdict.of(contentType, page, request.ampCanonical()), outcome), null,
				page, null);
	}

	/**
	 * The result of a probe whose answer newsprobe failed to judge: a bug, recorded as such
	 * ({@value ErrorClasses#INTERNAL}) rather than lost.
	 */
	public ProbeResult failedOn(ProbeRequest request, CallOutcome outcome, RuntimeException ex) {
		return result(request, outcome,
				new Judgement(Verdict.CONNECT_ERROR, "unexpected problem reading the answer: " + ex), null, null, ex);
	}

	/** A result with the requests made reading on for an image's size added to its evidence. */
	private static ProbeResult withReadOn(ProbeResult result, ImageReadOn.Found readOn) {
		List<Hop> hops = new java.util.ArrayList<>(result.hops());
		hops.addAll(readOn.hops());
		return new ProbeResult(result.url(), result.verdict(), result.reason(), result.statusCode(), result.finalUrl(), hops,
				result.contentType(), result.contentLength(), result.imageWidth(), result.imageHeight(), result.sizeKnown(),
				result.page(), result.etag(), result.lastModified(), result.cacheControl(), result.expires(),
				result.notModified(), result.attempts(), result.requests() + readOn.requests(), result.elapsedMillis(),
				result.errorClass(), result.errorMessage(), result.checkedAt());
	}

	/** A working URL whose first request was permanently redirected: the file should name where it went. */
	private static Judgement movedOr(Judgement judged, CallOutcome outcome) {
		List<Hop> hops = outcome.hops();
		if (judged.verdict() == Verdict.OK && hops.size() > 1
				&& (hops.get(0).statusCode() == 301 || hops.get(0).statusCode() == 308)) {
			return new Judgement(Verdict.MOVED, "moved permanently to " + outcome.lastUrl() + ": update the file");
		}
		return judged;
	}

	private static ProbeResult result(ProbeRequest request, CallOutcome outcome, Judgement judged, ImageInfo image,
			PageInfo page, RuntimeException internal) {
		Answer answer = outcome.answer();
		Throwable failure = (internal != null) ? internal : (outcome.error() != null) ? outcome.error() : outcome.lastError();
		Throwable cause = (failure != null) ? ErrorClasses.rootCause(failure) : null;
		String errorClass = (outcome.ending() == CallOutcome.Ending.TIMED_OUT) ? ErrorClasses.TIMEOUT_TOTAL
				: (failure != null) ? ErrorClasses.of(failure) : null;
		return new ProbeResult(request.url(), judged.verdict(), judged.reason(), outcome.status(), outcome.lastUrl(),
				outcome.hops(), outcome.header("Content-Type"), contentLength(answer),
				(image != null) ? image.width() : null, (image != null) ? image.height() : null,
				(image != null) ? image.width() != null && image.height() != null : null, page,
				outcome.header("ETag"), outcome.header("Last-Modified"), outcome.header("Cache-Control"),
				outcome.header("Expires"), outcome.status() == 304, outcome.attempts(), outcome.requests(),
				outcome.elapsedMillis(), errorClass, (cause != null) ? cause.getMessage() : null, outcome.endedAt());
	}

	/** The length of the whole resource: from {@code Content-Range}, else {@code Content-Length}, else as read. */
	private static Long contentLength(Answer answer) {
		if (answer == null) {
			return null;
		}
		Long complete = HeaderValues.completeLength(answer.header("Content-Range"));
		if (complete != null) {
			return complete;
		}
		Long declared = HeaderValues.length(answer.header("Content-Length"));
		if (declared != null) {
			return declared;
		}
		return answer.truncated() ? null : (long) answer.length();
	}

}
