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
 * Heartbeats for every job of the application (their listener is added to each job bean, so a
 * job needs no change to be recoverable), and the view of running and orphaned executions.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OperationsProperties.class)
public class OperationsConfiguration {

	@Bean
	HeartbeatRepository heartbeatRepository(DataSource dataSource) {
		return new HeartbeatRepository(new JdbcTemplate(dataSource));
	}

	@Bean
	Heartbeats heartbeats(HeartbeatRepository heartbeatRepository, OperationsProperties properties) {
		return new Heartbeats(heartbeatRepository, properties.heartbeatInterval());
	}

	@Bean
	RunningExecutions runningExecutions(JobRepository jobRepository, HeartbeatRepository heartbeatRepository,
			OperationsProperties properties) {
		return new RunningExecutions(jobRepository, heartbeatRepository, properties.heartbeatTimeout());
	}

	@Bean
	static BeanPostProcessor heartbeatOnEveryJob(ObjectProvider<Heartbeats> heartbeats) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(heartbeats.getObject());
				}
				return bean;
			}

		};
	}

}
