package dev.newsprobe.jobs.report;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Rewrites the report of a run with its final status and end, once the job repository holds them:
 * the report step is the run's last step, so the report it writes can only say the run is still
 * going. Spring Batch calls this after it has stored the execution's final status. A failure here
 * leaves the report step's version in place and is logged; it never changes the run's outcome.
 */
public final class ReportFinisher implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(ReportFinisher.class);

	private final RunReports reports;

	ReportFinisher(RunReports reports) {
		this.reports = reports;
	}

	@Override
	public void afterJob(JobExecution execution) {
		try {
			this.reports.finish(execution);
		}
		catch (RuntimeException ex) {
			logger.error("Could not rewrite the report of execution {} with its final status {}; it still says STARTED"
					+ " ('newsprobe report {}' writes it again): {}", execution.getId(), execution.getStatus(),
					execution.getId(), ex.getMessage(), ex);
		}
	}

}
