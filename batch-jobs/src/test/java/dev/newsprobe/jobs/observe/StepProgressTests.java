package dev.newsprobe.jobs.observe;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.MetaDataInstanceFactory;

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

	@Test
	void atATerminalOneLineIsRedrawnInPlaceAndTheStepEndsItWithANewline() throws Exception {
		StringWriter out = new StringWriter();
		StepProgress progress = StepProgress.countingReads("files", new PrintWriter(out),
				new ProgressProperties(Duration.ofMillis(20), ProgressProperties.Mode.BAR));
		StepExecution step = MetaDataInstanceFactory.createStepExecution("articleAuditJob.ingest", 7L);

		progress.beforeStep(step);
		assertThat(MDC.get(LogContext.STEP)).isEqualTo("articleAuditJob.ingest");
		for (int i = 0; i < 5; i++) {
			progress.afterRead("file " + i);
		}
		Thread.sleep(200);
		step.setStatus(BatchStatus.COMPLETED);
		progress.afterStep(step);

		assertThat(out.toString()).startsWith("\rarticleAuditJob.ingest: 5 files, ")
			.doesNotContain("\n\r")
			.contains("\rarticleAuditJob.ingest: COMPLETED, 5 files in ")
			.endsWith("files/s)\u001b[K" + System.lineSeparator());
		assertThat(MDC.get(LogContext.STEP)).isNull();
	}

	@Test
	void thePartitionsOfAStepRunningAtOnceShowOneCountUnderTheStepsNameAndStopWhenTheLastEnds() throws Exception {
		StringWriter out = new StringWriter();
		StepProgress progress = StepProgress.countingReads("files", new PrintWriter(out),
				new ProgressProperties(Duration.ofMillis(20), ProgressProperties.Mode.LINES));
		StepExecution first = MetaDataInstanceFactory.createStepExecution("articleAuditJob.ingest:partition0", 7L);
		StepExecution second = MetaDataInstanceFactory.createStepExecution("articleAuditJob.ingest:partition1", 8L);

		progress.beforeStep(first);
		progress.beforeStep(second);
		progress.afterRead("a");
		progress.afterRead("b");
		progress.afterRead("c");
		Thread.sleep(100);
		first.setStatus(BatchStatus.COMPLETED);
		progress.afterStep(first);
		Thread.sleep(100);
		second.setStatus(BatchStatus.COMPLETED);
		progress.afterStep(second);
		String printed = out.toString();
		Thread.sleep(150);

		assertThat(printed).contains("articleAuditJob.ingest: 3 files, ")
			.contains("articleAuditJob.ingest: COMPLETED, 3 files in ")
			.doesNotContain(":partition");
		assertThat(out.toString()).as("nothing printed once the last partition ended").isEqualTo(printed);
	}

	@Test
	void withProgressOffNothingIsPrinted() throws Exception {
		StringWriter out = new StringWriter();
		StepProgress progress = StepProgress.countingReads("files", new PrintWriter(out),
				new ProgressProperties(Duration.ofMillis(10), ProgressProperties.Mode.OFF));
		StepExecution step = MetaDataInstanceFactory.createStepExecution();

		progress.beforeStep(step);
		progress.afterRead("a");
		Thread.sleep(50);
		progress.afterStep(step);

		assertThat(out.toString()).isEmpty();
		assertThat(progress.done()).isEqualTo(1);
	}

}
