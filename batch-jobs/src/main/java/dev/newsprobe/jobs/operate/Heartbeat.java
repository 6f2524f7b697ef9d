package dev.newsprobe.jobs.operate;

import java.time.Duration;
import java.time.Instant;

/**
 * The last sign of life of a job execution's process.
 *
 * @param executionId the job execution
 * @param process the process that runs (or ran) it
 * @param startedAt when that process began running it
 * @param beatAt the database time of its last heartbeat
 * @param age how long ago that was, by the database's clock
 * @param endedAt when the run ended in that process, or {@code null} while it runs there
 */
public record Heartbeat(long executionId, ProcessIdentity process, Instant startedAt, Instant beatAt, Duration age,
		Instant endedAt) {

	/** Whether the process still runs the execution: it has not ended it, and it is alive as far as can be told. */
	public boolean stillRunning(Duration timeout) {
		return this.endedAt == null && this.process.isAlive().orElse(this.age.compareTo(timeout) <= 0);
	}

}
