package dev.newsprobe.jobs.operate;

import javax.sql.DataSource;

import dev.newsprobe.jobs.operate.internal.HeartbeatRepository;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Heartbeats and a lock for every job of the application (their listeners are added to each job
 * bean, so a job needs no change to be recoverable), and the view of running and orphaned executions.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

	@Bean
	HeartbeatRepository heartbeatRepository(DataSource dataSource) {
		return new HeartbeatRepository(new JdbcTemplate(dataSource));
	}

	@Bean
	ExecutionLocks executionLocks(DataSource dataSource) {
		return new ExecutionLocks(dataSource, ProcessIdentity.current());
	}

	@Bean
	Heartbeats heartbeats(HeartbeatRepository heartbeatRepository, OperationsProperties properties) {
		return new Heartbeats(heartbeatRepository, properties.heartbeatInterval());
	}

	@Bean
	RunningExecutions runningExecutions(JobRepository jobRepository, HeartbeatRepository heartbeatRepository,
			ExecutionLocks executionLocks, OperationsProperties properties) {
		return new RunningExecutions(jobRepository, heartbeatRepository, executionLocks, properties.heartbeatTimeout());
	}

	@Bean
	static BeanPostProcessor heartbeatOnEveryJob(ObjectProvider<ExecutionLocks> locks,
			ObjectProvider<Heartbeats> heartbeats) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					// the lock is taken first and released last: it fences the whole run
					job.registerJobExecutionListener(locks.getObject());
					job.registerJobExecutionListener(heartbeats.getObject());
				}
				return bean;
			}

		};
	}

}
