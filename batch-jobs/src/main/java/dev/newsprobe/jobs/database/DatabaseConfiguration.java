package dev.newsprobe.jobs.database;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * Migrates the database when the application context starts, before any job can run, and sets
 * the defaults that place Spring Batch's tables in their own schema (overridable like any property).
 */
@Configuration(proxyBeanMethods = false)
@PropertySource("classpath:newsprobe-database-defaults.properties")
public class DatabaseConfiguration {

	@Bean
	DatabaseSchema databaseSchema(DataSource dataSource) {
		DatabaseSchema schema = new DatabaseSchema(dataSource);
		schema.migrate();
		return schema;
	}

}
