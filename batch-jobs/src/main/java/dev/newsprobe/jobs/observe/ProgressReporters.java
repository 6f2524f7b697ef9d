package dev.newsprobe.jobs.observe;

import java.io.PrintWriter;
import java.util.function.ToLongFunction;

import org.springframework.batch.core.step.StepExecution;

/** Makes the progress listeners of steps, all writing to the same console with the same settings. */
public final class ProgressReporters {

	private final PrintWriter out;

	private final ProgressProperties properties;

	public ProgressReporters(PrintWriter out, ProgressProperties properties) {
		this.out = out;
		this.properties = properties;
	}

	/** Progress in items read, total unknown. */
	public StepProgress countingReads(String unit) {
		return StepProgress.countingReads(unit, this.out, this.properties);
	}

	/** Progress in prober verdicts, total known when the step starts. */
	public StepProgress countingVerdicts(String unit, ToLongFunction<StepExecution> total) {
		return StepProgress.countingVerdicts(unit, total, this.out, this.properties);
	}

}
