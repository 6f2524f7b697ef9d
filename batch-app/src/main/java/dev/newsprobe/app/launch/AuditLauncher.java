package dev.newsprobe.app.launch;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import dev.newsprobe.jobs.ingest.GoneArticleSweep;
import dev.newsprobe.jobs.operate.RunningExecutions;
import dev.newsprobe.jobs.operate.RunningExecutions.Running;
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
 * Decides, for an {@code audit} (or {@code refresh}) request, whether to start a new job instance,
 * resume one, or do nothing, following newsprobe's contract:
 * <ul>
 * <li>with a run date (what schedulers use) the instance is that night: completed means nothing
 * to do, failed or stopped means restart it, none means start it; so a second trigger for the
 * same night is harmless;</li>
 * <li>without one (what a person types), the latest instance on the same roots is resumed if it
 * failed or was stopped; otherwise a new instance starts with the next run number.</li>
 * </ul>
 * An instance whose last execution is still recorded as running is resumed too when its process
 * is gone (it is marked failed first, as {@code recover} would), and refused while it is alive.
 * <p>
 * The decision ({@link #plan}) comes before anything runs, so that the caller can first choose
 * the settings a resumed run goes on with; {@link #execute} then runs it.
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

	/** What a launch is going to do. */
	public sealed interface Plan {

		/** Start a new instance with these parameters. */
		record Start(JobParameters parameters) implements Plan {
		}

		/**
		 * Resume the instance of an execution after its last commit.
		 * @param last the instance's last execution (FAILED or STOPPED, or running in a process that is gone)
		 * @param orphan how it was found, when its process is gone and it must be marked failed first; else {@code null}
		 * @param allowMassGone whether this attempt confirms that many articles really are gone ({@code --allow-mass-gone})
		 */
		record Resume(JobExecution last, Running orphan, boolean allowMassGone) implements Plan {
		}

		/** Nothing to do: the night's instance has completed. */
		record AlreadyCompleted(JobExecution last) implements Plan {
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
			return allowingMassGone(this.recheckAll ? RunParameters.recheckingAll(withWriteBack) : withWriteBack,
					this.allowMassGone);
		}

	}

	private static JobParameters allowingMassGone(JobParameters parameters, boolean allow) {
		return allow ? new JobParametersBuilder(parameters).addString(GoneArticleSweep.ALLOW_MASS_GONE, "true", false)
			.toJobParameters() : parameters;
	}

	private final JobRepository jobRepository;

	private final RunningExecutions running;

	public AuditLauncher(JobRepository jobRepository, RunningExecutions running) {
		this.jobRepository = jobRepository;
		this.running = running;
	}

	/**
	 * Decides what an audit of input roots does, for a night or as a person's run.
	 * @param jobName the job
	 * @param roots the input roots
	 * @param runDate the night, or {@code null}
	 * @param options how a new run works (re-check everything, write back)
	 * @return what to do
	 * @throws LaunchRefusedException when the instance runs in a live process, or cannot be run again
	 */
	public Plan plan(String jobName, List<Path> roots, LocalDate runDate, RunOptions options) {
		if (runDate != null) {
			JobParameters parameters = RunParameters.forNight(roots, runDate);
			JobInstance instance = this.jobRepository.getJobInstance(jobName, parameters);
			JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
			if (last == null) {
				return new Plan.Start(options.applyTo(parameters));
			}
			return resume(jobName, last, true, options);
		}
		String input = RunParameters.encodeRoots(roots);
		JobExecution latest = latestPersonRun(jobName);
		long lastRunId = 0;
		if (latest != null) {
			JobParameters parameters = latest.getJobParameters();
			lastRunId = parameters.getLong(RunParameters.RUN_ID);
			if (input.equals(parameters.getString(RunParameters.INPUT))
					&& (isResumable(latest.getStatus()) || latest.getStatus().isRunning())) {
				return resume(jobName, latest, false, options);
			}
		}
		return new Plan.Start(options.applyTo(RunParameters.forRun(roots, lastRunId + 1)));
	}

	/**
	 * Decides what a run of a job that reads no files ({@code cacheRefreshJob}) does: its latest
	 * run is resumed if it failed or was stopped, otherwise a new one starts with the next run number.
	 * @param jobName the job
	 * @return what to do
	 * @throws LaunchRefusedException when the latest run runs in a live process
	 */
	public Plan plan(String jobName) {
		JobExecution latest = latestPersonRun(jobName);
		long lastRunId = 0;
		if (latest != null) {
			lastRunId = latest.getJobParameters().getLong(RunParameters.RUN_ID);
			if (isResumable(latest.getStatus()) || latest.getStatus().isRunning()) {
				return resume(jobName, latest, false, RunOptions.NONE);
			}
		}
		return new Plan.Start(RunParameters.forRun(lastRunId + 1));
	}

	/**
	 * Marks the orphaned execution of a plan failed, as {@code recover} does, so that it can be resumed.
	 * @param plan a resume of an orphaned execution
	 * @return the resume of the now failed execution
	 * @throws LaunchRefusedException when it turned out to be alive after all
	 */
	public Plan.Resume recover(Plan.Resume plan) {
		try {
			return new Plan.Resume(this.running.markFailed(plan.orphan()), null, plan.allowMassGone());
		}
		catch (IllegalStateException ex) {
			throw new LaunchRefusedException("could not recover " + plan.last().getJobInstance().getJobName() + " execution "
					+ plan.last().getId() + ": " + ex.getMessage());
		}
	}

	/**
	 * Runs a plan and waits for the run to end.
	 * @param plan what to do (a resume must not be of an orphan any more: {@link #recover} it first)
	 * @param job the job to start (for a resume, the same job of the application it goes in)
	 * @param operator the job operator of the application the run goes in
	 * @param repository its job repository
	 * @return what was done
	 * @throws Exception when Spring Batch refuses the launch
	 */
	public static Launch execute(Plan plan, Job job, JobOperator operator, JobRepository repository) throws Exception {
		if (plan instanceof Plan.Start start) {
			return new Launch(Action.STARTED, operator.start(job, start.parameters()));
		}
		if (plan instanceof Plan.AlreadyCompleted done) {
			return new Launch(Action.ALREADY_COMPLETED, done.last());
		}
		Plan.Resume resume = (Plan.Resume) plan;
		if (resume.orphan() != null) {
			throw new IllegalStateException("recover execution " + resume.last().getId() + " before resuming it");
		}
		JobExecution stored = repository.getJobExecution(resume.last().getId());
		JobExecution last = (stored != null) ? stored : resume.last();
		if (resume.allowMassGone()) {
			// the same identifying parameters restart the instance; the confirmation rides on this execution only
			return new Launch(Action.RESTARTED, operator.start(job, allowingMassGone(last.getJobParameters(), true)));
		}
		return new Launch(Action.RESTARTED, operator.restart(last));
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

	private Plan resume(String jobName, JobExecution last, boolean scheduled, RunOptions options) {
		BatchStatus status = last.getStatus();
		if (status == BatchStatus.COMPLETED && scheduled) {
			return new Plan.AlreadyCompleted(last);
		}
		if (isResumable(status)) {
			return new Plan.Resume(last, null, options.allowMassGone());
		}
		if (status.isRunning()) {
			Running state = this.running.of(last).orElse(null);
			if (state != null && state.orphaned()) {
				return new Plan.Resume(last, state, options.allowMassGone());
			}
			String process = (state == null) ? ""
					: (state.lockHolder() != null) ? " (it holds its lock: " + state.lockHolder() + ")"
							: (state.heartbeat() != null) ? " (" + state.heartbeat().process() + ", last heartbeat "
									+ state.heartbeat().age().toSeconds() + " s ago)" : "";
			throw new LaunchRefusedException(jobName + " execution " + last.getId() + " of this run is " + status
					+ " since " + last.getStartTime() + process + "; it is not run twice at once. Stop it with 'newsprobe stop "
					+ last.getId() + "', or wait for it to end.");
		}
		throw new LaunchRefusedException(jobName + " execution " + last.getId() + " of this instance is " + status
				+ "; an " + status + " instance cannot be run again. Start a new one without --run-date.");
	}

	private static boolean isResumable(BatchStatus status) {
		return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
	}

}
