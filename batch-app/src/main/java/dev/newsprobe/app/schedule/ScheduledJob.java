package dev.newsprobe.app.schedule;

import java.time.ZonedDateTime;
import java.util.function.Function;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.scheduling.support.CronExpression;

/**
 * One entry of the schedule: a job, when it runs, and the job parameters of a trigger's run (the
 * business key of its job instance; they must include {@code scheduledAt}, see
 * {@link dev.newsprobe.jobs.run.RunParameters#SCHEDULED_AT}).
 *
 * @param job the job
 * @param cron when it runs, in the schedule's time zone
 * @param cronText the expression as configured, for messages
 * @param parameters the identifying parameters of the run for a trigger
 */
public record ScheduledJob(Job job, CronExpression cron, String cronText,
		Function<ZonedDateTime, JobParameters> parameters) {

	/** The job's name, which is also the name of its lock. */
	public String name() {
		return this.job.getName();
	}

}
