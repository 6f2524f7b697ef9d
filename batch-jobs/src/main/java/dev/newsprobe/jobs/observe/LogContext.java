package dev.newsprobe.jobs.observe;

import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * Which run, step and URL a log line is about: the logging context (SLF4J MDC) keys newsprobe's
 * log pattern prints. As a job listener it sets the job execution id for the job's thread; step
 * listeners ({@link StepProgress}) add the step, and the probe writer the URL of each line it logs.
 */
public final class LogContext implements JobExecutionListener {

	/** MDC key of the job execution id. */
	public static final String JOB_EXECUTION_ID = "jobExecutionId";

	/** MDC key of the step name. */
	public static final String STEP = "step";

	/** MDC key of the URL being handled. */
	public static final String URL = "url";

	@Override
	public void beforeJob(JobExecution jobExecution) {
		MDC.put(JOB_EXECUTION_ID, String.valueOf(jobExecution.getId()));
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		MDC.remove(JOB_EXECUTION_ID);
		MDC.remove(STEP);
		MDC.remove(URL);
	}

	static void enterStep(StepExecution stepExecution) {
		MDC.put(JOB_EXECUTION_ID, String.valueOf(stepExecution.getJobExecutionId()));
		MDC.put(STEP, stepExecution.getStepName());
	}

	static void leaveStep() {
		MDC.remove(STEP);
		MDC.remove(URL);
	}

}
