package dev.newsprobe.jobs.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.report.ReportFiles;
import dev.newsprobe.jobs.report.RunReports;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobsTestApplication;
import dev.newsprobe.jobs.test.TestDatabases;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The report benchmark: result tables the size of a large archive (N articles citing 5 URLs each,
 * 3N + 1,000 distinct URLs on 500 hosts, 1 in 10 broken, one probe result per URL), generated
 * in PostgreSQL, then the report of the execution made from them. Prints the time of the report,
 * its CSV rows and bytes, and the peak heap, which the streamed CSV keeps flat. Not a test: run
 * it with {@code bench/report.sh}.
 */
public final class ReportBenchmark {

	private ReportBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int articles = Integer.parseInt(options.getOrDefault("articles", "100000"));
		String dbUrl = options.getOrDefault("db-url", null);
		String url = (dbUrl != null) ? dbUrl : TestDatabases.freshDatabase(ReportBenchmark.class);
		Path empty = Files.createTempDirectory("newsprobe-report-bench-archive");
		Path out = Files.createTempDirectory("newsprobe-report-bench");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JobsTestApplication.class)
			.bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.properties("spring.datasource.url=" + url, "spring.datasource.username=" + TestDatabases.user(),
					"logging.level.root=WARN", "newsprobe.report.dir=" + out)
			.run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			JobExecution run = context.getBean(JobOperator.class)
				.start(context.getBean(ArticleAuditJobConfiguration.JOB_NAME, Job.class),
						RunParameters.forRun(List.of(empty), System.currentTimeMillis()));
			if (run.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("the empty run did not complete: " + run.getStatus());
			}
			long generating = System.nanoTime();
			generate(jdbc, articles, run.getId(), empty.toAbsolutePath().normalize().toString());
			System.out.printf(Locale.ROOT, "generated                 : %,d articles, %,d links, %,d URLs, %,d probe results in %.1f s%n",
					articles, count(jdbc, "newsprobe.article_link"), count(jdbc, "newsprobe.url_state"),
					count(jdbc, "newsprobe.probe_result"), (System.nanoTime() - generating) / 1e9);

			RunReports reports = context.getBean(RunReports.class);
			JobExecution execution = context.getBean(JobRepository.class).getJobExecution(run.getId());
			System.gc();
			ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
			long started = System.nanoTime();
			ReportFiles files = reports.write(execution, out, false);
			double seconds = (System.nanoTime() - started) / 1e9;
			long peakHeap = ManagementFactory.getMemoryPoolMXBeans()
				.stream()
				.filter(pool -> pool.getType() == MemoryType.HEAP)
				.mapToLong(pool -> pool.getPeakUsage().getUsed())
				.sum();
			long expected = jdbc.queryForObject("""
					SELECT count(*) FROM newsprobe.article_link l JOIN newsprobe.url_state u ON u.url = l.url
					WHERE u.verdict IN ('BROKEN', 'DNS_ERROR')
					""", Long.class);
			System.out.printf(Locale.ROOT, "report                    : %.1f s%n", seconds);
			System.out.printf(Locale.ROOT, "CSV (gzip)                : %,d rows (%,d expected), %,d bytes%n", files.brokenLinkRows(),
					expected, Files.size(files.brokenLinksCsv()));
			System.out.printf(Locale.ROOT, "JSON, Markdown, HTML      : %,d bytes, %,d bytes, %,d bytes%n", Files.size(files.json()),
					Files.size(files.markdown()), Files.size(files.html()));
			System.out.printf(Locale.ROOT, "peak heap (sum of pools)  : %,d MiB of max %,d MiB%n", peakHeap >> 20,
					Runtime.getRuntime().maxMemory() >> 20);
			if (files.brokenLinkRows() != expected) {
				System.exit(1);
			}
		}
	}

	/** Fills the result tables set-based, as if the execution had ingested and probed them. */
	private static void generate(JdbcTemplate jdbc, int articles, long execution, String root) {
		String page = "'https://h' || (g % 500) || '.example/a/' || g";
		String image = "'https://img' || (g % 500) || '.example/i/' || g || '.jpg'";
		String shared = "'https://s' || (%s %% 50) || '.example/s/' || (%s %% 1000)";
		jdbc.update("""
				INSERT INTO newsprobe.article (id, path, content_hash, title, web_url, provider_name, provider_domain,
				    first_ingested_at, last_ingested_at, last_ingest_execution_id)
				SELECT g, ? || '/' || (g %% 100) || '/article-' || g || '.md', md5(g::text), 'Article ' || g, %s,
				       'Provider ' || (g %% 200), 'p' || (g %% 200) || '.example', now(), now(), ?
				FROM generate_series(1, ?) g
				""".formatted(page), root, execution, articles);
		jdbc.update("""
				INSERT INTO newsprobe.article_link (article_id, position, url, role, valid, line)
				SELECT g, p.position, p.url, p.role, true, 3 + p.position
				FROM generate_series(1, ?) g,
				LATERAL (VALUES (0, %s, 'web'), (1, %s, 'image'), (2, %s, 'body_link'), (3, %s, 'body_link'),
				                (4, %s || '/amp/', 'amp')) AS p(position, url, role)
				""".formatted(page, image, shared.formatted("g", "g"), shared.formatted("(g + 7)", "(g + 7)"), page), articles);
		jdbc.update("""
				INSERT INTO newsprobe.article_image (article_id, position, url, declared_width, declared_height,
				    declared_is_cached, line)
				SELECT g, 0, %s, 800, 600, g %% 3 <> 0, 4 FROM generate_series(1, ?) g
				""".formatted(image), articles);
		jdbc.update("""
				INSERT INTO newsprobe.url_state (url, kind, verdict, status_code, final_url, first_seen_at,
				    first_seen_execution_id, last_checked_at, last_probe_execution_id, next_check_at)
				SELECT url, CASE WHEN url LIKE '%.jpg' THEN 'image' ELSE 'page' END, v.verdict,
				       CASE v.verdict WHEN 'BROKEN' THEN 404 WHEN 'DNS_ERROR' THEN NULL ELSE 200 END, url, now(), ?, now(), ?,
				       now() + interval '1 day'
				FROM (SELECT DISTINCT url FROM newsprobe.article_link) l,
				LATERAL (SELECT CASE abs(hashtext(url)) % 20 WHEN 0 THEN 'BROKEN' WHEN 1 THEN 'DNS_ERROR'
				                     WHEN 2 THEN 'MOVED' ELSE 'OK' END AS verdict) v
				""", execution, execution);
		jdbc.update("""
				INSERT INTO newsprobe.probe_result (job_execution_id, url, verdict, status_code, final_url, attempts,
				    requests, elapsed_ms, checked_at)
				SELECT ?, url, verdict, status_code, final_url, 1, 1, 20 + abs(hashtext(url || 'ms')) % 400, now()
				FROM newsprobe.url_state
				""", execution);
		jdbc.update("""
				INSERT INTO newsprobe.audit_event (job_execution_id, step_name, entity, entity_key, field, old_value, new_value)
				SELECT ?, 'articleAuditJob.probe', 'url', url, 'verdict', 'OK', verdict
				FROM newsprobe.url_state WHERE verdict <> 'OK'
				""", execution);
		jdbc.execute("ANALYZE newsprobe.article, newsprobe.article_link, newsprobe.article_image, newsprobe.url_state,"
				+ " newsprobe.probe_result, newsprobe.audit_event");
	}

	private static long count(JdbcTemplate jdbc, String table) {
		return jdbc.queryForObject("SELECT count(*) FROM " + table, Long.class);
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new java.util.HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

}
