package dev.newsprobe.core.probe.internal;

import java.time.Duration;

import dev.newsprobe.core.http.CallOutcome.GiveUp;
import dev.newsprobe.core.probe.Verdict;

/**
 * The verdict a final status code gives on its own, before any body is read: 304 is a valid refresh, 401
 * and 403 are a bot wall or a login (inconclusive), any other 4xx is broken, 5xx a server error; and what
 * a retryable status (408, 429, 502, 503, 504) comes to once the retries are over.
 */
public final class StatusVerdict {

	private StatusVerdict() {
	}

	/**
	 * The verdict of a final answer's status.
	 * @param status the status code
	 * @param reasonPhrase the status line's reason phrase, {@code ""} when none
	 * @return the judgement, or {@code null} for a 2xx, which its content decides
	 */
	public static Judgement of(int status, String reasonPhrase) {
		if (status == 304) {
			return new Judgement(Verdict.OK, "304 not modified");
		}
		if (status == 401 || status == 403) {
			return new Judgement(Verdict.BLOCKED, status + ": access refused (a bot wall or login); inconclusive");
		}
		if (status >= 400 && status < 500) {
			return new Judgement(Verdict.BROKEN, status + " " + reasonPhrase);
		}
		if (status >= 500) {
			return new Judgement(Verdict.SERVER_ERROR, status + " " + reasonPhrase);
		}
		if (status / 100 != 2) {
			return new Judgement(Verdict.BROKEN, status + " without a usable answer");
		}
		return null;
	}

	/**
	 * The verdict of a retryable status that was still answered when the retries ended: 429 is a rate limit
	 * (blocked, inconclusive), 408 a timeout, 502/503/504 a server error.
	 * @param status the status code
	 * @param why why no further attempt was made
	 * @param attempts the attempts made
	 * @param asked the wait the server asked for, or {@code null}
	 * @param cap the longest wait honoured
	 */
	public static Judgement gaveUp(int status, GiveUp why, int attempts, Duration asked, Duration cap) {
		Verdict verdict = (status == 429) ? Verdict.BLOCKED : (status == 408) ? Verdict.TIMEOUT : Verdict.SERVER_ERROR;
		return switch (why) {
			case WAIT_OVER_CAP -> new Judgement(verdict, status + " asking to retry after " + asked.toSeconds()
					+ " s, more than the cap of " + cap.toSeconds() + " s");
			case NO_TIME_LEFT -> new Judgement(verdict,
					status + " on attempt " + attempts + "; no time left to retry within the total timeout");
			default -> new Judgement(verdict, status + " on each of " + attempts + " attempts");
		};
	}

}
