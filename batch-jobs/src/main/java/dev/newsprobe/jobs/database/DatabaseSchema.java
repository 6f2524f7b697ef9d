package dev.newsprobe.jobs.database;

import javax.sql.DataSource;

import dev.newsprobe.jobs.database.internal.V1__Spring_batch_metadata;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database up to date at start: newsprobe's business schema from {@code sql/migrations}
 * into schema {@value #SCHEMA}, and Spring Batch's metadata tables into {@value #BATCH_SCHEMA}.
 * Each schema has its own Flyway history, so either can evolve without the other.
 */
public final class DatabaseSchema {

	/** The schema of newsprobe's result tables and analyst views. */
	public static final String SCHEMA = "newsprobe";

	/** The schema of Spring Batch's {@code BATCH_*} job repository tables. */
	public static final String BATCH_SCHEMA = "newsprobe_batch";

	/** The table prefix Spring Batch must use to find its tables. */
	public static final String BATCH_TABLE_PREFIX = BATCH_SCHEMA + ".BATCH_";

	private final DataSource dataSource;

	public DatabaseSchema(DataSource dataSource) {
		this.dataSource = dataSource;
	}

	/**
	 * Applies every pending migration of both schemas; safe to call on every start.
	 * @return how many migrations were applied
	 */
	public int migrate() {
		MigrateResult batch = Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(BATCH_SCHEMA)
			.createSchemas(true)
			.locations(new String[0])
			.javaMigrations(new V1__Spring_batch_metadata())
			.load()
			.migrate();
		MigrateResult business = Flyway.configure()
			.dataSource(this.dataSource)
			.schemas(SCHEMA)
			.createSchemas(true)
			.locations("classpath:db/newsprobe")
			.load()
			.migrate();
		return batch.migrationsExecuted + business.migrationsExecuted;
	}

}
