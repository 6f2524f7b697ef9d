package dev.newsprobe.app.launch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import dev.newsprobe.jobs.ingest.GoneArticleSweep;
import dev.newsprobe.jobs.run.RunParameters;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Decides, for an {@code audit} request, whether to start a new job instance, restart a failed
 * or stopped one, or do nothing, following newsprobe's contract:
 * <ul>
 * <li>with a run date (what schedulers use) the instance is that night: completed means nothing
 * to do, failed or stopped means restart it, none means start it; so a second trigger for the
 * same night is harmless;</li>
 * <li>without one (what a person types), the latest instance on the same roots is resumed if it
 * failed or was stopped; otherwise a new instance starts with the next run number.</li>
 * </ul>
 */
public final class AuditLauncher {

	/** What the launcher did. */
	public enum Action {

		/** A new job instance was started. */
		STARTED,
		/** A failed or stopped instance was restarted from its last commit. */
		RESTARTED,
		/** The instance had already completed; nothing was run. */
		ALREADY_COMPLETED

	}

	/**
	 * The outcome of a launch.
	 *
	 * @param action what was done
	 * @param execution the execution that ran, or the completed one when nothing ran
	 */
	public record Launch(Action action, JobExecution execution) {
	}

	/** Raised when the instance is running or otherwise cannot be launched; the message says why. */
	public static final class LaunchRefusedException extends RuntimeException {

		public LaunchRefusedException(String message) {
			super(message);
		}

	}

	/**
	 * How a new run works; a resumed run keeps the options it was started with, but for
	 * {@code allowMassGone}, which confirms this attempt's sweep. All are non-identifying job
	 * parameters, so they never make a run a new instance.
	 *
	 * @param recheckAll probe every URL in the run, fresh or not ({@code audit --recheck-all})
	 * @param writeBack what to write back into the files ({@code cached}, {@code moved},
	 * {@code cached,moved}), or {@code null} for nothing
	 * @param allowMassGone let the sweep mark gone more articles than the guard allows
	 * ({@code audit --allow-mass-gone}); also given to a resumed run, whose sweep is what it confirms
	 */
	public record RunOptions(boolean recheckAll, String writeBack, boolean allowMassGone) {

		/** A plain run: due URLs only, no write-back. */
		public static final RunOptions NONE = new RunOptions(false, null, false);

		/** Options without the mass-gone confirmation. */
		public RunOptions(boolean recheckAll, String writeBack) {
			this(recheckAll, writeBack, false);
		}

		JobParameters applyTo(JobParameters parameters) {
			JobParameters withWriteBack = RunParameters.withWriteBack(parameters, this.writeBack);
			return allowingMassGone(this.recheckAll ? RunParameters.recheckingAll(withWriteBack) : withWriteBack);
		}

		JobParameters allowingMassGone(JobParameters parameters) {
			return this.allowMassGone ? new JobParametersBuilder(parameters)
				.addString(GoneArticleSweep.ALLOW_MASS_GONE, "true", false)
				.toJobParameters() : parameters;
		}

	}

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	public AuditLauncher(JobOperator jobOperator, JobRepository jobRepository) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
	}

	/**
	 * Runs a job on input roots, for a night or as a person's run, and waits for it to end.
	 * @param job the job
	 * @param roots the input roots
	 * @param runDate the night, or {@code null}
	 * @return what was done
	 * @throws Exception when Spring Batch refuses the launch
	 */
	public Launch launch(Job job, List<Path> roots, LocalDate runDate) throws Exception {
		return launch(job, roots, runDate, RunOptions.NONE);
	}

	/**
	 * Runs a job on input roots, as {@link #launch(Job, List, LocalDate)} does, with options for a
	 * new run; a resumed run keeps the options it was started with.
	 * @param job the job
	 * @param roots the input roots
	 * @param runDate the night, or {@code null}
	 * @param options how a new run works (re-check everything, write back)
	 * @return what was done
	 * @throws Exception when Spring Batch refuses the launch
	 */
	public Launch launch(Job job, List<Path> roots, LocalDate runDate, RunOptions options) throws Exception {
		if (runDate != null) {
			JobParameters parameters = RunParameters.forNight(roots, runDate);
			JobInstance instance = this.jobRepository.getJobInstance(job.getName(), parameters);
			if (instance == null) {
				return new Launch(Action.STARTED, this.jobOperator.start(job, options.applyTo(parameters)));
			}
			return resume(job, this.jobRepository.getLastJobExecution(instance), true, options);
		}
		String input = RunParameters.encodeRoots(roots);
		JobExecution latest = latestPersonRun(job.getName());
		long lastRunId = 0;
		if (latest != null) {
			JobParameters parameters = latest.getJobParameters();
			lastRunId = parameters.getLong(RunParameters.RUN_ID);
			if (input.equals(parameters.getString(RunParameters.INPUT)) && isResumable(latest.getStatus())) {
				return resume(job, latest, false, options);
			}
		}
		JobParameters next = options.applyTo(RunParameters.forRun(roots, lastRunId + 1));
		return new Launch(Action.STARTED, this.jobOperator.start(job, next));
	}

	/**
	 * Runs a job that reads no files ({@code cacheRefreshJob}) and waits for it to end: its latest
	 * run is resumed if it failed or was stopped, otherwise a new one starts with the next run number.
	 * @param job the job
	 * @return what was done
	 * @throws Exception when Spring Batch refuses the launch
	 */
	public Launch launch(Job job) throws Exception {
		JobExecution latest = latestPersonRun(job.getName());
		long lastRunId = 0;
		if (latest != null) {
			lastRunId = latest.getJobParameters().getLong(RunParameters.RUN_ID);
			if (isResumable(latest.getStatus()) || latest.getStatus().isRunning()) {
				return resume(job, latest, false, RunOptions.NONE);
			}
		}
		return new Launch(Action.STARTED, this.jobOperator.start(job, RunParameters.forRun(lastRunId + 1)));
	}

	/** The last execution of the newest instance started without a run date, or {@code null}. */
	private JobExecution latestPersonRun(String jobName) {
		int page = 100;
		for (int start = 0;; start += page) {
			List<JobInstance> instances = this.jobRepository.getJobInstances(jobName, start, page);
			for (JobInstance instance : instances) {
				JobExecution last = this.jobRepository.getLastJobExecution(instance);
				if (last != null && last.getJobParameters().getParameter(RunParameters.RUN_ID) != null) {
					return last;
				}
			}
			if (instances.size() < page) {
				return null;
			}
		}
	}

	private Launch resume(Job job, JobExecution last, boolean scheduled, RunOptions options) throws Exception {
		BatchStatus status = last.getStatus();
		if (status == BatchStatus.COMPLETED && scheduled) {
			return new Launch(Action.ALREADY_COMPLETED, last);
		}
		if (isResumable(status) && options.allowMassGone()) {
			// the same identifying parameters restart the instance; the confirmation rides on this execution only
			return new Launch(Action.RESTARTED, this.jobOperator.start(job, options.allowingMassGone(last.getJobParameters())));
		}
		if (isResumable(status)) {
			return new Launch(Action.RESTARTED, this.jobOperator.restart(last));
		}
		if (status.isRunning()) {
			throw new LaunchRefusedException(job.getName() + " execution " + last.getId() + " of this instance is " + status
					+ " since " + last.getStartTime() + ". If its process is gone, mark it failed with"
					+ " 'newsprobe recover' (or 'newsprobe abandon " + last.getId() + "') and run again.");
		}
		throw new LaunchRefusedException(job.getName() + " execution " + last.getId() + " of this instance is " + status
				+ "; an " + status + " instance cannot be run again. Start a new one without --run-date.");
	}

	private static boolean isResumable(BatchStatus status) {
		return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
	}

}
