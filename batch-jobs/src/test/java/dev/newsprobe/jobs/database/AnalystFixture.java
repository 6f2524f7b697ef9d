package dev.newsprobe.jobs.database;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small archive written straight into the result tables, whose every analyst view has a known
 * answer: three providers (alpha, beta, gamma), four articles (one of them removed), three nights
 * of probing (10, 2 and 1 days ago), their verdict changes and job executions.
 * <p>
 * Broken images per provider in the last 7 days: alpha 2 ({@link #ALPHA_IMAGE_1} broken twice,
 * {@link #ALPHA_IMAGE_2} timed out), beta 1 ({@link #BETA_RELATED_IMAGE}, an image of a related
 * article of alpha's), gamma 1 (the removed article's image). {@link #BETA_OLD_IMAGE} was broken
 * only 10 days ago and {@link #BETA_IMAGE_3} has another size: neither counts.
 */
final class AnalystFixture {

	static final String ALPHA_PAGE_1 = "https://alpha.example/1";

	static final String ALPHA_IMAGE_1 = "https://img.alpha.example/1.jpg";

	static final String ALPHA_PAGE_2 = "https://alpha.example/2";

	static final String ALPHA_PAGE_2_NEW = "https://alpha.example/2-new";

	static final String ALPHA_IMAGE_2 = "https://img.alpha.example/2.jpg";

	static final String DEAD_LINK = "https://dead.example/x";

	static final String INVALID = "htp:/bad link";

	static final String BETA_RELATED_PAGE = "https://beta.example/r";

	static final String BETA_RELATED_IMAGE = "https://img.beta.example/r.jpg";

	static final String BETA_PAGE_1 = "https://beta.example/1";

	static final String BETA_IMAGE_1 = "https://img.beta.example/1.jpg";

	static final String BETA_OLD_IMAGE = "https://img.beta.example/old.jpg";

	static final String BETA_IMAGE_3 = "https://img.beta.example/3.jpg";

	static final String BETA_NEW_IMAGE = "https://img.beta.example/new.jpg";

	static final String GAMMA_IMAGE = "https://img.gamma.example/g.jpg";

	static final long A1 = 1;

	static final long A2 = 2;

	static final long B1 = 3;

	static final long G1 = 4;

	/** The three nights' job executions. */
	static final long NIGHT_1 = 11;

	static final long NIGHT_2 = 12;

	static final long NIGHT_3 = 13;

	final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

	final Instant night1 = this.now.minus(10, ChronoUnit.DAYS);

	final Instant night2 = this.now.minus(2, ChronoUnit.DAYS);

	final Instant night3 = this.now.minus(1, ChronoUnit.DAYS);

	/** The run date of night 1 and 2 (passed by a scheduler); night 3 was started by a person. */
	final LocalDate runDate1 = LocalDate.of(2026, 1, 10);

	final LocalDate runDate2 = LocalDate.of(2026, 1, 18);

	private final JdbcTemplate jdbc;

	AnalystFixture(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** The UTC day of an instant, as {@code v_provider_health.day} counts it. */
	static LocalDate utcDay(Instant instant) {
		return LocalDate.ofInstant(instant, ZoneOffset.UTC);
	}

	AnalystFixture write() {
		this.jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.ingest_error, newsprobe.audit_event,"
				+ " newsprobe.rejected_file, newsprobe.probe_result CASCADE");
		this.jdbc.execute("TRUNCATE newsprobe_batch.batch_step_execution_context, newsprobe_batch.batch_job_execution_context,"
				+ " newsprobe_batch.batch_step_execution, newsprobe_batch.batch_job_execution_params,"
				+ " newsprobe_batch.batch_job_execution, newsprobe_batch.batch_job_instance");
		article(A1, "/archive/a1.md", "Alpha", "alpha.example", false);
		article(A2, "/archive/a2.md", "Alpha", "alpha.example", false);
		article(B1, "/archive/b1.md", "Beta", "beta.example", false);
		article(G1, "/archive/g1.md", "Gamma", "gamma.example", true);
		this.jdbc.update("INSERT INTO newsprobe.related_article (article_id, position, title, web_url, provider_name,"
				+ " provider_domain) VALUES (?, 0, 'Beta on the story', ?, 'Beta', 'beta.example')", A1, BETA_RELATED_PAGE);

		link(A1, 0, ALPHA_PAGE_1, "web", null, 2);
		link(A1, 1, ALPHA_IMAGE_1, "image", null, 8);
		link(A1, 2, BETA_RELATED_PAGE, "related_web", 0, 14);
		link(A1, 3, BETA_RELATED_IMAGE, "related_image", 0, 17);
		link(A1, 4, DEAD_LINK, "body_link", null, 25);
		link(A2, 0, ALPHA_PAGE_2, "web", null, 2);
		link(A2, 1, ALPHA_IMAGE_2, "image", null, 8);
		link(A2, 2, ALPHA_IMAGE_1, "body_image", null, 20);
		this.jdbc.update("INSERT INTO newsprobe.article_link (article_id, position, url, role, valid, line)"
				+ " VALUES (?, 3, ?, 'body_link', false, 21)", A2, INVALID);
		link(B1, 0, BETA_PAGE_1, "web", null, 2);
		link(B1, 1, BETA_IMAGE_1, "image", null, 8);
		link(B1, 2, BETA_OLD_IMAGE, "image", null, 12);
		link(B1, 3, BETA_IMAGE_3, "image", null, 16);
		link(B1, 4, BETA_NEW_IMAGE, "image", null, 20);
		link(G1, 0, GAMMA_IMAGE, "image", null, 8);

		image(A1, 0, null, ALPHA_IMAGE_1, true, 8);
		image(A1, 1, 0, BETA_RELATED_IMAGE, true, 17);
		image(A2, 0, null, ALPHA_IMAGE_2, false, 8);
		image(B1, 0, null, BETA_IMAGE_1, false, 8);
		image(B1, 1, null, BETA_OLD_IMAGE, true, 12);
		image(B1, 2, null, BETA_IMAGE_3, null, 16);
		image(B1, 3, null, BETA_NEW_IMAGE, true, 20);
		image(G1, 0, null, GAMMA_IMAGE, true, 8);

		// night 1, ten days ago
		probe(NIGHT_1, this.night1, ALPHA_PAGE_1, "OK", 200, null);
		probe(NIGHT_1, this.night1, ALPHA_IMAGE_1, "OK", 200, null);
		probe(NIGHT_1, this.night1, ALPHA_IMAGE_2, "OK", 200, null);
		probe(NIGHT_1, this.night1, ALPHA_PAGE_2, "OK", 200, null);
		probe(NIGHT_1, this.night1, BETA_PAGE_1, "BROKEN", 404, null);
		probe(NIGHT_1, this.night1, BETA_OLD_IMAGE, "BROKEN", 404, null);
		// night 2, two days ago
		probe(NIGHT_2, this.night2, ALPHA_IMAGE_1, "BROKEN", 404, null);
		probe(NIGHT_2, this.night2, BETA_OLD_IMAGE, "OK", 200, null);
		probe(NIGHT_2, this.night2, GAMMA_IMAGE, "BROKEN", 410, null);
		// night 3, yesterday
		probe(NIGHT_3, this.night3, ALPHA_IMAGE_1, "BROKEN", 404, null);
		probe(NIGHT_3, this.night3, ALPHA_IMAGE_2, "TIMEOUT", null, null);
		probe(NIGHT_3, this.night3, ALPHA_PAGE_2, "MOVED", 200, ALPHA_PAGE_2_NEW);
		probe(NIGHT_3, this.night3, DEAD_LINK, "DNS_ERROR", null, null);
		probe(NIGHT_3, this.night3, BETA_RELATED_PAGE, "OK", 200, null);
		probe(NIGHT_3, this.night3, BETA_RELATED_IMAGE, "NOT_AN_IMAGE", 200, null);
		probe(NIGHT_3, this.night3, BETA_PAGE_1, "BLOCKED", 403, null);
		probe(NIGHT_3, this.night3, BETA_IMAGE_1, "OK", 200, null);
		probe(NIGHT_3, this.night3, BETA_IMAGE_3, "SIZE_MISMATCH", 200, null);

		state(ALPHA_PAGE_1, "page", "OK", 200, null, this.night1);
		state(ALPHA_IMAGE_1, "image", "BROKEN", 404, null, this.night3);
		state(ALPHA_IMAGE_2, "image", "TIMEOUT", null, null, this.night3);
		state(ALPHA_PAGE_2, "page", "MOVED", 200, ALPHA_PAGE_2_NEW, this.night3);
		state(DEAD_LINK, "page", "DNS_ERROR", null, null, this.night3);
		state(INVALID, "page", "INVALID_URL", null, null, null);
		state(BETA_RELATED_PAGE, "page", "OK", 200, null, this.night3);
		state(BETA_RELATED_IMAGE, "image", "NOT_AN_IMAGE", 200, null, this.night3);
		state(BETA_PAGE_1, "page", "BLOCKED", 403, null, this.night3);
		state(BETA_IMAGE_1, "image", "OK", 200, null, this.night3);
		state(BETA_OLD_IMAGE, "image", "OK", 200, null, this.night2);
		state(BETA_IMAGE_3, "image", "SIZE_MISMATCH", 200, null, this.night3);
		state(BETA_NEW_IMAGE, "image", null, null, null, null);
		state(GAMMA_IMAGE, "image", "BROKEN", 410, null, this.night2);

		verdictChange(NIGHT_1, this.night1, BETA_OLD_IMAGE, null, "BROKEN");
		verdictChange(NIGHT_2, this.night2, BETA_OLD_IMAGE, "BROKEN", "OK");
		verdictChange(NIGHT_2, this.night2, ALPHA_IMAGE_1, "OK", "BROKEN");
		verdictChange(NIGHT_3, this.night3, ALPHA_IMAGE_2, "OK", "TIMEOUT");
		verdictChange(NIGHT_3, this.night3, ALPHA_PAGE_2, "OK", "MOVED");
		verdictChange(NIGHT_3, this.night3, BETA_PAGE_1, "BROKEN", "BLOCKED");
		this.jdbc.update("INSERT INTO newsprobe.audit_event (job_execution_id, step_name, entity, entity_key, field,"
				+ " old_value, new_value, at) VALUES (?, 'articleAuditJob.probe', 'url', ?, 'final_url', null, ?, ?)", NIGHT_3,
				ALPHA_PAGE_2, ALPHA_PAGE_2_NEW, Timestamp.from(this.night3));
		this.jdbc.update("INSERT INTO newsprobe.audit_event (job_execution_id, step_name, entity, entity_key, field,"
				+ " old_value, new_value, at) VALUES (?, 'articleAuditJob.ingest', 'article', '/archive/a1.md', 'content_hash',"
				+ " 'aa', 'bb', ?)", NIGHT_3, Timestamp.from(this.night3));

		this.jdbc.update("INSERT INTO newsprobe.ingest_error (job_execution_id, path, line, code, rejected, reason)"
				+ " VALUES (?, '/archive/a1.md', 4, 'LENIENT_VALUE', false, 'width \"700\" read as a number')", NIGHT_3);
		this.jdbc.update("INSERT INTO newsprobe.ingest_error (job_execution_id, path, line, code, rejected, reason)"
				+ " VALUES (?, '/archive/bad.md', 3, 'YAML_SYNTAX', true, 'line 3, column 16: mapping values are not allowed here')",
				NIGHT_3);
		this.jdbc.update("INSERT INTO newsprobe.rejected_file (path, content_hash, code, reason, job_execution_id)"
				+ " VALUES ('/archive/bad.md', 'cc', 'YAML_SYNTAX', 'line 3', ?)", NIGHT_3);

		execution(NIGHT_1, "COMPLETED", this.night1, this.night1.plusSeconds(600), "runDate", this.runDate1.toString());
		step(NIGHT_1, 1, "articleAuditJob.ingest", "COMPLETED", 4, 3, 1);
		step(NIGHT_1, 2, "articleAuditJob.probe", "COMPLETED", 6, 6, 0);
		execution(NIGHT_2, "COMPLETED", this.night2, this.night2.plusSeconds(300), "runDate", this.runDate2.toString());
		step(NIGHT_2, 1, "articleAuditJob.ingest", "COMPLETED", 4, 0, 0);
		step(NIGHT_2, 2, "articleAuditJob.probe", "COMPLETED", 3, 3, 0);
		execution(NIGHT_3, "FAILED", this.night3, this.night3.plusSeconds(90), "run.id", "3");
		step(NIGHT_3, 1, "articleAuditJob.ingest", "COMPLETED", 5, 1, 2);
		step(NIGHT_3, 2, "articleAuditJob.probe", "FAILED", 9, 9, 0);
		return this;
	}

	private void article(long id, String path, String providerName, String providerDomain, boolean gone) {
		this.jdbc.update("INSERT INTO newsprobe.article (id, path, content_hash, title, provider_name, provider_domain,"
				+ " first_ingested_at, last_ingested_at, last_ingest_execution_id, gone_at)"
				+ " VALUES (?, ?, 'h', ?, ?, ?, now(), now(), 1, ?)", id, path, "Article " + id, providerName, providerDomain,
				gone ? Timestamp.from(this.night3) : null);
	}

	private void link(long articleId, int position, String url, String role, Integer relatedPosition, int line) {
		this.jdbc.update("INSERT INTO newsprobe.article_link (article_id, position, url, role, related_position, valid, line)"
				+ " VALUES (?, ?, ?, ?, ?, true, ?)", articleId, position, url, role, relatedPosition, line);
	}

	private void image(long articleId, int position, Integer relatedPosition, String url, Boolean isCached, int line) {
		this.jdbc.update("INSERT INTO newsprobe.article_image (article_id, position, related_position, url, declared_width,"
				+ " declared_height, declared_is_cached, line) VALUES (?, ?, ?, ?, 800, 600, ?, ?)", articleId, position,
				relatedPosition, url, isCached, line);
	}

	private void probe(long executionId, Instant at, String url, String verdict, Integer status, String finalUrl) {
		this.jdbc.update("INSERT INTO newsprobe.probe_result (job_execution_id, url, verdict, status_code, final_url,"
				+ " attempts, requests, elapsed_ms, checked_at) VALUES (?, ?, ?, ?, ?, 1, 1, 12, ?)", executionId, url, verdict,
				status, finalUrl, Timestamp.from(at));
	}

	private void state(String url, String kind, String verdict, Integer status, String finalUrl, Instant checked) {
		this.jdbc.update("INSERT INTO newsprobe.url_state (url, kind, verdict, status_code, final_url, first_seen_at,"
				+ " first_seen_execution_id, last_checked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", url, kind, verdict, status,
				finalUrl, Timestamp.from(this.night1), NIGHT_1, (checked != null) ? Timestamp.from(checked) : null);
	}

	private void verdictChange(long executionId, Instant at, String url, String oldVerdict, String newVerdict) {
		this.jdbc.update("INSERT INTO newsprobe.audit_event (job_execution_id, step_name, entity, entity_key, field,"
				+ " old_value, new_value, at) VALUES (?, 'articleAuditJob.probe', 'url', ?, 'verdict', ?, ?, ?)", executionId,
				url, oldVerdict, newVerdict, Timestamp.from(at));
	}

	private void execution(long id, String status, Instant start, Instant end, String parameter, String value) {
		this.jdbc.update("INSERT INTO newsprobe_batch.batch_job_instance (job_instance_id, version, job_name, job_key)"
				+ " VALUES (?, 0, 'articleAuditJob', ?)", id, "key" + id);
		this.jdbc.update("INSERT INTO newsprobe_batch.batch_job_execution (job_execution_id, version, job_instance_id,"
				+ " create_time, start_time, end_time, status, exit_code, exit_message, last_updated)"
				+ " VALUES (?, 1, ?, ?, ?, ?, ?, ?, ?, ?)", id, id, local(start), local(start), local(end), status, status,
				"FAILED".equals(status) ? "connection refused" : "", local(end));
		this.jdbc.update("INSERT INTO newsprobe_batch.batch_job_execution_params (job_execution_id, parameter_name,"
				+ " parameter_type, parameter_value, identifying) VALUES (?, ?, 'java.lang.String', ?, 'Y')", id, parameter, value);
		this.jdbc.update("INSERT INTO newsprobe_batch.batch_job_execution_params (job_execution_id, parameter_name,"
				+ " parameter_type, parameter_value, identifying) VALUES (?, 'input', 'java.lang.String', '/archive', 'Y')", id);
	}

	private void step(long executionId, int n, String name, String status, long read, long write, long readSkips) {
		this.jdbc.update("INSERT INTO newsprobe_batch.batch_step_execution (step_execution_id, version, step_name,"
				+ " job_execution_id, create_time, start_time, end_time, status, commit_count, read_count, filter_count,"
				+ " write_count, read_skip_count, write_skip_count, process_skip_count, rollback_count, exit_code,"
				+ " last_updated) VALUES (?, 1, ?, ?, now(), now(), now(), ?, 1, ?, 0, ?, ?, 0, 0, 0, ?, now())",
				executionId * 10 + n, name, executionId, status, read, write, readSkips, status);
	}

	/** Spring Batch keeps local date-times; these are in UTC, as the start dates the views read. */
	static LocalDateTime local(Instant instant) {
		return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
	}

}
