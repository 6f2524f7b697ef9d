package dev.newsprobe.jobs.definition;

import javax.sql.DataSource;

import dev.newsprobe.jobs.definition.internal.RunSettingsRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;

/** The settings this process runs jobs with, recorded with every execution of newsprobe's jobs. */
@Configuration(proxyBeanMethods = false)
public class RunSettingsConfiguration {

	@Bean
	RunSettingsRecorder runSettingsRecorder(ConfigurableEnvironment environment, DataSource dataSource) {
		return new RunSettingsRecorder(RunSettings.of(environment), new RunSettingsRepository(new JdbcTemplate(dataSource)));
	}

}
