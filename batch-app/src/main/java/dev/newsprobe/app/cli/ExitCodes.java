package dev.newsprobe.app.cli;

import org.springframework.batch.core.BatchStatus;

/** newsprobe's exit codes, part of its contract with schedulers. */
public final class ExitCodes {

	/** The run completed (broken links are findings, not failures). */
	public static final int COMPLETED = 0;

	/** The run failed, or newsprobe could not do what was asked. */
	public static final int FAILED = 1;

	/** The command line or the configuration is wrong; nothing was run. */
	public static final int USAGE = 2;

	/** The run was stopped and can be restarted. */
	public static final int STOPPED = 3;

	/** The run completed, and its report has findings that {@code audit --fail-on} was asked to fail on. */
	public static final int FINDINGS = 4;

	private ExitCodes() {
	}

	/** The exit code for a job execution that ended with a status. */
	public static int of(BatchStatus status) {
		return switch (status) {
			case COMPLETED -> COMPLETED;
			case STOPPED, STOPPING -> STOPPED;
			default -> FAILED;
		};
	}

}
