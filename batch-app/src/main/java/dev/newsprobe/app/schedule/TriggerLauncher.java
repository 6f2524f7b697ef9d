package dev.newsprobe.app.schedule;

import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;

import dev.newsprobe.jobs.run.RunParameters;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;

/**
 * What one trigger of the schedule runs, once its job's lock is held. Any job works, as long as its
 * trigger parameters carry {@value RunParameters#SCHEDULED_AT}:
 * <ol>
 * <li>The latest earlier scheduled run of the job on the same other parameters (for the audit: the
 * same input roots) is looked at first. If it FAILED or was STOPPED, it is restarted from its last
 * commit; a failed night is finished, not started over. If that restart does not complete, this
 * trigger's own run does not start (it would likely fail the same way, and the failed one would
 * be left behind); the next trigger tries again. An operator who gives up on it marks it
 * abandoned ({@code newsprobe abandon ID}) and the schedule moves on.</li>
 * <li>Then the trigger's own instance: none yet → start it; COMPLETED (another scheduler ran it)
 * → nothing to do; FAILED or STOPPED → restart it; still running → refused.</li>
 * </ol>
 */
public final class TriggerLauncher {

	/** What a trigger did. */
	public enum Action {

		/** The trigger's instance was started and ran. */
		STARTED,
		/** The trigger's instance had failed (or stopped) and was restarted. */
		RESTARTED,
		/** The trigger's instance had already completed: another scheduler ran it. */
		ALREADY_COMPLETED,
		/** An earlier scheduled run that failed was restarted and failed again; this trigger's run waits. */
		EARLIER_RUN_STILL_FAILING,
		/** The trigger's instance is marked running (by a process that may be gone); nothing was run. */
		REFUSED_RUNNING

	}

	/**
	 * What a trigger did.
	 *
	 * @param action what happened to the trigger's own run
	 * @param resumed the earlier failed run restarted first, or {@code null}
	 * @param execution the trigger's execution (or the earlier one, for
	 * {@link Action#EARLIER_RUN_STILL_FAILING}; the running one for {@link Action#REFUSED_RUNNING})
	 */
	public record Outcome(Action action, JobExecution resumed, JobExecution execution) {
	}

	/** Restarts a failed or stopped execution from its last commit, and waits for the new execution to end. */
	@FunctionalInterface
	public interface Restarter {

		JobExecution restart(JobExecution execution) throws Exception;

	}

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final Restarter restarter;

	/** A launcher that restarts runs in the same application (with the same settings) as it starts them. */
	public TriggerLauncher(JobOperator jobOperator, JobRepository jobRepository) {
		this(jobOperator, jobRepository, jobOperator::restart);
	}

	/**
	 * @param jobOperator starts the triggers' runs
	 * @param jobRepository where runs are looked up
	 * @param restarter restarts an earlier run (with the settings that run started with)
	 */
	public TriggerLauncher(JobOperator jobOperator, JobRepository jobRepository, Restarter restarter) {
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.restarter = restarter;
	}

	/**
	 * Runs a trigger to its end. The caller holds the job's lock.
	 * @param entry the schedule entry
	 * @param trigger the trigger's time
	 * @return what was done
	 * @throws Exception when Spring Batch refuses a launch
	 */
	public Outcome run(ScheduledJob entry, ZonedDateTime trigger) throws Exception {
		JobParameters parameters = entry.parameters().apply(trigger);
		JobExecution resumed = null;
		JobExecution earlier = latestEarlierScheduledRun(entry.name(), parameters);
		if (earlier != null && isResumable(earlier.getStatus())) {
			resumed = this.restarter.restart(earlier);
			if (resumed.getStatus() != BatchStatus.COMPLETED) {
				return new Outcome(Action.EARLIER_RUN_STILL_FAILING, resumed, resumed);
			}
		}
		JobInstance instance = this.jobRepository.getJobInstance(entry.name(), parameters);
		if (instance == null) {
			return new Outcome(Action.STARTED, resumed, this.jobOperator.start(entry.job(), parameters));
		}
		JobExecution last = this.jobRepository.getLastJobExecution(instance);
		if (last == null) {
			return new Outcome(Action.STARTED, resumed, this.jobOperator.start(entry.job(), parameters));
		}
		if (last.getStatus() == BatchStatus.COMPLETED) {
			return new Outcome(Action.ALREADY_COMPLETED, resumed, last);
		}
		if (isResumable(last.getStatus())) {
			return new Outcome(Action.RESTARTED, resumed, this.restarter.restart(last));
		}
		return new Outcome(Action.REFUSED_RUNNING, resumed, last);
	}

	/**
	 * The last execution of the newest scheduled instance other than this trigger's whose other
	 * identifying parameters equal this trigger's, or {@code null}. Only the newest counts: one
	 * failed run is finished before the schedule goes on, older ones are the operator's.
	 */
	private JobExecution latestEarlierScheduledRun(String jobName, JobParameters parameters) {
		String scheduledAt = parameters.getString(RunParameters.SCHEDULED_AT);
		int page = 100;
		for (int start = 0;; start += page) {
			List<JobInstance> instances = this.jobRepository.getJobInstances(jobName, start, page);
			for (JobInstance instance : instances) {
				JobExecution last = this.jobRepository.getLastJobExecution(instance);
				if (last == null) {
					continue;
				}
				JobParameters other = last.getJobParameters();
				String otherAt = other.getString(RunParameters.SCHEDULED_AT);
				if (otherAt == null || otherAt.equals(scheduledAt) || !sameBesidesTrigger(parameters, other)) {
					continue;
				}
				return last;
			}
			if (instances.size() < page) {
				return null;
			}
		}
	}

	private static boolean sameBesidesTrigger(JobParameters mine, JobParameters other) {
		for (JobParameter<?> parameter : mine) {
			if (!parameter.identifying() || isTriggerParameter(parameter.name())) {
				continue;
			}
			JobParameter<?> theirs = other.getParameter(parameter.name());
			if (theirs == null || !Objects.equals(parameter.value(), theirs.value())) {
				return false;
			}
		}
		return true;
	}

	private static boolean isTriggerParameter(String name) {
		return name.equals(RunParameters.SCHEDULED_AT) || name.equals(RunParameters.RUN_DATE);
	}

	private static boolean isResumable(BatchStatus status) {
		return status == BatchStatus.FAILED || status == BatchStatus.STOPPED;
	}

}
