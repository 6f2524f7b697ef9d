package dev.newsprobe.core.probe.internal;

import java.net.URI;
import java.time.Duration;
import java.util.stream.Collectors;

import dev.newsprobe.core.http.CallOutcome;
import dev.newsprobe.core.http.ErrorClasses;
import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.http.HostKeys;
import dev.newsprobe.core.probe.Verdict;

/**
 * The verdict of a call that ended without a final answer to judge: an invalid URL, a forbidden address,
 * a redirect that cannot be followed, the total timeout, or a failed exchange (named by its error class:
 * DNS, TLS, timeout, connection).
 */
public final class FailureVerdict {

	private FailureVerdict() {
	}

	/**
	 * @param outcome a call that did not end {@link CallOutcome.Ending#ANSWERED}
	 * @param totalTimeout the total timeout per URL
	 * @param maxAttempts the attempts allowed
	 * @param maxRedirects the redirects allowed
	 */
	public static Judgement of(CallOutcome outcome, Duration totalTimeout, int maxAttempts, int maxRedirects) {
		return switch (outcome.ending()) {
			case INVALID_URL -> new Judgement(Verdict.INVALID_URL, outcome.problem());
			case FORBIDDEN_ADDRESS -> new Judgement(Verdict.FORBIDDEN_ADDRESS, outcome.problem() + "; not contacted");
			case INTERNAL -> new Judgement(Verdict.CONNECT_ERROR, outcome.problem());
			case ANSWERED -> throw new IllegalArgumentException("an answered call is judged by its answer");
			case TOO_MANY_REDIRECTS -> new Judgement(Verdict.BROKEN, "more than " + maxRedirects + " redirects");
			case MALFORMED_REDIRECT -> new Judgement(Verdict.BROKEN,
					outcome.status() + " redirects to a malformed Location '" + outcome.location() + "'");
			case UNUSABLE_REDIRECT -> new Judgement(Verdict.BROKEN, outcome.status() + " redirects to '"
					+ outcome.location() + "', which cannot be probed: " + outcome.problem());
			case REDIRECT_LOOP -> new Judgement(Verdict.BROKEN, "redirect loop: "
					+ outcome.hops().stream().map(Hop::url).collect(Collectors.joining(" -> ")) + " -> " + outcome.location());
			case TIMED_OUT -> new Judgement(Verdict.TIMEOUT,
					"no verdict within the total timeout of " + totalTimeout.toSeconds() + " s");
			case FAILED -> failed(outcome, maxAttempts);
		};
	}

	private static Judgement failed(CallOutcome outcome, int maxAttempts) {
		Throwable error = outcome.error();
		Throwable cause = ErrorClasses.rootCause(error);
		String errorClass = ErrorClasses.of(error);
		URI uri = URI.create(outcome.lastUrl());
		if (errorClass.equals(ErrorClasses.FORBIDDEN)) {
			return new Judgement(Verdict.FORBIDDEN_ADDRESS, cause.getMessage() + "; not contacted");
		}
		if (errorClass.equals(ErrorClasses.UNKNOWN_HOST)) {
			return new Judgement(Verdict.DNS_ERROR, HostKeys.host(uri) + " does not resolve");
		}
		if (errorClass.startsWith("tls.")) {
			return new Judgement(Verdict.TLS_ERROR, tlsProblem(errorClass, uri, cause));
		}
		boolean timeout = ErrorClasses.isTimeout(error);
		String why = (timeout ? "timed out: " : "connection failed: ") + cause.getClass().getSimpleName()
				+ ((cause.getMessage() != null) ? " " + cause.getMessage() : "");
		Verdict verdict = timeout ? Verdict.TIMEOUT : Verdict.CONNECT_ERROR;
		if (outcome.giveUp() == CallOutcome.GiveUp.NO_TIME_LEFT) {
			return new Judgement(verdict,
					why + " on attempt " + outcome.attempts() + "; no time left to retry within the total timeout");
		}
		return new Judgement(verdict, why + " (attempt " + outcome.attempts() + " of " + maxAttempts + ")");
	}

	private static String tlsProblem(String errorClass, URI uri, Throwable cause) {
		return switch (errorClass) {
			case ErrorClasses.TLS_UNTRUSTED -> "certificate not trusted: it leads to no trusted authority"
					+ " (self-signed, or signed by an unknown CA)";
			case ErrorClasses.TLS_EXPIRED -> "certificate expired";
			case ErrorClasses.TLS_NOT_YET_VALID -> "certificate not valid yet";
			case ErrorClasses.TLS_HOSTNAME -> "certificate does not match host " + HostKeys.host(uri);
			case ErrorClasses.TLS_NOT_TLS -> "the server does not speak TLS on port " + HostKeys.port(uri)
					+ " (plain HTTP behind an https URL?)";
			case ErrorClasses.TLS_EXPECTED -> "the server speaks TLS only on port " + HostKeys.port(uri)
					+ " (an https server behind an http URL: the URL should be https)";
			default -> "TLS handshake failed: " + cause.getMessage();
		};
	}

}
