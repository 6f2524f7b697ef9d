package dev.newsprobe.jobs.auditlog;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/** The audit log every step writes to. */
@Configuration(proxyBeanMethods = false)
public class AuditConfiguration {

	@Bean
	AuditLog auditLog(DataSource dataSource) {
		return new AuditLog(new JdbcTemplate(dataSource));
	}

}
