package dev.newsprobe.core.cache;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.newsprobe.core.probe.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FreshnessPolicyTests {

	static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

	final FreshnessPolicy policy = new FreshnessPolicy(Duration.ofHours(20), Duration.ofHours(1), Duration.ofDays(7),
			Duration.ofDays(5), List.of(Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(10)),
			List.of(Duration.ofHours(1), Duration.ofHours(6), Duration.ofHours(24)));

	@Test
	void anOkAnswerThatSaysNothingIsFreshForTheDefaultTtl() {
		assertThat(ok(null, null)).isEqualTo(Duration.ofHours(20));
		assertThat(ok("public", null)).isEqualTo(Duration.ofHours(20));
	}

	@Test
	void maxAgeInsideTheBoundsIsTakenAsItIs() {
		assertThat(ok("public, max-age=86400", null)).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void maxAgeBelowTheMinimumGivesTheMinimum() {
		assertThat(ok("max-age=60", null)).isEqualTo(Duration.ofHours(1));
		assertThat(ok("max-age=0", null)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void maxAgeAboveTheMaximumGivesTheMaximum() {
		assertThat(ok("public, max-age=31536000, immutable", null)).isEqualTo(Duration.ofDays(7));
	}

	@Test
	void sharedMaxAgeWinsOverMaxAgeWhichWinsOverExpires() {
		assertThat(ok("max-age=7200, s-maxage=172800", "Thu, 26 Nov 2026 13:00:00 GMT")).isEqualTo(Duration.ofDays(2));
		assertThat(ok("max-age=7200", "Thu, 26 Nov 2026 22:00:00 GMT")).isEqualTo(Duration.ofHours(2));
	}

	@Test
	void noStoreAndNoCacheMeanAskEveryTimeSoTheMinimum() {
		assertThat(ok("no-store", null)).isEqualTo(Duration.ofHours(1));
		assertThat(ok("private, no-cache, max-age=86400", null)).isEqualTo(Duration.ofHours(1));
		assertThat(ok("NO-STORE", "Thu, 03 Dec 2026 10:00:00 GMT")).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void expiresCountsFromTheAnswerAndIsBounded() {
		assertThat(ok(null, "Fri, 27 Nov 2026 10:00:00 GMT")).isEqualTo(Duration.ofDays(1));
		assertThat(ok(null, "Thu, 26 Nov 2026 10:20:00 GMT")).as("20 minutes: below the minimum")
			.isEqualTo(Duration.ofHours(1));
		assertThat(ok(null, "Sat, 01 Jan 2028 00:00:00 GMT")).as("a year away: above the maximum")
			.isEqualTo(Duration.ofDays(7));
		assertThat(ok(null, "Thu, 01 Jan 1970 00:00:00 GMT")).as("in the past").isEqualTo(Duration.ofHours(1));
	}

	@Test
	void anExpiresThatCannotBeReadMeansStaleNotTheDefault() {
		assertThat(ok(null, "0")).isEqualTo(Duration.ofHours(1));
		assertThat(ok(null, "-1")).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void theObsoleteDateFormsOfExpiresAreRead() {
		assertThat(ok(null, "Friday, 27-Nov-26 10:00:00 GMT")).isEqualTo(Duration.ofDays(1));
		assertThat(ok(null, "Fri Nov 27 10:00:00 2026")).isEqualTo(Duration.ofDays(1));
	}

	@Test
	void aMalformedMaxAgeMeansStale() {
		assertThat(ok("max-age=soon", null)).isEqualTo(Duration.ofHours(1));
		assertThat(ok("max-age=\"86400\"", null)).as("quoted, as some servers send it").isEqualTo(Duration.ofDays(1));
	}

	@Test
	void inconclusiveFailuresClimbTheirLadderAndStayAtItsTop() {
		assertThat(failing(Verdict.TIMEOUT, 1)).isEqualTo(Duration.ofHours(1));
		assertThat(failing(Verdict.CONNECT_ERROR, 2)).isEqualTo(Duration.ofHours(6));
		assertThat(failing(Verdict.SERVER_ERROR, 3)).isEqualTo(Duration.ofHours(24));
		assertThat(failing(Verdict.BLOCKED, 4)).isEqualTo(Duration.ofHours(24));
		assertThat(failing(Verdict.DNS_ERROR, 500)).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void definiteFailuresHaveTheirOwnLadder() {
		assertThat(failing(Verdict.BROKEN, 1)).isEqualTo(Duration.ofDays(1));
		assertThat(failing(Verdict.SOFT_404, 2)).isEqualTo(Duration.ofDays(3));
		assertThat(failing(Verdict.NOT_AN_IMAGE, 3)).isEqualTo(Duration.ofDays(10));
		assertThat(failing(Verdict.SIZE_MISMATCH, 9)).isEqualTo(Duration.ofDays(10));
	}

	@Test
	void aFailureCountOfZeroIsTreatedAsTheFirstFailure() {
		assertThat(failing(Verdict.TIMEOUT, 0)).isEqualTo(Duration.ofHours(1));
	}

	@Test
	void movedHasItsOwnScheduleWhateverTheHeadersSay() {
		assertThat(this.policy.wait(Verdict.MOVED, 0, "max-age=60", null, NOW)).isEqualTo(Duration.ofDays(5));
	}

	@Test
	void inconsistentSettingsAreRefusedWithTheirName() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FreshnessPolicy(Duration.ofHours(20), Duration.ofDays(8), Duration.ofDays(7),
					Duration.ofDays(1), List.of(Duration.ofDays(1)), List.of(Duration.ofHours(1))))
			.withMessageContaining("min-ttl");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FreshnessPolicy(Duration.ofHours(20), Duration.ofHours(1), Duration.ofDays(7),
					Duration.ofDays(1), List.of(), List.of(Duration.ofHours(1))))
			.withMessageContaining("broken-backoff");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FreshnessPolicy(Duration.ZERO, Duration.ofHours(1), Duration.ofDays(7),
					Duration.ofDays(1), List.of(Duration.ofDays(1)), List.of(Duration.ofHours(1))))
			.withMessageContaining("default-ttl");
	}

	@Test
	void anExpiresWithAOneDigitDayIsReadLikeThePaddedOne() {
		// NOW is 26 November; the 1st-9th of December is where a one-digit day is written
		assertThat(ok(null, "Tue, 1 Dec 2026 10:00:00 GMT")).isEqualTo(Duration.ofDays(5));
		assertThat(ok(null, "Tue, 01 Dec 2026 10:00:00 GMT")).isEqualTo(Duration.ofDays(5));
		assertThat(ok(null, "tue,  1 dec 2026 10:00:00 UTC")).isEqualTo(Duration.ofDays(5));
	}

	@Test
	void theReasonSaysWhatSetTheWait() {
		assertThat(reason(Verdict.OK, 0, "max-age=86400", null)).isEqualTo("Cache-Control: max-age=86400 (1d)");
		assertThat(reason(Verdict.OK, 0, "max-age=60", null)).isEqualTo("Cache-Control: max-age=60 (1m), raised to min-ttl 1h");
		assertThat(reason(Verdict.OK, 0, "s-maxage=31536000", null))
			.isEqualTo("Cache-Control: s-maxage=31536000 (365d), cut to max-ttl 7d");
		assertThat(reason(Verdict.OK, 0, "private, no-cache", null))
			.isEqualTo("Cache-Control: no-cache (0s), raised to min-ttl 1h");
		assertThat(reason(Verdict.OK, 0, "max-age=soon", null))
			.isEqualTo("Cache-Control: max-age=soon (0s), raised to min-ttl 1h");
		assertThat(reason(Verdict.OK, 0, null, "Fri, 27 Nov 2026 11:30:00 GMT")).isEqualTo("Expires (1d 1h 30m)");
		assertThat(reason(Verdict.OK, 0, null, "Thu, 01 Jan 1970 00:00:00 GMT"))
			.isEqualTo("Expires in the past (0s), raised to min-ttl 1h");
		assertThat(reason(Verdict.OK, 0, null, null)).isEqualTo("no freshness headers: default-ttl 20h");
		assertThat(reason(Verdict.MOVED, 0, null, null)).isEqualTo("moved: moved-ttl 5d");
		assertThat(reason(Verdict.BROKEN, 3, null, null)).isEqualTo("definite failure 3 in a row: 10d");
		assertThat(reason(Verdict.TIMEOUT, 1, null, null)).isEqualTo("inconclusive failure 1 in a row: 1h");
	}

	@Test
	void anExpiresThatIsNoDateIsStaleAndTheReasonSaysWhy() {
		assertThat(ok(null, "Fri, 32 Nov 2026 10:00:00 GMT")).isEqualTo(Duration.ofHours(1));
		assertThat(reason(Verdict.OK, 0, null, "Fri, 32 Nov 2026 10:00:00 GMT"))
			.isEqualTo("Expires 'Fri, 32 Nov 2026 10:00:00 GMT' is not an HTTP date: no such day or time, so stale at once"
					+ " (0s), raised to min-ttl 1h");
		assertThat(reason(Verdict.OK, 0, null, "next week")).startsWith("Expires 'next week' is not an HTTP date");
	}

	@Test
	void theDefaultsAreConsistent() {
		assertThat(FreshnessPolicy.DEFAULTS.wait(Verdict.OK, 0, null, null, NOW)).isEqualTo(Duration.ofHours(20));
		assertThat(FreshnessPolicy.DEFAULTS.wait(Verdict.TIMEOUT, 1, null, null, NOW)).isEqualTo(Duration.ofHours(1));
	}

	private Duration ok(String cacheControl, String expires) {
		return this.policy.wait(Verdict.OK, 0, cacheControl, expires, NOW);
	}

	private String reason(Verdict verdict, int failuresInARow, String cacheControl, String expires) {
		return this.policy.nextCheck(verdict, failuresInARow, cacheControl, expires, NOW).reason();
	}

	private Duration failing(Verdict verdict, int failuresInARow) {
		return this.policy.wait(verdict, failuresInARow, null, null, NOW);
	}

}
