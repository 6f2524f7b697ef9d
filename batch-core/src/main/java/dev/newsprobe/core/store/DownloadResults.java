package dev.newsprobe.core.store;

import dev.newsprobe.core.http.Answer;
import dev.newsprobe.core.http.CallOutcome;
import dev.newsprobe.core.http.CallOutcome.GiveUp;
import dev.newsprobe.core.http.ErrorClasses;
import dev.newsprobe.core.http.HttpPolicy;
import dev.newsprobe.core.image.ImageInfo;
import dev.newsprobe.core.image.ImageSniffer;

/**
 * What a download's call comes to for the image store: a whole image within the cap ({@link FetchOutcome#FETCHED}),
 * a 304 to the conditional request ({@link FetchOutcome#NOT_MODIFIED}), 404/410 ({@link FetchOutcome#GONE}),
 * something that is not an image or too large, a forbidden address, or a failure of any other kind.
 */
final class DownloadResults {

	private final HttpPolicy policy;

	DownloadResults(HttpPolicy policy) {
		this.policy = policy;
	}

	ImageFetchResult of(ImageFetch request, CallOutcome outcome) {
		return switch (outcome.ending()) {
			case ANSWERED -> (outcome.giveUp() == GiveUp.NONE) ? answered(request, outcome)
					: result(request, outcome, FetchOutcome.FAILED, retriesOver(outcome), null);
			case INVALID_URL -> result(request, outcome, FetchOutcome.FAILED,
					"not a URL that can be fetched: " + outcome.problem(), null);
			case FORBIDDEN_ADDRESS -> result(request, outcome, FetchOutcome.FORBIDDEN_ADDRESS,
					outcome.problem() + "; not contacted", null);
			case INTERNAL -> result(request, outcome, FetchOutcome.FAILED, outcome.problem(), null);
			case TOO_MANY_REDIRECTS -> result(request, outcome, FetchOutcome.FAILED,
					"more than " + this.policy.maxRedirects() + " redirects", null);
			case MALFORMED_REDIRECT -> result(request, outcome, FetchOutcome.FAILED,
					outcome.status() + " redirects to a malformed Location '" + outcome.location() + "'", null);
			case UNUSABLE_REDIRECT -> result(request, outcome, FetchOutcome.FAILED, outcome.status() + " redirects to '"
					+ outcome.location() + "', which cannot be fetched: " + outcome.problem(), null);
			case REDIRECT_LOOP -> result(request, outcome, FetchOutcome.FAILED, "redirect loop at " + outcome.location(),
					null);
			case TIMED_OUT -> result(request, outcome, FetchOutcome.FAILED, "not fetched within the total timeout of "
					+ this.policy.totalTimeout().toSeconds() + " s", null);
			case FAILED -> failed(request, outcome);
		};
	}

	/** A download whose answer newsprobe failed on: a bug, recorded as a failure rather than lost. */
	ImageFetchResult failedOn(ImageFetch request, CallOutcome outcome, RuntimeException ex) {
		return result(request, outcome, FetchOutcome.FAILED, "unexpected problem reading the answer: " + ex, null);
	}

	private static String retriesOver(CallOutcome outcome) {
		String why = outcome.status() + " on attempt " + outcome.attempts();
		return (outcome.giveUp() == GiveUp.NO_TIME_LEFT) ? why + "; no time left to retry within the total timeout" : why;
	}

	private ImageFetchResult answered(ImageFetch request, CallOutcome outcome) {
		Answer answer = outcome.answer();
		int code = answer.status();
		if (code == 304) {
			boolean conditional = request.etag() != null || request.lastModified() != null;
			return result(request, outcome, conditional ? FetchOutcome.NOT_MODIFIED : FetchOutcome.FAILED,
					conditional ? "304 not modified" : "304 to a request that was not conditional", null);
		}
		if (code == 404 || code == 410) {
			return result(request, outcome, FetchOutcome.GONE, code + " " + answer.reasonPhrase(), null);
		}
		if (code / 100 != 2) {
			return result(request, outcome, FetchOutcome.FAILED, code + " " + answer.reasonPhrase(), null);
		}
		if (code != 200) {
			// 206 to a request without Range, 204 and the like: not a whole image
			return result(request, outcome, FetchOutcome.FAILED, code + " is not a whole image", null);
		}
		if (answer.stop() == Answer.Stop.CAP) {
			Long declared = answer.declaredLength();
			return result(request, outcome, FetchOutcome.TOO_LARGE, ((declared != null && declared > request.maxBytes())
					? "declared " + declared + " bytes" : "more than " + answer.bytesRead() + " bytes read")
					+ ", larger than the cap of " + request.maxBytes() + " bytes", null);
		}
		ImageInfo image = (answer.stop() == Answer.Stop.REFUSED) ? null : ImageSniffer.sniff(answer.body(), answer.length());
		if (image == null) {
			return result(request, outcome, FetchOutcome.NOT_AN_IMAGE,
					"the first bytes (Content-Type " + answer.header("Content-Type") + ") are not an image", null);
		}
		return result(request, outcome, FetchOutcome.FETCHED, "a " + image.format() + " of " + answer.bytesRead() + " bytes"
				+ ((image.width() != null) ? ", " + image.width() + "x" + image.height() : ""), image);
	}

	private ImageFetchResult failed(ImageFetch request, CallOutcome outcome) {
		Throwable cause = ErrorClasses.rootCause(outcome.error());
		if (ErrorClasses.of(outcome.error()).equals(ErrorClasses.FORBIDDEN)) {
			return result(request, outcome, FetchOutcome.FORBIDDEN_ADDRESS, cause.getMessage() + "; not contacted", null);
		}
		String why = cause.getClass().getSimpleName() + ((cause.getMessage() != null) ? " " + cause.getMessage() : "");
		return result(request, outcome, FetchOutcome.FAILED, switch (outcome.giveUp()) {
			case HANDED_ON -> "the body broke off after " + handedOn(outcome.cutShort()) + " bytes: " + why;
			case NO_TIME_LEFT -> why + "; no time left to retry within the total timeout";
			default -> why + " (attempt " + outcome.attempts() + ")";
		}, null);
	}

	private static ImageFetchResult result(ImageFetch request, CallOutcome outcome, FetchOutcome fetched, String reason,
			ImageInfo image) {
		Answer body = switch (outcome.ending()) {
			case ANSWERED, INTERNAL -> outcome.answer();
			case FAILED, TIMED_OUT -> outcome.cutShort();
			default -> null;
		};
		return new ImageFetchResult(request.url(), fetched, reason, outcome.status(), outcome.lastUrl(), outcome.hops(),
				outcome.header("Content-Type"), outcome.header("ETag"), outcome.header("Last-Modified"), handedOn(body),
				image, outcome.requests(), outcome.elapsedMillis(), outcome.endedAt());
	}

	/** The bytes of a body that went to the sink, 0 for one that did not. */
	private static long handedOn(Answer answer) {
		return (answer != null && answer.handedOn()) ? answer.bytesRead() : 0;
	}

}
