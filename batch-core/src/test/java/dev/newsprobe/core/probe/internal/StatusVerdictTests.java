package dev.newsprobe.core.probe.internal;

import java.time.Duration;

import dev.newsprobe.core.http.CallOutcome.GiveUp;
import dev.newsprobe.core.probe.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a final status says on its own, and what a retryable one comes to when the retries are over. */
class StatusVerdictTests {

	@ParameterizedTest
	@CsvSource({ "304, '', OK, 304 not modified", "401, Unauthorized, BLOCKED, 401: access refused (a bot wall or login); inconclusive",
			"403, Forbidden, BLOCKED, 403: access refused (a bot wall or login); inconclusive", "404, Not Found, BROKEN, 404 Not Found",
			"410, Gone, BROKEN, 410 Gone", "451, '', BROKEN, '451 '", "500, Internal Server Error, SERVER_ERROR, 500 Internal Server Error",
			"301, '', BROKEN, 301 without a usable answer", "100, '', BROKEN, 100 without a usable answer" })
	void aStatusThatDecidesOnItsOwnGivesItsVerdict(int status, String phrase, Verdict verdict, String reason) {
		assertThat(StatusVerdict.of(status, phrase)).isEqualTo(new Judgement(verdict, reason));
	}

	@ParameterizedTest
	@CsvSource({ "200", "203", "206" })
	void aSuccessIsLeftToItsContent(int status) {
		assertThat(StatusVerdict.of(status, "OK")).isNull();
	}

	@ParameterizedTest
	@CsvSource({ "429, BLOCKED", "408, TIMEOUT", "502, SERVER_ERROR", "503, SERVER_ERROR", "504, SERVER_ERROR" })
	void aRetryableStatusStillAnsweredAfterEveryAttemptNamesThem(int status, Verdict verdict) {
		assertThat(StatusVerdict.gaveUp(status, GiveUp.ATTEMPTS, 3, null, Duration.ofSeconds(30)))
			.isEqualTo(new Judgement(verdict, status + " on each of 3 attempts"));
	}

	@Test
	void aWaitLongerThanTheCapIsSaidWithBoth() {
		assertThat(StatusVerdict.gaveUp(429, GiveUp.WAIT_OVER_CAP, 1, Duration.ofSeconds(120), Duration.ofSeconds(30)))
			.isEqualTo(new Judgement(Verdict.BLOCKED, "429 asking to retry after 120 s, more than the cap of 30 s"));
	}

	@Test
	void aWaitPastTheTotalTimeoutIsSaid() {
		assertThat(StatusVerdict.gaveUp(503, GiveUp.NO_TIME_LEFT, 2, Duration.ofSeconds(20), Duration.ofSeconds(30)))
			.isEqualTo(new Judgement(Verdict.SERVER_ERROR,
					"503 on attempt 2; no time left to retry within the total timeout"));
	}

}
