package dev.newsprobe.jobs.report;

import java.nio.file.Path;

import javax.sql.DataSource;

import dev.newsprobe.jobs.report.internal.ReportQueries;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The report step, {@code articleAuditJob.report}, the job's last: writes the run's report; and
 * the job listener that rewrites it with the run's final status.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ReportProperties.class)
public class ReportStepConfiguration {

	/** Name of the report step of {@code articleAuditJob}. */
	public static final String REPORT_STEP = "articleAuditJob.report";

	@Bean
	RunReports runReports(DataSource dataSource, PlatformTransactionManager transactionManager,
			ReportProperties properties, @Value("${newsprobe.home:.newsprobe}") Path home) {
		Path directory = (properties.dir() != null) ? properties.dir() : home.resolve("reports");
		return new RunReports(new ReportQueries(dataSource, 1000), transactionManager,
				directory.toAbsolutePath().normalize(), properties);
	}

	@Bean
	ReportFinisher reportFinisher(RunReports runReports) {
		return new ReportFinisher(runReports);
	}

	/**
	 * The step runs in every execution of a run, also in a restart whose earlier execution had
	 * completed it (a run killed between its report step and its end): each execution that ends a
	 * run writes that run's report.
	 */
	@Bean
	Step articleAuditReportStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			RunReports runReports) {
		return new StepBuilder(REPORT_STEP, jobRepository)
			.tasklet(new ReportTasklet(runReports, runReports.defaultDirectory()), transactionManager)
			.allowStartIfComplete(true)
			.build();
	}

}
