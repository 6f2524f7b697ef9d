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
	void theDefaultsAreConsistent() {
		assertThat(FreshnessPolicy.DEFAULTS.wait(Verdict.OK, 0, null, null, NOW)).isEqualTo(Duration.ofHours(20));
		assertThat(FreshnessPolicy.DEFAULTS.wait(Verdict.TIMEOUT, 1, null, null, NOW)).isEqualTo(Duration.ofHours(1));
	}

	private Duration ok(String cacheControl, String expires) {
		return this.policy.wait(Verdict.OK, 0, cacheControl, expires, NOW);
	}

	private Duration failing(Verdict verdict, int failuresInARow) {
		return this.policy.wait(verdict, failuresInARow, null, null, NOW);
	}

}
