package dev.newsprobe.core.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.http.CallOutcome.GiveUp;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When a call is tried again, after how long, and when it is given up on. */
class RetryPolicyTests {

	static final HttpPolicy POLICY = new HttpPolicy(8, 2, Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1),
			Duration.ofSeconds(60), 3, Duration.ofMillis(400), Duration.ofSeconds(30), 10, "tests", Map.of(), List.of());

	final RetryPolicy retries = new RetryPolicy(POLICY);

	@Test
	void onlyTimeoutsRateLimitsAndGatewayTroubleAreRetried() {
		assertThat(List.of(408, 429, 502, 503, 504)).allMatch(RetryPolicy::retryable);
		assertThat(List.of(200, 301, 304, 400, 401, 403, 404, 410, 500, 501)).noneMatch(RetryPolicy::retryable);
		assertThat(List.of(429, 503)).allMatch(RetryPolicy::pausesHost);
		assertThat(List.of(408, 502, 504)).noneMatch(RetryPolicy::pausesHost);
	}

	@RepeatedTest(20)
	void theBackoffDoublesWithJitterOfHalfEitherWay() {
		assertThat(this.retries.backoff(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(600));
		assertThat(this.retries.backoff(2)).isBetween(Duration.ofMillis(400), Duration.ofMillis(1200));
		assertThat(this.retries.backoff(3)).isBetween(Duration.ofMillis(800), Duration.ofMillis(2400));
		assertThat(this.retries.backoff(40)).isLessThanOrEqualTo(Duration.ofMillis(400L * 1024 * 3 / 2));
	}

	@Test
	void anAnswerIsRetriedUntilTheAttemptsAreUsedOrTheWaitIsTooLong() {
		Duration left = Duration.ofSeconds(50);
		assertThat(this.retries.afterAnswer(1, null, Duration.ofMillis(400), left)).isEqualTo(GiveUp.NONE);
		assertThat(this.retries.afterAnswer(3, null, Duration.ofMillis(400), left)).isEqualTo(GiveUp.ATTEMPTS);
		assertThat(this.retries.afterAnswer(1, Duration.ofSeconds(31), Duration.ofSeconds(31), left))
			.isEqualTo(GiveUp.WAIT_OVER_CAP);
		assertThat(this.retries.afterAnswer(1, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(30)))
			.isEqualTo(GiveUp.NO_TIME_LEFT);
	}

	@Test
	void failuresThatWouldRepeatAreNotRetriedNorIsABodyAlreadyHandedOn() {
		Duration left = Duration.ofSeconds(50);
		Duration wait = Duration.ofMillis(400);
		assertThat(this.retries.afterFailure(1, ErrorClasses.UNKNOWN_HOST, false, wait, left)).isEqualTo(GiveUp.PERMANENT);
		assertThat(this.retries.afterFailure(1, ErrorClasses.FORBIDDEN, false, wait, left)).isEqualTo(GiveUp.PERMANENT);
		assertThat(this.retries.afterFailure(1, ErrorClasses.TLS_EXPIRED, false, wait, left)).isEqualTo(GiveUp.PERMANENT);
		assertThat(this.retries.afterFailure(1, ErrorClasses.CONNECT_RESET, true, wait, left)).isEqualTo(GiveUp.HANDED_ON);
		assertThat(this.retries.afterFailure(1, ErrorClasses.CONNECT_RESET, false, wait, left)).isEqualTo(GiveUp.NONE);
		assertThat(this.retries.afterFailure(3, ErrorClasses.TIMEOUT_RESPONSE, false, wait, left)).isEqualTo(GiveUp.ATTEMPTS);
	}

	@Test
	void aHostIsPausedNoLongerThanTheCap() {
		assertThat(this.retries.capped(Duration.ofMinutes(5))).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.retries.capped(Duration.ofSeconds(5))).isEqualTo(Duration.ofSeconds(5));
	}

}
