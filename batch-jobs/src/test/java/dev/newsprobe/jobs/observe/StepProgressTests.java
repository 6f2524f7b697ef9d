package dev.newsprobe.jobs.observe;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StepProgressTests {

	@Test
	void aLineWithAKnownTotalShowsPercentageRateAndTimeLeft() {
		String line = StepProgress.line("articleAuditJob.probe", 1_250, 5_000, Duration.ofSeconds(5), "URLs", false);

		assertThat(line).isEqualTo("articleAuditJob.probe: 1,250 of 5,000 URLs (25.0 %), 250.0 URLs/s, ETA 15.0 s");
	}

	@Test
	void aBarIsDrawnOnlyWhenAsked() {
		String bar = StepProgress.line("articleAuditJob.probe", 2_500, 5_000, Duration.ofSeconds(10), "URLs", true);

		assertThat(bar).startsWith("articleAuditJob.probe: [############............] 2,500 of 5,000 URLs (50.0 %)");
	}

	@Test
	void withoutATotalOnlyCountAndRateAreShown() {
		String line = StepProgress.line("articleAuditJob.ingest", 12_000, -1, Duration.ofMinutes(1), "files", true);

		assertThat(line).isEqualTo("articleAuditJob.ingest: 12,000 files, 200.0 files/s");
	}

	@Test
	void aLongWaitIsShownInMinutesOrHours() {
		assertThat(StepProgress.line("s", 1, 1_000, Duration.ofSeconds(1), "URLs", false)).endsWith("ETA 16 min 39 s");
		assertThat(StepProgress.line("s", 1, 100_000, Duration.ofSeconds(1), "URLs", false)).endsWith("ETA 27 h 46 min");
	}

}
