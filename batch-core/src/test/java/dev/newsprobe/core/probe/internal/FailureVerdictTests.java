package dev.newsprobe.core.probe.internal;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertificateExpiredException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import dev.newsprobe.core.http.Answer;
import dev.newsprobe.core.http.CallOutcome;
import dev.newsprobe.core.http.CallOutcome.Ending;
import dev.newsprobe.core.http.CallOutcome.GiveUp;
import dev.newsprobe.core.http.ForbiddenAddressException;
import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.probe.Verdict;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a call that ended without a final answer to judge comes to, in words an archive owner can act on. */
class FailureVerdictTests {

	static final String URL = "https://news.example/story";

	static final Duration TOTAL = Duration.ofSeconds(60);

	@Test
	void anInvalidUrlSaysWhatIsWrongWithIt() {
		assertThat(judge(outcome(Ending.INVALID_URL, GiveUp.NONE, "scheme 'ftp' is not http or https", null, null)))
			.isEqualTo(new Judgement(Verdict.INVALID_URL, "scheme 'ftp' is not http or https"));
	}

	@Test
	void aForbiddenLiteralOrNameIsNeverContacted() {
		assertThat(judge(outcome(Ending.FORBIDDEN_ADDRESS, GiveUp.NONE, "127.0.0.1 is a loopback address", null, null)))
			.isEqualTo(new Judgement(Verdict.FORBIDDEN_ADDRESS, "127.0.0.1 is a loopback address; not contacted"));
		Exception refused = new ForbiddenAddressException("intranet resolves to 10.0.0.1, a private address");
		assertThat(judge(outcome(Ending.FAILED, GiveUp.PERMANENT, null, null, refused))).isEqualTo(new Judgement(
				Verdict.FORBIDDEN_ADDRESS, "intranet resolves to 10.0.0.1, a private address; not contacted"));
	}

	@Test
	void aNameThatDoesNotResolveIsADnsError() {
		assertThat(judge(outcome(Ending.FAILED, GiveUp.PERMANENT, null, null, new UnknownHostException("news.example"))))
			.isEqualTo(new Judgement(Verdict.DNS_ERROR, "news.example does not resolve"));
	}

	@Test
	void aTlsFailureSaysWhichOne() {
		Exception expired = new SSLHandshakeException("handshake");
		expired.initCause(new CertificateExpiredException("NotAfter: ..."));

		assertThat(judge(outcome(Ending.FAILED, GiveUp.PERMANENT, null, null, expired)))
			.isEqualTo(new Judgement(Verdict.TLS_ERROR, "certificate expired"));
	}

	@Test
	void aConnectionFailureOrTimeoutOnEveryAttemptSaysWhichAttempt() {
		assertThat(judge(outcome(Ending.FAILED, GiveUp.ATTEMPTS, null, null, new ConnectException("Connection refused"))))
			.isEqualTo(new Judgement(Verdict.CONNECT_ERROR,
					"connection failed: ConnectException Connection refused (attempt 3 of 3)"));
		assertThat(judge(outcome(Ending.FAILED, GiveUp.NO_TIME_LEFT, null, null, new SocketTimeoutException("Read timed out"))))
			.isEqualTo(new Judgement(Verdict.TIMEOUT, "timed out: SocketTimeoutException Read timed out on attempt 3;"
					+ " no time left to retry within the total timeout"));
	}

	@Test
	void redirectsThatCannotBeFollowedAreBroken() {
		assertThat(judge(outcome(Ending.TOO_MANY_REDIRECTS, GiveUp.NONE, null, "/next", null)))
			.isEqualTo(new Judgement(Verdict.BROKEN, "more than 10 redirects"));
		assertThat(judge(outcome(Ending.MALFORMED_REDIRECT, GiveUp.NONE, null, "http://[oops", null)))
			.isEqualTo(new Judgement(Verdict.BROKEN, "302 redirects to a malformed Location 'http://[oops'"));
		assertThat(judge(outcome(Ending.UNUSABLE_REDIRECT, GiveUp.NONE, "scheme 'ftp' is not http or https", "ftp://x/", null)))
			.isEqualTo(new Judgement(Verdict.BROKEN,
					"302 redirects to 'ftp://x/', which cannot be probed: scheme 'ftp' is not http or https"));
		assertThat(judge(outcome(Ending.REDIRECT_LOOP, GiveUp.NONE, null, URL, null)))
			.isEqualTo(new Judgement(Verdict.BROKEN, "redirect loop: " + URL + " -> " + URL));
	}

	@Test
	void theTotalTimeoutNamesItsLength() {
		assertThat(judge(outcome(Ending.TIMED_OUT, GiveUp.NONE, null, null, null)))
			.isEqualTo(new Judgement(Verdict.TIMEOUT, "no verdict within the total timeout of 60 s"));
	}

	static Judgement judge(CallOutcome outcome) {
		return FailureVerdict.of(outcome, TOTAL, 3, 10);
	}

	static CallOutcome outcome(Ending ending, GiveUp giveUp, String problem, String location, Throwable error) {
		Answer redirect = new Answer(new BasicHttpResponse(302), new byte[0], 0, 0, false, null, Answer.Stop.NONE);
		return new CallOutcome(ending, giveUp, URL, redirect, null, URL, List.of(new Hop(URL, "GET", 302, "/x", null)),
				problem, location, null, error, error, 3, 3, 10, Instant.parse("2026-12-01T02:00:00Z"));
	}

}
