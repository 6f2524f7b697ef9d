package dev.newsprobe.jobs.definition;

import java.util.Optional;

import dev.newsprobe.jobs.definition.internal.RunSettingsRepository;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Records, as a job execution begins, the settings this process runs it with; and reads back
 * what an execution ran with. A restart reads them to run with the same settings.
 */
public final class RunSettingsRecorder implements JobExecutionListener {

	private final RunSettings settings;

	private final RunSettingsRepository repository;

	RunSettingsRecorder(RunSettings settings, RunSettingsRepository repository) {
		this.settings = settings;
		this.repository = repository;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		this.repository.record(execution.getId(), this.settings);
	}

	/** The settings of this process. */
	public RunSettings current() {
		return this.settings;
	}

	/** The settings an execution ran with, or empty when it ran before newsprobe recorded them. */
	public Optional<RunSettings> of(long executionId) {
		return this.repository.find(executionId);
	}

}
