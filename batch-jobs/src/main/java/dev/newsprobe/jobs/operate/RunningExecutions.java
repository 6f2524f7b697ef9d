package dev.newsprobe.jobs.operate;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.newsprobe.jobs.operate.internal.HeartbeatRepository;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * The job executions the job repository holds as running (STARTING, STARTED or STOPPING), each
 * judged alive or orphaned. One whose lock a session holds ({@link ExecutionLocks}) is alive,
 * whatever its heartbeat says. Otherwise an execution is orphaned when its process is gone: its
 * process on this host is no longer alive, or its last heartbeat is older than the timeout, or it
 * has none at all though it was created longer than the timeout ago.
 */
public final class RunningExecutions {

	/**
	 * A running execution as the job repository records it.
	 *
	 * @param execution the execution
	 * @param heartbeat its last heartbeat, or {@code null} when it has none
	 * @param lockHolder the session holding its lock, in words, or {@code null} when none does
	 * @param orphanedBecause why its process is taken for gone, or {@code null} when it is alive
	 */
	public record Running(JobExecution execution, Heartbeat heartbeat, String lockHolder, String orphanedBecause) {

		/** Whether the process that ran it is gone. */
		public boolean orphaned() {
			return this.orphanedBecause != null;
		}

	}

	private final JobRepository jobRepository;

	private final HeartbeatRepository heartbeats;

	private final ExecutionLocks locks;

	private final Duration timeout;

	RunningExecutions(JobRepository jobRepository, HeartbeatRepository heartbeats, ExecutionLocks locks,
			Duration timeout) {
		this.jobRepository = jobRepository;
		this.heartbeats = heartbeats;
		this.locks = locks;
		this.timeout = timeout;
	}

	/** How old a heartbeat may be before its execution counts as orphaned. */
	public Duration timeout() {
		return this.timeout;
	}

	/** Every running execution of every job, oldest first. */
	public List<Running> scan() {
		List<JobExecution> executions = new ArrayList<>();
		for (String job : this.jobRepository.getJobNames()) {
			executions.addAll(this.jobRepository.findRunningJobExecutions(job));
		}
		executions.sort(Comparator.comparing(JobExecution::getId));
		List<Long> ids = executions.stream().map(JobExecution::getId).toList();
		Map<Long, Heartbeat> beats = this.heartbeats.find(ids);
		Map<Long, String> holders = this.locks.holders(ids);
		List<Running> running = new ArrayList<>();
		for (JobExecution execution : executions) {
			running.add(judge(execution, beats.get(execution.getId()), holders.get(execution.getId())));
		}
		return running;
	}

	/** The running state of one execution, or empty when it is not running. */
	public Optional<Running> of(JobExecution execution) {
		if (!execution.getStatus().isRunning()) {
			return Optional.empty();
		}
		Heartbeat heartbeat = this.heartbeats.find(List.of(execution.getId())).get(execution.getId());
		return Optional.of(judge(execution, heartbeat, this.locks.holders(List.of(execution.getId())).get(execution.getId())));
	}

	private Running judge(JobExecution execution, Heartbeat heartbeat, String lockHolder) {
		return new Running(execution, heartbeat, lockHolder,
				(lockHolder != null) ? null : orphanedBecause(execution, heartbeat));
	}

	/** The heartbeat of an execution, if a process ever ran it since heartbeats were kept. */
	public Optional<Heartbeat> heartbeatOf(long executionId) {
		return Optional.ofNullable(this.heartbeats.find(List.of(executionId)).get(executionId));
	}

	/**
	 * Whether a process is still running the execution, whatever its recorded status says (a
	 * stopped execution's status reads STOPPED while its step finishes the current chunk).
	 */
	public boolean stillRunningInItsProcess(long executionId) {
		return !this.locks.holders(List.of(executionId)).isEmpty()
				|| heartbeatOf(executionId).map(beat -> beat.stillRunning(this.timeout)).orElse(false);
	}

	/**
	 * Asks a running execution to stop: its status becomes STOPPING in the job repository, which
	 * its process notices when its step next records progress (at the end of the current chunk); the
	 * step then ends STOPPED, and so does the execution. Only the job execution's row is written:
	 * {@code JobOperator.stop} also rewrites the running step's row, which races with the step's own
	 * updates (an optimistic-locking failure fails the run), and in the process that runs the step
	 * it closes the step's scoped beans under it.
	 * @param executionId the execution
	 * @return whether it was asked (false when it is not STARTING or STARTED, or has ended)
	 */
	public boolean requestStop(long executionId) {
		JobExecution stored = this.jobRepository.getJobExecution(executionId);
		if (stored == null || stored.getEndTime() != null
				|| (stored.getStatus() != BatchStatus.STARTING && stored.getStatus() != BatchStatus.STARTED)) {
			return false;
		}
		stored.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(stored);
		return true;
	}

	/**
	 * Marks an orphaned execution and its running steps FAILED, with the reason in their exit
	 * description, so that it can be restarted from its last commit.
	 * @param orphan the orphaned execution
	 * @return the execution as now recorded
	 * @throws IllegalStateException when the execution changed meanwhile (its process is alive after all)
	 */
	public JobExecution markFailed(Running orphan) {
		if (!orphan.orphaned()) {
			throw new IllegalArgumentException("execution " + orphan.execution().getId() + " is not orphaned");
		}
		JobExecution execution = this.jobRepository.getJobExecution(orphan.execution().getId());
		if (execution == null || !execution.getStatus().isRunning()) {
			throw new IllegalStateException("execution " + orphan.execution().getId() + " is no longer running");
		}
		String holder = this.locks.holders(List.of(execution.getId())).get(execution.getId());
		if (holder != null) {
			throw new IllegalStateException("execution " + execution.getId() + " is alive after all: its lock is held by "
					+ holder);
		}
		String description = "Orphaned: " + orphan.orphanedBecause() + ". Marked FAILED by 'newsprobe recover'.";
		LocalDateTime now = LocalDateTime.now();
		try {
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStatus().isRunning()) {
					step.setStatus(BatchStatus.FAILED);
					step.setExitStatus(ExitStatus.FAILED.addExitDescription(description));
					step.setEndTime(now);
					this.jobRepository.update(step);
				}
			}
			execution.setStatus(BatchStatus.FAILED);
			execution.setExitStatus(ExitStatus.FAILED.addExitDescription(description));
			execution.setEndTime(now);
			this.jobRepository.update(execution);
		}
		catch (OptimisticLockingFailureException ex) {
			throw new IllegalStateException("execution " + execution.getId()
					+ " was updated by its process while being recovered; it is alive after all", ex);
		}
		return this.jobRepository.getJobExecution(execution.getId());
	}

	private String orphanedBecause(JobExecution execution, Heartbeat heartbeat) {
		if (heartbeat == null) {
			LocalDateTime created = (execution.getCreateTime() != null) ? execution.getCreateTime() : execution.getStartTime();
			if (created != null && Duration.between(created, LocalDateTime.now()).compareTo(this.timeout) > 0) {
				return "no heartbeat was ever recorded for it, and it was created at " + created.withNano(0)
						+ ", longer than " + seconds(this.timeout) + " ago";
			}
			return null;
		}
		Optional<Boolean> alive = heartbeat.process().isAlive();
		if (alive.isPresent() && !alive.get()) {
			return "its process (" + heartbeat.process() + ") is no longer alive";
		}
		if (heartbeat.age().compareTo(this.timeout) > 0) {
			return "its last heartbeat (" + heartbeat.process() + ") was " + seconds(heartbeat.age())
					+ " ago, more than the " + seconds(this.timeout) + " allowed";
		}
		return null;
	}

	private static String seconds(Duration duration) {
		return duration.toSeconds() + " s";
	}

}
