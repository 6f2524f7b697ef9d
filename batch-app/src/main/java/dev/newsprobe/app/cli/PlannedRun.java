package dev.newsprobe.app.cli;

import java.io.PrintWriter;

import dev.newsprobe.app.launch.AuditLauncher;
import dev.newsprobe.app.launch.AuditLauncher.Launch;
import dev.newsprobe.app.launch.AuditLauncher.Plan;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Carries out what {@code audit} or {@code refresh} decided ({@link AuditLauncher#plan}), the same
 * way for both: an execution left running by a process that is gone is marked failed first, and the
 * command says so before anything runs; a resumed run goes on with the settings it started with, in
 * the application those call for ({@link ResumeSettings}).
 */
final class PlannedRun {

	private PlannedRun() {
	}

	/**
	 * What ran, and in which application (its beans print the summary).
	 *
	 * @param launch what was done
	 * @param in the application the run went in
	 */
	record Ran(Launch launch, ConfigurableApplicationContext in) {
	}

	/**
	 * Runs a plan to its end.
	 * @throws AuditLauncher.LaunchRefusedException when an orphan turns out to be alive
	 * @throws Executions.Refusal when a resume is given settings that conflict with its run's
	 */
	static Ran carryOut(NewsprobeRuntime runtime, AuditLauncher launcher, Plan plan, String job, boolean withCurrentSettings,
			PrintWriter out) throws Exception {
		if (plan instanceof Plan.Resume resume && resume.orphan() != null) {
			out.printf("%s was left %s by a process that is gone (%s); marked it FAILED, and resuming it from its last"
					+ " commit.%n", Executions.describe(resume.last()), resume.last().getStatus(),
					resume.orphan().orphanedBecause());
			out.flush();
			plan = launcher.recover(resume);
		}
		ConfigurableApplicationContext in = (plan instanceof Plan.Resume resume)
				? ResumeSettings.choose(runtime, resume.last(), withCurrentSettings, out) : runtime.context();
		Launch launch = AuditLauncher.execute(plan, in.getBean(job, Job.class), in.getBean(JobOperator.class),
				in.getBean(JobRepository.class));
		if (launch.action() == AuditLauncher.Action.RESTARTED) {
			JobExecution execution = launch.execution();
			out.printf("Restarted %s from its last commit (instance %d).%n", job, execution.getJobInstance().getInstanceId());
		}
		return new Ran(launch, in);
	}

}
