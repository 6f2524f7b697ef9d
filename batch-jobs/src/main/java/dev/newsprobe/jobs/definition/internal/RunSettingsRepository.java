package dev.newsprobe.jobs.definition.internal;

import java.sql.Array;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.newsprobe.jobs.definition.RunSettings;
import org.springframework.jdbc.core.JdbcTemplate;

/** The {@code run_settings} table: the settings each job execution ran with, one row per execution. */
public final class RunSettingsRepository {

	private final JdbcTemplate jdbc;

	public RunSettingsRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the settings of an execution (again, if it was recorded before: the latest wins). */
	public void record(long executionId, RunSettings settings) {
		List<String> names = List.copyOf(settings.values().keySet());
		List<String> values = names.stream().map(settings.values()::get).toList();
		this.jdbc.update("""
				INSERT INTO newsprobe.run_settings (job_execution_id, settings, secret_names)
				VALUES (?, jsonb_object(?::text[], ?::text[]), ?::text[])
				ON CONFLICT (job_execution_id) DO UPDATE SET settings = excluded.settings,
				    secret_names = excluded.secret_names, recorded_at = now()
				""", ps -> {
			ps.setLong(1, executionId);
			ps.setArray(2, ps.getConnection().createArrayOf("text", names.toArray()));
			ps.setArray(3, ps.getConnection().createArrayOf("text", values.toArray()));
			ps.setArray(4, ps.getConnection().createArrayOf("text", settings.secrets().toArray()));
		});
	}

	/** The settings an execution ran with, or empty when it ran before they were recorded. */
	public Optional<RunSettings> find(long executionId) {
		List<Set<String>> secrets = this.jdbc.query("SELECT secret_names FROM newsprobe.run_settings WHERE job_execution_id = ?",
				(rs, row) -> {
					Array array = rs.getArray(1);
					return new HashSet<>(List.of((String[]) array.getArray()));
				}, executionId);
		if (secrets.isEmpty()) {
			return Optional.empty();
		}
		Map<String, String> values = new TreeMap<>();
		this.jdbc.query("SELECT key, value FROM newsprobe.run_settings, jsonb_each_text(settings) WHERE job_execution_id = ?",
				rs -> {
					values.put(rs.getString(1), rs.getString(2));
				}, executionId);
		return Optional.of(new RunSettings(values, secrets.get(0)));
	}

}
