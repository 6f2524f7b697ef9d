package dev.newsprobe.jobs.database;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import dev.newsprobe.core.probe.Verdict;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import static dev.newsprobe.jobs.database.AnalystFixture.A1;
import static dev.newsprobe.jobs.database.AnalystFixture.A2;
import static dev.newsprobe.jobs.database.AnalystFixture.ALPHA_IMAGE_1;
import static dev.newsprobe.jobs.database.AnalystFixture.ALPHA_IMAGE_2;
import static dev.newsprobe.jobs.database.AnalystFixture.ALPHA_PAGE_2;
import static dev.newsprobe.jobs.database.AnalystFixture.ALPHA_PAGE_2_NEW;
import static dev.newsprobe.jobs.database.AnalystFixture.B1;
import static dev.newsprobe.jobs.database.AnalystFixture.BETA_IMAGE_1;
import static dev.newsprobe.jobs.database.AnalystFixture.BETA_IMAGE_3;
import static dev.newsprobe.jobs.database.AnalystFixture.BETA_NEW_IMAGE;
import static dev.newsprobe.jobs.database.AnalystFixture.BETA_OLD_IMAGE;
import static dev.newsprobe.jobs.database.AnalystFixture.BETA_PAGE_1;
import static dev.newsprobe.jobs.database.AnalystFixture.BETA_RELATED_IMAGE;
import static dev.newsprobe.jobs.database.AnalystFixture.DEAD_LINK;
import static dev.newsprobe.jobs.database.AnalystFixture.INVALID;
import static dev.newsprobe.jobs.database.AnalystFixture.NIGHT_1;
import static dev.newsprobe.jobs.database.AnalystFixture.NIGHT_2;
import static dev.newsprobe.jobs.database.AnalystFixture.NIGHT_3;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The analysts' layer on a real PostgreSQL: every view read as {@code newsprobe_analyst} on a
 * fixture archive with known answers ({@link AnalystFixture}), the role's refusals, and the
 * example queries of {@code sql/README.md} run as they are written there.
 */
@JobFunctionalTest
class AnalystViewsIntegrationTests {

	private static final String ROLE = "newsprobe_analyst";

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	DataSource dataSource;

	AnalystFixture fixture;

	Connection analystConnection;

	JdbcTemplate analyst;

	@BeforeEach
	void writeFixtureAndBecomeAnalyst() throws SQLException {
		this.fixture = new AnalystFixture(this.jdbc).write();
		this.analystConnection = this.dataSource.getConnection();
		try (Statement statement = this.analystConnection.createStatement()) {
			statement.execute("SET ROLE " + ROLE);
		}
		this.analyst = new JdbcTemplate(new SingleConnectionDataSource(this.analystConnection, true));
	}

	@AfterEach
	void leaveTheAnalystRole() throws SQLException {
		try (Statement statement = this.analystConnection.createStatement()) {
			statement.execute("RESET ROLE");
		}
		this.analystConnection.close();
		this.jdbc.execute("DROP TABLE IF EXISTS newsprobe.later_table");
	}

	@Test
	void brokenLinksListEveryPlaceALiveArticleCitesABrokenUrl() {
		List<Map<String, Object>> rows = this.analyst.queryForList(
				"SELECT * FROM newsprobe.v_broken_links ORDER BY article_id, link_position");

		assertThat(rows).extracting(row -> row.get("article_id"), row -> row.get("url"), row -> row.get("role"),
				row -> row.get("verdict"), row -> row.get("provider_domain"), row -> row.get("article_provider_domain"))
			.containsExactly(tuple(A1, ALPHA_IMAGE_1, "image", "BROKEN", "alpha.example", "alpha.example"),
					tuple(A1, BETA_RELATED_IMAGE, "related_image", "NOT_AN_IMAGE", "beta.example", "alpha.example"),
					tuple(A1, DEAD_LINK, "body_link", "DNS_ERROR", "alpha.example", "alpha.example"),
					tuple(A2, ALPHA_IMAGE_2, "image", "TIMEOUT", "alpha.example", "alpha.example"),
					tuple(A2, ALPHA_IMAGE_1, "body_image", "BROKEN", "alpha.example", "alpha.example"),
					tuple(A2, INVALID, "body_link", "INVALID_URL", "alpha.example", "alpha.example"));
		assertThat(rows.get(0)).containsEntry("article_path", "/archive/a1.md")
			.containsEntry("status_code", 404)
			.containsEntry("kind", "image")
			.containsEntry("outcome", "broken")
			.containsEntry("url_host", "img.alpha.example")
			.containsEntry("line", 8)
			.containsKeys("reason", "final_url", "last_checked_at", "last_ok_at", "consecutive_failures");
		assertThat(rows.get(1)).containsEntry("related_position", 0).containsEntry("provider_name", "Beta");
	}

	@Test
	void movedLinksNameTheUrlToWriteInstead() {
		assertThat(this.analyst.queryForList("SELECT article_id, url, final_url FROM newsprobe.v_moved_links"))
			.containsExactly(Map.of("article_id", A2, "url", ALPHA_PAGE_2, "final_url", ALPHA_PAGE_2_NEW));
	}

	@Test
	void providerStatusCountsTheCurrentVerdictsOfTheUrlsEachProvidersLiveArticlesCite() {
		Map<String, Map<String, Object>> byProvider = byKey(
				this.analyst.queryForList("SELECT * FROM newsprobe.v_provider_status"), "provider_domain");

		assertThat(byProvider).containsOnlyKeys("alpha.example", "beta.example");
		assertThat(byProvider.get("alpha.example")).containsEntry("urls", 6L)
			.containsEntry("pages", 4L)
			.containsEntry("images", 2L)
			.containsEntry("unchecked", 0L)
			.containsEntry("ok", 2L)
			.containsEntry("moved", 1L)
			.containsEntry("broken", 4L)
			.containsEntry("broken_pages", 2L)
			.containsEntry("broken_images", 2L)
			.containsEntry("blocked", 0L)
			.containsEntry("ok_ratio", new BigDecimal("0.3333"));
		assertThat(byProvider.get("beta.example")).containsEntry("provider_name", "Beta")
			.containsEntry("urls", 7L)
			.containsEntry("images", 5L)
			.containsEntry("unchecked", 1L)
			.containsEntry("ok", 3L)
			.containsEntry("broken", 1L)
			.containsEntry("broken_images", 1L)
			.containsEntry("blocked", 1L)
			.containsEntry("ok_ratio", new BigDecimal("0.5000"));
	}

	@Test
	void providerHealthCountsEachDaysCheckedUrlsPerProvider() {
		List<Map<String, Object>> rows = this.analyst
			.queryForList("SELECT * FROM newsprobe.v_provider_health ORDER BY day, provider_domain");
		LocalDate day1 = AnalystFixture.utcDay(this.fixture.night1);
		LocalDate day2 = AnalystFixture.utcDay(this.fixture.night2);
		LocalDate day3 = AnalystFixture.utcDay(this.fixture.night3);

		assertThat(rows).extracting(row -> ((java.sql.Date) row.get("day")).toLocalDate(), row -> row.get("provider_domain"),
				row -> row.get("urls_checked"), row -> row.get("broken_images"))
			.containsExactly(tuple(day1, "alpha.example", 4L, 0L), tuple(day1, "beta.example", 2L, 1L),
					tuple(day2, "alpha.example", 1L, 1L), tuple(day2, "beta.example", 1L, 0L),
					tuple(day2, "gamma.example", 1L, 1L), tuple(day3, "alpha.example", 4L, 2L),
					tuple(day3, "beta.example", 5L, 1L));
		assertThat(rows.get(5)).containsEntry("pages_checked", 2L)
			.containsEntry("images_checked", 2L)
			.containsEntry("ok", 1L)
			.containsEntry("moved", 1L)
			.containsEntry("broken", 3L)
			.containsEntry("broken_pages", 1L)
			.containsEntry("blocked", 0L)
			.containsEntry("ok_ratio", new BigDecimal("0.2500"));
		assertThat(rows.get(6)).containsEntry("provider_name", "Beta")
			.containsEntry("ok", 2L)
			.containsEntry("blocked", 1L)
			.containsEntry("ok_ratio", new BigDecimal("0.4000"));
	}

	@Test
	void providerChecksAttributeARelatedArticlesImageToItsOwnProvider() {
		assertThat(this.analyst.queryForList(
				"SELECT provider_domain, job_execution_id, verdict, is_broken FROM newsprobe.v_provider_checks WHERE url = ?",
				BETA_RELATED_IMAGE))
			.containsExactly(Map.of("provider_domain", "beta.example", "job_execution_id", NIGHT_3, "verdict", "NOT_AN_IMAGE",
					"is_broken", true));
		assertThat(this.analyst.queryForList(
				"SELECT provider_domain, articles, live_articles FROM newsprobe.v_url_providers WHERE url = ?", ALPHA_IMAGE_1))
			.containsExactly(Map.of("provider_domain", "alpha.example", "articles", 2L, "live_articles", 2L));
	}

	@Test
	void imageCacheHealthComparesDeclaredIsCachedWithWhatWasVerified() {
		List<Map<String, Object>> rows = this.analyst
			.queryForList("SELECT * FROM newsprobe.v_image_cache_health ORDER BY article_id, image_position");

		assertThat(rows).extracting(row -> row.get("url"), row -> row.get("declared_is_cached"),
				row -> row.get("verified_available"), row -> row.get("disagrees"), row -> row.get("cache_state"))
			.containsExactly(tuple(ALPHA_IMAGE_1, true, false, true, "declared cached, image unavailable"),
					tuple(BETA_RELATED_IMAGE, true, false, true, "declared cached, image unavailable"),
					// TIMEOUT is inconclusive: the same unknown the reconcile step records
					tuple(ALPHA_IMAGE_2, false, null, null, "not verified"),
					tuple(BETA_IMAGE_1, false, true, true, "declared not cached, image available"),
					tuple(BETA_OLD_IMAGE, true, true, false, "agrees"),
					tuple(BETA_IMAGE_3, null, true, null, "not declared"),
					tuple(BETA_NEW_IMAGE, true, null, null, "not verified"));
		assertThat(rows.get(1)).containsEntry("provider_domain", "beta.example").containsEntry("related_position", 0);
		assertThat(rows.get(0)).containsEntry("article_path", "/archive/a1.md")
			.containsEntry("declared_width", 800)
			.containsEntry("verdict", "BROKEN")
			.containsKeys("image_width", "image_height", "last_checked_at", "line");
	}

	@Test
	void statusChangesListEachVerdictTransitionWithItsNight() {
		List<Map<String, Object>> rows = this.analyst.queryForList("SELECT * FROM newsprobe.v_status_changes ORDER BY event_id");

		assertThat(rows).extracting(row -> ((java.sql.Date) row.get("night")).toLocalDate(), row -> row.get("url"),
				row -> row.get("old_verdict"), row -> row.get("new_verdict"), row -> row.get("change"),
				row -> row.get("job_execution_id"))
			.containsExactly(tuple(this.fixture.runDate1, BETA_OLD_IMAGE, null, "BROKEN", "first verdict", NIGHT_1),
					tuple(this.fixture.runDate2, BETA_OLD_IMAGE, "BROKEN", "OK", "recovered", NIGHT_2),
					tuple(this.fixture.runDate2, ALPHA_IMAGE_1, "OK", "BROKEN", "broke", NIGHT_2),
					tuple(AnalystFixture.utcDay(this.fixture.night3), ALPHA_IMAGE_2, "OK", "TIMEOUT", "broke", NIGHT_3),
					tuple(AnalystFixture.utcDay(this.fixture.night3), ALPHA_PAGE_2, "OK", "MOVED", "changed", NIGHT_3),
					tuple(AnalystFixture.utcDay(this.fixture.night3), BETA_PAGE_1, "BROKEN", "BLOCKED", "changed", NIGHT_3));
		assertThat(rows.get(0)).containsEntry("job_name", "articleAuditJob")
			.containsEntry("step_name", "articleAuditJob.probe")
			.containsEntry("kind", "image")
			.containsKey("changed_at");
	}

	@Test
	void runHistoryShowsEachJobExecutionWithItsStepCountsThroughTheView() {
		Map<String, Map<String, Object>> runs = byKey(
				this.analyst.queryForList("SELECT * FROM newsprobe.v_run_history"), "job_execution_id");

		assertThat(runs).containsOnlyKeys(String.valueOf(NIGHT_1), String.valueOf(NIGHT_2), String.valueOf(NIGHT_3));
		Map<String, Object> first = runs.get(String.valueOf(NIGHT_1));
		assertThat(first).containsEntry("job_name", "articleAuditJob")
			.containsEntry("status", "COMPLETED")
			.containsEntry("run_date", java.sql.Date.valueOf(this.fixture.runDate1))
			.containsEntry("run_number", null)
			.containsEntry("input_roots", "/archive")
			.containsEntry("steps", 2L)
			.containsEntry("read_count", 10L)
			.containsEntry("write_count", 9L)
			.containsEntry("skip_count", 1L);
		assertThat(this.analyst.queryForObject(
				"SELECT extract(epoch FROM duration)::int FROM newsprobe.v_run_history WHERE job_execution_id = ?", Integer.class,
				NIGHT_1)).isEqualTo(600);
		assertThat(first.get("step_counts").toString()).contains("\"articleAuditJob.ingest\": {", "\"read\": 4", "\"skip\": 1");
		Map<String, Object> failed = runs.get(String.valueOf(NIGHT_3));
		assertThat(failed).containsEntry("status", "FAILED")
			.containsEntry("run_number", 3L)
			.containsEntry("run_date", null)
			.containsEntry("exit_message", "connection refused")
			.containsEntry("skip_count", 2L);
		assertThat(this.analyst.queryForList(
				"SELECT step_name, status, read_count, write_count, skip_count FROM newsprobe.v_step_history"
						+ " WHERE job_execution_id = ? ORDER BY step_execution_id", NIGHT_3))
			.containsExactly(row("step_name", "articleAuditJob.ingest", "status", "COMPLETED", "read_count", 5L, "write_count", 1L,
					"skip_count", 2L),
					row("step_name", "articleAuditJob.probe", "status", "FAILED", "read_count", 9L, "write_count", 9L,
							"skip_count", 0L));
	}

	@Test
	void urlHistoryListsEveryProbeOfAUrl() {
		assertThat(this.analyst.queryForList(
				"SELECT job_execution_id, verdict, is_broken, url_host, kind FROM newsprobe.v_url_history WHERE url = ?"
						+ " ORDER BY checked_at", ALPHA_IMAGE_1))
			.extracting(row -> row.get("job_execution_id"), row -> row.get("verdict"), row -> row.get("is_broken"),
					row -> row.get("url_host"), row -> row.get("kind"))
			.containsExactly(tuple(NIGHT_1, "OK", false, "img.alpha.example", "image"),
					tuple(NIGHT_2, "BROKEN", true, "img.alpha.example", "image"),
					tuple(NIGHT_3, "BROKEN", true, "img.alpha.example", "image"));
	}

	@Test
	void ingestErrorsTellWhetherTheFileIsStillRejected() {
		assertThat(this.analyst.queryForList(
				"SELECT path, code, rejected, article_id, currently_rejected FROM newsprobe.v_ingest_errors ORDER BY path"))
			.containsExactly(row("path", "/archive/a1.md", "code", "LENIENT_VALUE", "rejected", false, "article_id", A1,
					"currently_rejected", false),
					row("path", "/archive/bad.md", "code", "YAML_SYNTAX", "rejected", true, "article_id", null,
							"currently_rejected", true));
	}

	@Test
	void everyVerdictHasAClassAndTheBrokenOnesAreThoseReadersCannotUse() {
		Map<String, Map<String, Object>> verdicts = byKey(this.analyst.queryForList("SELECT * FROM newsprobe.v_verdicts"),
				"verdict");

		assertThat(verdicts.keySet())
			.containsExactlyInAnyOrderElementsOf(Arrays.stream(Verdict.values()).map(Verdict::name).toList());
		assertThat(verdicts.values()).allSatisfy(v -> assertThat(v.get("outcome")).isNotNull());
		assertThat(verdicts.values().stream().filter(v -> Boolean.FALSE.equals(v.get("is_broken"))).map(v -> v.get("verdict")))
			.containsExactlyInAnyOrder("OK", "MOVED", "BLOCKED", "SIZE_MISMATCH");
		assertThat(this.analyst.queryForList("SELECT newsprobe.url_host(u) FROM unnest(ARRAY["
				+ "'https://User@News.Example.COM:8443/a?b', 'http://[2001:db8::1]:80/x', 'https://host.example', 'htp:/bad'])"
				+ " WITH ORDINALITY AS t(u, n) ORDER BY n", String.class))
			.containsExactly("news.example.com", "[2001:db8::1]", "host.example", null);
	}

	@Test
	void theAnalystRoleMayNotInsertUpdateOrDelete() {
		assertRefused(() -> this.analyst.update("INSERT INTO newsprobe.article (id, path, content_hash, first_ingested_at,"
				+ " last_ingested_at, last_ingest_execution_id) VALUES (99, '/x.md', 'h', now(), now(), 1)"));
		assertRefused(() -> this.analyst.update("UPDATE newsprobe.url_state SET verdict = 'OK'"));
		assertRefused(() -> this.analyst.update("DELETE FROM newsprobe.probe_result"));
		assertRefused(() -> this.analyst.update("UPDATE newsprobe.audit_event SET new_value = 'OK'"));
		assertRefused(() -> this.analyst.execute("CREATE TABLE newsprobe.mine (x int)"));
		assertRefused(() -> this.analyst.execute("TRUNCATE newsprobe.audit_event"));
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM newsprobe.url_state WHERE verdict = 'OK'", Long.class))
			.isEqualTo(4);
	}

	@Test
	void theAnalystRoleMayNotReadTheJobRepositoryOrTheMigrationHistoryButItsViewsReadThem() {
		for (String table : List.of("batch_job_execution", "batch_job_instance", "batch_job_execution_params",
				"batch_step_execution", "batch_step_execution_context", "batch_job_execution_context")) {
			assertRefused(() -> this.analyst.queryForList("SELECT * FROM newsprobe_batch." + table));
		}
		assertRefused(() -> this.analyst.queryForList("SELECT * FROM newsprobe.flyway_schema_history"));
		assertRefused(() -> this.analyst.queryForList("SELECT nextval('newsprobe.article_id_seq')"));
		assertThat(this.analyst.queryForObject("SELECT count(*) FROM newsprobe.v_run_history", Long.class)).isEqualTo(3);
		assertThat(this.analyst.queryForObject("SELECT current_user", String.class)).isEqualTo(ROLE);
	}

	@Test
	void theAnalystRoleReadsEveryViewAndResultTableAndTablesLaterMigrationsCreate() {
		List<String> relations = this.jdbc.queryForList("""
				SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
				WHERE n.nspname = 'newsprobe' AND c.relkind IN ('r', 'v', 'p', 'm') AND c.relname <> 'flyway_schema_history'
				ORDER BY 1""", String.class);
		assertThat(relations).contains("article", "article_image", "article_link", "url_state", "probe_result",
				"ingest_error", "audit_event", "rejected_file", "related_article", "v_broken_links", "v_provider_health",
				"v_image_cache_health", "v_status_changes", "v_run_history");
		for (String relation : relations) {
			assertThat(this.analyst.queryForObject("SELECT count(*) FROM newsprobe." + relation, Long.class))
				.as(relation)
				.isNotNegative();
		}
		this.jdbc.execute("CREATE TABLE newsprobe.later_table (x int)");
		this.jdbc.execute("INSERT INTO newsprobe.later_table VALUES (7)");
		assertThat(this.analyst.queryForObject("SELECT x FROM newsprobe.later_table", Integer.class)).isEqualTo(7);
		assertRefused(() -> this.analyst.update("INSERT INTO newsprobe.later_table VALUES (8)"));
	}

	@Test
	void theRoleScriptForDatabaseAdministratorsCanBeRunAgainAndRestoresTheGrants() throws IOException {
		this.jdbc.execute("REVOKE SELECT ON newsprobe.v_broken_links FROM " + ROLE);
		assertRefused(() -> this.analyst.queryForList("SELECT * FROM newsprobe.v_broken_links"));

		String script = Files.readString(sqlDirectory().resolve("analyst-role.sql"));
		this.jdbc.execute(script);
		this.jdbc.execute(script);

		assertThat(this.analyst.queryForObject("SELECT count(*) FROM newsprobe.v_broken_links", Long.class)).isEqualTo(6);
		assertRefused(() -> this.analyst.queryForList("SELECT * FROM newsprobe_batch.batch_job_execution"));
		assertRefused(() -> this.analyst.queryForList("SELECT * FROM newsprobe.flyway_schema_history"));
	}

	@Test
	void theReadmesMostBrokenImagesLastWeekQueryAnswersWithOneQuery() throws IOException {
		String query = readmeQueries().get("Which providers had the most broken images last week?");

		assertThat(query).as("the README's query").isNotNull().doesNotContain("newsprobe_batch");
		assertThat(this.analyst.queryForList(query)).extracting(row -> row.get("provider_domain"),
				row -> ((Number) row.get("broken_images")).longValue())
			.containsExactly(tuple("alpha.example", 2L), tuple("beta.example", 1L), tuple("gamma.example", 1L));
	}

	@Test
	void everyExampleQueryInTheReadmeRunsAsTheAnalyst() throws IOException {
		Map<String, String> queries = readmeQueries();

		assertThat(queries).hasSizeGreaterThanOrEqualTo(8);
		queries.forEach((question, query) -> assertThat(this.analyst.queryForList(query)).as(question).isNotNull());
		assertThat(this.analyst.queryForList(queries.get("Which links must be fixed in which files?"))).hasSize(6);
	}

	@Test
	void theReadmeDocumentsEveryTableViewAndColumnOfTheSchema() throws IOException {
		String readme = Files.readString(sqlDirectory().resolve("README.md"));
		Map<String, String> sections = new LinkedHashMap<>();
		Matcher heading = Pattern.compile("(?m)^### `(\\w+)`.*$").matcher(readme);
		List<int[]> bounds = new ArrayList<>();
		List<String> names = new ArrayList<>();
		while (heading.find()) {
			names.add(heading.group(1));
			bounds.add(new int[] { heading.start(), heading.end() });
		}
		for (int i = 0; i < names.size(); i++) {
			int end = (i + 1 < names.size()) ? bounds.get(i + 1)[0] : readme.length();
			sections.put(names.get(i), readme.substring(bounds.get(i)[0], end));
		}
		List<String> undocumented = new ArrayList<>();
		this.jdbc.query("""
				SELECT table_name, column_name FROM information_schema.columns
				WHERE table_schema = 'newsprobe' AND table_name <> 'flyway_schema_history'
				ORDER BY table_name, ordinal_position""", rs -> {
			String table = rs.getString(1);
			String column = rs.getString(2);
			String section = sections.get(table);
			if (section == null) {
				undocumented.add(table + " (no section)");
				return;
			}
			// a view documented as "the columns of v_other" takes that section's columns
			Matcher referenced = Pattern.compile("`(v_\\w+)`").matcher(section);
			StringBuilder text = new StringBuilder(section);
			while (referenced.find()) {
				text.append(sections.getOrDefault(referenced.group(1), ""));
			}
			if (!text.toString().contains("`" + column + "`")) {
				undocumented.add(table + "." + column);
			}
		});

		assertThat(undocumented).as("tables and columns missing from sql/README.md").isEmpty();
	}

	/** The example questions of sql/README.md ({@code #### Question?} then a {@code sql} block). */
	static Map<String, String> readmeQueries() throws IOException {
		String readme = Files.readString(sqlDirectory().resolve("README.md"));
		Matcher matcher = Pattern.compile("(?m)^#### (.+?)\\s*\\n+```sql\\n(.*?)```", Pattern.DOTALL).matcher(readme);
		Map<String, String> queries = new LinkedHashMap<>();
		while (matcher.find()) {
			queries.put(matcher.group(1).strip(), matcher.group(2).strip().replaceAll(";$", ""));
		}
		return queries;
	}

	private static Path sqlDirectory() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("sql").resolve("README.md"))) {
				return dir.resolve("sql");
			}
		}
		throw new IllegalStateException("sql/README.md not found above " + Path.of("").toAbsolutePath());
	}

	private static void assertRefused(Runnable statement) {
		assertThatThrownBy(statement::run).isInstanceOf(DataAccessException.class)
			.satisfies(ex -> assertThat(((SQLException) ((DataAccessException) ex).getMostSpecificCause()).getSQLState())
				.as(ex.getMessage())
				.isEqualTo("42501"));
	}

	private static Map<String, Map<String, Object>> byKey(List<Map<String, Object>> rows, String column) {
		Map<String, Map<String, Object>> byKey = new LinkedHashMap<>();
		rows.forEach(row -> byKey.put(String.valueOf(row.get(column)), row));
		return byKey;
	}

	private static Map<String, Object> row(Object... keysAndValues) {
		Map<String, Object> row = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			row.put((String) keysAndValues[i], keysAndValues[i + 1]);
		}
		return row;
	}

}
