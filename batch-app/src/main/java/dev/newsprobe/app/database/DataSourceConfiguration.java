package dev.newsprobe.app.database;

import java.io.PrintWriter;
import java.nio.file.Path;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The connection pool to newsprobe's PostgreSQL: the one {@code spring.datasource.url} (or
 * {@code NEWSPROBE_DB_URL}) names, or else the embedded one under {@code NEWSPROBE_HOME}.
 */
@Configuration(proxyBeanMethods = false)
public class DataSourceConfiguration {

	@Bean(destroyMethod = "close")
	EmbeddedDatabaseHolder embeddedDatabase(Environment environment,
			@Qualifier("newsprobeConsole") ObjectProvider<PrintWriter> console) {
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.isBlank()) {
			return new EmbeddedDatabaseHolder(null);
		}
		Path home = Path.of(environment.getProperty("newsprobe.home", ".newsprobe")).toAbsolutePath().normalize();
		return new EmbeddedDatabaseHolder(EmbeddedDatabase.start(home,
				console.getIfAvailable(() -> new PrintWriter(System.err, true))));
	}

	@Bean(destroyMethod = "close")
	DataSource dataSource(Environment environment, EmbeddedDatabaseHolder embedded) {
		HikariDataSource dataSource = new HikariDataSource();
		if (embedded.database() != null) {
			dataSource.setJdbcUrl(embedded.database().jdbcUrl());
			dataSource.setUsername(EmbeddedDatabase.USER);
		}
		else {
			dataSource.setJdbcUrl(environment.getProperty("spring.datasource.url"));
			dataSource.setUsername(environment.getProperty("spring.datasource.username"));
			dataSource.setPassword(environment.getProperty("spring.datasource.password"));
		}
		dataSource.setPoolName("newsprobe");
		dataSource.setMaximumPoolSize(environment.getProperty("newsprobe.database.pool-size", Integer.class, 8));
		// Lets the driver send a JDBC batch of inserts as multi-row statements.
		dataSource.addDataSourceProperty("reWriteBatchedInserts", "true");
		dataSource.addDataSourceProperty("ApplicationName", "newsprobe");
		return dataSource;
	}

	/** The embedded database, when one was started; closed after the pool. */
	record EmbeddedDatabaseHolder(EmbeddedDatabase database) implements AutoCloseable {

		@Override
		public void close() throws Exception {
			if (this.database != null) {
				this.database.close();
			}
		}

	}

}
