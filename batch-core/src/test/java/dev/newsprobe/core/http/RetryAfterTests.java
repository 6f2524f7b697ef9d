package dev.newsprobe.core.http;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAfterTests {

	static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

	@Test
	void secondsAreTakenAsTheyAre() {
		assertThat(RetryAfter.parse("120", NOW)).isEqualTo(Duration.ofSeconds(120));
		assertThat(RetryAfter.parse(" 0 ", NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void anHttpDateInAnyOfItsSpellingsGivesTheWaitUntilThen() {
		assertThat(RetryAfter.parse("Wed, 02 Dec 2026 17:02:00 GMT", NOW)).isEqualTo(Duration.ofMinutes(2));
		assertThat(RetryAfter.parse("Fri, 4 Dec 2026 17:00:00 GMT", NOW)).isEqualTo(Duration.ofDays(2));
		assertThat(RetryAfter.parse("Friday, 04-Dec-26 17:00:00 GMT", NOW)).isEqualTo(Duration.ofDays(2));
		assertThat(RetryAfter.parse("Fri Dec  4 17:00:00 2026", NOW)).isEqualTo(Duration.ofDays(2));
	}

	@Test
	void aDateInThePastMeansNoWait() {
		assertThat(RetryAfter.parse("Tue, 1 Dec 2026 17:00:00 GMT", NOW)).isEqualTo(Duration.ZERO);
	}

	@Test
	void garbageAsksForNothing() {
		assertThat(RetryAfter.parse("later", NOW)).isNull();
		assertThat(RetryAfter.parse("-5", NOW)).isNull();
		assertThat(RetryAfter.parse("Fri, 4 Dez 2026 17:00:00 GMT", NOW)).isNull();
		assertThat(RetryAfter.parse(null, NOW)).isNull();
	}

	@Test
	void rateLimitHeadersAskForTheirResetOnlyWhenNothingRemains() {
		assertThat(RetryAfter.rateLimit("0", "30", null)).isEqualTo(Duration.ofSeconds(30));
		assertThat(RetryAfter.rateLimit("5", "30", null)).isNull();
		assertThat(RetryAfter.rateLimit(null, null, "limit=100, remaining=0, reset=7")).isEqualTo(Duration.ofSeconds(7));
	}

}
