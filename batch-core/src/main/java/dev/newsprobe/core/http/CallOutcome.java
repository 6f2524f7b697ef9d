package dev.newsprobe.core.http;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How one call ended, with all the evidence its caller needs to name a verdict: the last answer, every hop of
 * the last attempt, why retries stopped, the errors met.
 *
 * @param ending how the call ended
 * @param giveUp why no further attempt was made ({@link GiveUp#NONE} when the answer needed none)
 * @param target the normalised URL first requested, or {@code null} when the URL is invalid
 * @param answer the last complete answer (of any hop), or {@code null} when none came
 * @param cutShort what was read of the answer whose exchange failed or was cut off, or {@code null}
 * @param lastUrl the URL of the last hop (the URL as given when nothing was requested)
 * @param hops every request of the last attempt, in order
 * @param problem what was wrong, in words, for {@link Ending#INVALID_URL} (the URL's problem),
 * {@link Ending#FORBIDDEN_ADDRESS} ("127.0.0.1 is a loopback address"), {@link Ending#UNUSABLE_REDIRECT}
 * (the target's problem) and {@link Ending#INTERNAL}; otherwise {@code null}
 * @param location for the redirect endings, the {@code Location} refused (for {@link Ending#REDIRECT_LOOP}
 * the normalised URL met again); otherwise {@code null}
 * @param askedWait the wait the last answer asked for ({@code Retry-After}, rate-limit reset), or {@code null}
 * @param error the failure that ended the call, or {@code null}
 * @param lastError the last failure of any attempt (an answered call may have failed before), or {@code null}
 * @param attempts attempts made, at least 1
 * @param requests HTTP requests sent in all
 * @param elapsedMillis from the first request to the end
 * @param endedAt when the call ended
 */
public record CallOutcome(Ending ending, GiveUp giveUp, String target, Answer answer, Answer cutShort, String lastUrl,
		List<Hop> hops, String problem, String location, Duration askedWait, Throwable error, Throwable lastError,
		int attempts, int requests, long elapsedMillis, Instant endedAt) {

	/** How a call ended. */
	public enum Ending {
		/** An answer ended it: {@link CallOutcome#answer()} (after retries when {@link CallOutcome#giveUp()} says so). */
		ANSWERED,
		/** The URL is malformed or not http(s); nothing was sent. */
		INVALID_URL,
		/** The URL's host is an IP literal newsprobe must not contact; nothing was sent there. */
		FORBIDDEN_ADDRESS,
		/** An exchange failed (the guard refused a name, DNS, TLS, connect, timeout, reset) and was not retried. */
		FAILED,
		/** More redirects than allowed. */
		TOO_MANY_REDIRECTS,
		/** A {@code Location} that is not a URI. */
		MALFORMED_REDIRECT,
		/** A {@code Location} that cannot be requested (not http(s), malformed host). */
		UNUSABLE_REDIRECT,
		/** A redirect back to a URL of the chain. */
		REDIRECT_LOOP,
		/** The total timeout of the call passed. */
		TIMED_OUT,
		/** newsprobe failed on an answer: a bug. */
		INTERNAL
	}

	/** Why no further attempt was made. */
	public enum GiveUp {
		/** None was needed. */
		NONE,
		/** Every attempt allowed was made. */
		ATTEMPTS,
		/** The server asked for a longer wait than the cap. */
		WAIT_OVER_CAP,
		/** The wait would end past the total timeout. */
		NO_TIME_LEFT,
		/** The failure would be the same again (address guard, DNS, TLS). */
		PERMANENT,
		/** Part of the body was handed on already; the caller keeps none of it. */
		HANDED_ON
	}

	public CallOutcome {
		hops = List.copyOf(hops);
	}

	/** The last answer's status, or 0 when none came. */
	public int status() {
		return (this.answer != null) ? this.answer.status() : 0;
	}

	/** A header of the last answer, or {@code null}. */
	public String header(String name) {
		return (this.answer != null) ? this.answer.header(name) : null;
	}

}
