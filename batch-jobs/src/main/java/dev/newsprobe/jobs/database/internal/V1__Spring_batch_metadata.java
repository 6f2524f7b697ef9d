package dev.newsprobe.jobs.database.internal;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Creates Spring Batch's job repository tables from the script shipped in spring-batch-core, in
 * the schema Flyway runs this migration for. Taking the script from the jar keeps the tables
 * exactly those of the Spring Batch version in use; a later Spring Batch schema change becomes a
 * new migration beside this one.
 */
public final class V1__Spring_batch_metadata extends BaseJavaMigration {

	private static final String SCRIPT = "org/springframework/batch/core/schema-postgresql.sql";

	@Override
	public void migrate(Context context) throws Exception {
		String schema = context.getConfiguration().getSchemas()[0];
		try (Statement statement = context.getConnection().createStatement()) {
			statement.execute("SET LOCAL search_path TO \"" + schema.replace("\"", "") + "\"");
		}
		ScriptUtils.executeSqlScript(context.getConnection(), new ClassPathResource(SCRIPT));
	}

}
