package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import javax.sql.DataSource;

import dev.newsprobe.app.launch.ShutdownRequestedEvent;
import dev.newsprobe.app.metrics.MetricsEndpoint;
import dev.newsprobe.app.schedule.JobLock;
import dev.newsprobe.app.schedule.JobScheduler;
import dev.newsprobe.app.schedule.ScheduleProperties;
import dev.newsprobe.app.schedule.ScheduledJob;
import dev.newsprobe.app.schedule.TriggerLauncher;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.definition.CacheRefreshJobConfiguration;
import dev.newsprobe.jobs.operate.DedicatedConnections;
import dev.newsprobe.jobs.run.RunParameters;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.support.CronExpression;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code newsprobe schedule}: runs the jobs on their cron expressions until stopped. */
@Command(name = "schedule", mixinStandardHelpOptions = true,
		header = "Runs the audit (and the refresh) on cron expressions until stopped.", sortOptions = false,
		description = { "Runs articleAuditJob on the cron expression newsprobe.schedule.audit.cron (default",
				"'0 0 2 * * *': six fields, seconds first) in the time zone newsprobe.schedule.zone (default: the",
				"machine's), until stopped. Each trigger is one job instance (parameter scheduledAt).", "",
				"Any number of schedule processes may share a database: a PostgreSQL advisory lock per job lets",
				"one run at a time; the others skip the trigger and say who holds the lock. A trigger first",
				"restarts the previous scheduled run if it failed or was stopped, and starts its own only once",
				"that one completes.", "",
				"Prefer an outside scheduler? Have cron, a systemd timer or a Kubernetes CronJob call",
				"'newsprobe audit --run-date YYYY-MM-DD' instead (see the README)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:the schedule ended: no further trigger, or SIGTERM or Ctrl-C while no run was in progress",
				"1:failed, or the database could not be reached",
				"2:usage or configuration error (bad cron expression, time zone or input)",
				"3:SIGTERM or Ctrl-C stopped a run in progress: the next trigger resumes it" })
final class ScheduleCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = { "-i", "--input" }, paramLabel = "DIR",
			description = "An input root of the audit; repeatable. Replaces newsprobe.schedule.audit.input.")
	List<Path> inputs = new ArrayList<>();

	@Option(names = "--metrics-port", paramLabel = "PORT",
			description = "Serve Prometheus metrics at http://ADDRESS:PORT/metrics while scheduling (0: any free port).")
	Integer metricsPort;

	@Option(names = "--metrics-address", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
			description = "The address the metrics endpoint listens on (default ${DEFAULT-VALUE}).")
	String metricsAddress;

	private final NewsprobeRuntime runtime;

	/** Whether SIGTERM or Ctrl-C ended the schedule. */
	private volatile boolean signalled;

	/** Whether a run in progress was stopped by that signal. */
	private volatile boolean stoppedRun;

	ScheduleCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		if (this.metricsPort != null && (this.metricsPort < 0 || this.metricsPort > 65535)) {
			throw new ParameterException(this.spec.commandLine(), "--metrics-port must be between 0 and 65535");
		}
		// roots given here are checked before anything starts; those of the configuration once it is read
		List<Path> given = this.inputs.isEmpty() ? List.of()
				: InputRoots.check(this.spec.commandLine(), this.inputs, "--input");
		ScheduleProperties properties = Binder.get(this.runtime.context().getEnvironment())
			.bindOrCreate("newsprobe.schedule", ScheduleProperties.class);
		ZoneId zone = zone(properties.zone());
		List<ScheduledJob> jobs = new ArrayList<>();
		CronExpression auditCron = cron("newsprobe.schedule.audit.cron", properties.audit().cron());
		if (auditCron != null) {
			if (this.inputs.isEmpty() && properties.audit().input().isEmpty()) {
				throw new ParameterException(this.spec.commandLine(),
						"no input roots for the audit: give --input DIR or set newsprobe.schedule.audit.input");
			}
			List<Path> roots = !given.isEmpty() ? given
					: InputRoots.check(this.spec.commandLine(), properties.audit().input(), "newsprobe.schedule.audit.input");
			Job audit = this.runtime.bean(ArticleAuditJobConfiguration.JOB_NAME, Job.class);
			jobs.add(new ScheduledJob(audit, auditCron, properties.audit().cron().strip(),
					trigger -> RunParameters.forTrigger(roots, trigger)));
		}
		CronExpression refreshCron = cron("newsprobe.schedule.refresh.cron", properties.refresh().cron());
		if (refreshCron != null) {
			Job refresh = this.runtime.bean(CacheRefreshJobConfiguration.JOB_NAME, Job.class);
			jobs.add(new ScheduledJob(refresh, refreshCron, properties.refresh().cron().strip(),
					RunParameters::forRefreshTrigger));
		}
		if (jobs.isEmpty()) {
			throw new ParameterException(this.spec.commandLine(), "nothing to schedule: set newsprobe.schedule.audit.cron"
					+ " (e.g. '0 0 2 * * *') or newsprobe.schedule.refresh.cron");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		DataSource dataSource = this.runtime.bean(DataSource.class);
		TriggerLauncher launcher = new TriggerLauncher(this.runtime.bean(JobOperator.class),
				this.runtime.bean(JobRepository.class), this::restartWithItsSettings);
		JobScheduler scheduler = new JobScheduler(jobs, zone, launcher,
				() -> DedicatedConnections.open(dataSource, "newsprobe schedule"), Clock.system(zone));
		// SIGTERM or Ctrl-C: a run in progress is asked to stop after its chunk; waiting for a trigger ends at once
		this.runtime.context()
			.addApplicationListener((ApplicationListener<ShutdownRequestedEvent>) event -> {
				this.signalled = true;
				scheduler.close();
			});
		try (MetricsEndpoint endpoint = metricsEndpoint()) {
			if (endpoint != null) {
				out.printf("Metrics at http://%s:%d/metrics%n", endpoint.address().getAddress().getHostAddress(),
						endpoint.address().getPort());
			}
			for (ScheduledJob job : jobs) {
				out.printf("Scheduled %s at '%s' (%s); next trigger %s%n", job.name(), job.cronText(), zone,
						RunParameters.scheduledAt(scheduler.nextTrigger(job)));
			}
			out.flush();
			scheduler.run();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			scheduler.close();
		}
		if (this.signalled) {
			boolean stopped = this.stoppedRun || scheduler.anyRunStopped();
			out.println("Schedule stopped by a signal" + (stopped ? "; the run in progress stopped after its last commit,"
					+ " and the next trigger (or 'newsprobe restart ID') resumes it." : "."));
			out.flush();
			return stopped ? ExitCodes.STOPPED : ExitCodes.COMPLETED;
		}
		return ExitCodes.COMPLETED;
	}

	/**
	 * Restarts an earlier run of the schedule with the settings it started with, in an application
	 * of their own when they are not this process's; a secret it started with must be given again.
	 */
	private JobExecution restartWithItsSettings(JobExecution execution) throws Exception {
		ConfigurableApplicationContext runIn = ResumeSettings.forRetry(this.runtime, execution);
		try {
			JobExecution next = runIn.getBean(JobOperator.class)
				.restart(runIn.getBean(JobRepository.class).getJobExecution(execution.getId()));
			if (next.getStatus() == BatchStatus.STOPPED && this.signalled) {
				this.stoppedRun = true;
			}
			return next;
		}
		finally {
			if (runIn != this.runtime.context()) {
				runIn.close();
			}
		}
	}

	private MetricsEndpoint metricsEndpoint() {
		if (this.metricsPort == null) {
			return null;
		}
		PrometheusMeterRegistry registry = this.runtime.bean(PrometheusMeterRegistry.class);
		try {
			return MetricsEndpoint.start(new InetSocketAddress(InetAddress.getByName(this.metricsAddress), this.metricsPort),
					registry::scrape);
		}
		catch (java.io.IOException ex) {
			throw new ParameterException(this.spec.commandLine(), "cannot serve metrics on " + this.metricsAddress + ":"
					+ this.metricsPort + ": " + ex.getMessage());
		}
	}

	private ZoneId zone(String zone) {
		if (zone == null || zone.isBlank()) {
			return ZoneId.systemDefault();
		}
		try {
			return ZoneId.of(zone.strip());
		}
		catch (DateTimeException ex) {
			throw new ParameterException(this.spec.commandLine(), "newsprobe.schedule.zone '" + zone
					+ "' is not a time zone: " + ex.getMessage() + "; use a region such as Europe/Berlin or UTC");
		}
	}

	/** The parsed expression, or {@code null} when it is empty (the job is not scheduled). */
	private CronExpression cron(String property, String expression) {
		if (expression == null || expression.isBlank()) {
			return null;
		}
		String text = expression.strip();
		try {
			return CronExpression.parse(text);
		}
		catch (IllegalArgumentException ex) {
			String hint = (text.split("\\s+").length == 5)
					? " newsprobe's cron expressions have six fields, seconds first: did you mean '0 " + text + "'?"
					: " Six fields, seconds first: second minute hour day-of-month month day-of-week, e.g. '0 0 2 * * *'"
							+ " for 02:00 every day, or a macro such as @daily.";
			throw new ParameterException(this.spec.commandLine(),
					property + " '" + text + "' is not a valid cron expression: " + ex.getMessage() + "." + hint);
		}
	}

}
