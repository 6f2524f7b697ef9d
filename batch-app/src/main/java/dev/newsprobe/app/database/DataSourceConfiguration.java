package dev.newsprobe.app.database;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The connection pool to newsprobe's PostgreSQL: the one {@code spring.datasource.url} (or
 * {@code NEWSPROBE_DB_URL}) names, or else the embedded one of {@code NEWSPROBE_HOME}, which
 * {@link DatabaseStartup} has started and named in {@code spring.datasource.*} before any bean is made.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	DataSource dataSource(Environment environment) {
		HikariDataSource dataSource = new HikariDataSource();
		dataSource.setJdbcUrl(environment.getRequiredProperty("spring.datasource.url"));
		dataSource.setUsername(environment.getProperty("spring.datasource.username"));
		dataSource.setPassword(environment.getProperty("spring.datasource.password"));
		dataSource.setPoolName("newsprobe");
		dataSource.setMaximumPoolSize(environment.getProperty("newsprobe.database.pool-size", Integer.class, 8));
		// Lets the driver send a JDBC batch of inserts as multi-row statements.
		dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
		dataSource.addDataSourceProperty("ApplicationName", "newsprobe");
		return dataSource;
	}

}
