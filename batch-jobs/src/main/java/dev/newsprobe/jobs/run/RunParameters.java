package dev.newsprobe.jobs.run;

import java.io.File;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job parameters of newsprobe's jobs. Identifying parameters are the business key of a run:
 * the input roots, and either the night a scheduler runs for ({@value #RUN_DATE}) or a run number
 * ({@value #RUN_ID}) for runs a person starts. Never a timestamp, which would make every launch
 * a new instance and restart impossible.
 */
public final class RunParameters {

	/** The input roots, absolute and normalised, joined by the platform's path separator. */
	public static final String INPUT = "input";

	/** The night a scheduled run is for, {@code YYYY-MM-DD}. */
	public static final String RUN_DATE = "runDate";

	/** The sequence number of a run started without a run date. */
	public static final String RUN_ID = "run.id";

	/**
	 * Non-identifying: {@code true} makes every URL due in the run, fresh or not ({@code audit
	 * --recheck-all}). Not part of the business key, so it never makes a run a new instance.
	 */
	public static final String RECHECK_ALL = "recheckAll";

	/**
	 * What write-back changes in the files ({@code cached}, {@code moved} or {@code cached,moved});
	 * absent means none. Not identifying: it says how a run works, not which run it is, so a
	 * restart keeps the choice the run was started with.
	 */
	public static final String WRITE_BACK = "writeBack";

	/**
	 * The trigger a run of {@code newsprobe schedule} is for, {@code YYYY-MM-DDTHH:MM:SS+HH:MM} in
	 * the schedule's time zone: one job instance per trigger, so a trigger that two schedulers
	 * both see runs once.
	 */
	public static final String SCHEDULED_AT = "scheduledAt";

	private static final java.time.format.DateTimeFormatter TRIGGER = java.time.format.DateTimeFormatter
		.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

	private RunParameters() {
	}

	/**
	 * The longest {@value #INPUT} value the job repository keeps: Spring Batch's
	 * {@code BATCH_JOB_EXECUTION_PARAMS.PARAMETER_VALUE} is a {@code varchar(2500)}.
	 */
	public static final int MAX_INPUT_LENGTH = 2500;

	/**
	 * Refuses roots that do not fit the job repository, before any run starts, with what to do.
	 * @param roots the input roots, absolute and normalised
	 * @throws IllegalArgumentException when they are too long together
	 */
	public static void checkInputFits(List<Path> roots) {
		int length = encodeRoots(roots).length();
		if (length > MAX_INPUT_LENGTH) {
			throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
					"the %d input roots take %,d characters together, more than the %,d the job repository keeps;"
							+ " give their common parent directory (or a few parents) instead",
					roots.size(), length, MAX_INPUT_LENGTH));
		}
	}

	/** The roots in the form stored in the {@value #INPUT} parameter. */
	public static String encodeRoots(List<Path> roots) {
		return String.join(File.pathSeparator,
				roots.stream().map(root -> root.toAbsolutePath().normalize().toString()).toList());
	}

	/** The roots of a {@value #INPUT} parameter value. */
	public static List<Path> decodeRoots(String input) {
		if (input == null || input.isBlank()) {
			throw new IllegalArgumentException("job parameter '" + INPUT + "' (the input roots) is missing");
		}
		return Arrays.stream(input.split(File.pathSeparator)).map(Path::of).toList();
	}

	/** Parameters of a scheduled run for one night. */
	public static JobParameters forNight(List<Path> roots, LocalDate runDate) {
		return new JobParametersBuilder().addString(INPUT, encodeRoots(roots))
			.addLocalDate(RUN_DATE, runDate)
			.toJobParameters();
	}

	/** The same parameters, asking that every URL be probed whether fresh or not. */
	public static JobParameters recheckingAll(JobParameters parameters) {
		return new JobParametersBuilder(parameters).addString(RECHECK_ALL, "true", false).toJobParameters();
	}

	/** Parameters of the n-th run of a job without input roots ({@code cacheRefreshJob}). */
	public static JobParameters forRun(long runId) {
		return new JobParametersBuilder().addLong(RUN_ID, runId).toJobParameters();
	}

	/** The same parameters with a write-back choice added ({@code null} or blank adds nothing). */
	public static JobParameters withWriteBack(JobParameters parameters, String writeBack) {
		if (writeBack == null || writeBack.isBlank()) {
			return parameters;
		}
		return new JobParametersBuilder(parameters).addString(WRITE_BACK, writeBack, false).toJobParameters();
	}

	/** Parameters of a scheduled run for one trigger: the night is the trigger's date in its time zone. */
	public static JobParameters forTrigger(List<Path> roots, java.time.ZonedDateTime trigger) {
		return new JobParametersBuilder().addString(INPUT, encodeRoots(roots))
			.addLocalDate(RUN_DATE, trigger.toLocalDate())
			.addString(SCHEDULED_AT, scheduledAt(trigger))
			.toJobParameters();
	}

	/** Parameters of a scheduled {@code cacheRefreshJob} run for one trigger (it reads no files). */
	public static JobParameters forRefreshTrigger(java.time.ZonedDateTime trigger) {
		return new JobParametersBuilder().addLocalDate(RUN_DATE, trigger.toLocalDate())
			.addString(SCHEDULED_AT, scheduledAt(trigger))
			.toJobParameters();
	}

	/** The value of {@value #SCHEDULED_AT} for a trigger. */
	public static String scheduledAt(java.time.ZonedDateTime trigger) {
		return TRIGGER.format(trigger);
	}

	/** Parameters of the n-th run a person starts. */
	public static JobParameters forRun(List<Path> roots, long runId) {
		return new JobParametersBuilder().addString(INPUT, encodeRoots(roots)).addLong(RUN_ID, runId).toJobParameters();
	}

}
