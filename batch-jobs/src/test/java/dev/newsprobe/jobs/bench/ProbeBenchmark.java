package dev.newsprobe.jobs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobsTestApplication;
import dev.newsprobe.jobs.test.TestDatabases;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The probe benchmark: an archive citing N distinct URLs spread over several local fixture
 * "hosts" (ports on 127.0.0.1) with an optional per-response latency, audited end to end by
 * {@code articleAuditJob} (ingest, probe, PostgreSQL writes). Prints URLs/s, requests per URL,
 * connections opened, and the probe step's time against the latency-bound limit
 * {@code N x latency / concurrency} measured in the same run. With {@code --second-run}, audits
 * the unchanged archive again while every entry is fresh and prints both runs' times and their
 * ratio; with {@code --stale-run}, then makes every entry stale and audits once more, so every
 * URL is revalidated with a conditional request. The archive measured is the second one audited in
 * the JVM: a warm-up audit of other URLs on the same hosts ({@code --warm-up N}, by default 30,000,
 * after which the JIT compilers have settled; 0 for none) runs first and is reported apart. Not a test: run it with {@code bench/probe.sh}.
 */
public final class ProbeBenchmark {

	private ProbeBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int urls = Integer.parseInt(options.getOrDefault("urls", "10000"));
		int hosts = Integer.parseInt(options.getOrDefault("hosts", "8"));
		int latencyMillis = Integer.parseInt(options.getOrDefault("latency-ms", "0"));
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
		int perHost = Integer.parseInt(options.getOrDefault("per-host", String.valueOf(Math.max(1, concurrency / hosts))));
		String mix = options.getOrDefault("mix", "mixed");
		String dbUrl = options.getOrDefault("db-url", null);
		Path dir = Files.createTempDirectory("newsprobe-probe-bench");

		List<FixtureWeb> servers = new ArrayList<>();
		for (int i = 0; i < hosts; i++) {
			servers.add(FixtureWeb.start());
		}
		try {
			int warmUp = Integer.parseInt(options.getOrDefault("warm-up", "30000"));
			int expectedProblems = serve(servers, "/u/", urls, latencyMillis, mix);
			int articles = writeArchive(dir.resolve("measured"), servers, "/u/", urls);
			int warmUpProblems = serve(servers, "/w/", warmUp, latencyMillis, mix);
			writeArchive(dir.resolve("warm-up"), servers, "/w/", warmUp);
			String url = (dbUrl != null) ? dbUrl : TestDatabases.freshDatabase(ProbeBenchmark.class);
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JobsTestApplication.class)
				.bannerMode(Banner.Mode.OFF)
				.web(WebApplicationType.NONE)
				.properties("spring.datasource.url=" + url, "spring.datasource.username=" + TestDatabases.user(),
						// as newsprobe's own pool sends JDBC batches (batch-app's DataSourceConfiguration)
						"spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true",
						"logging.level.root=WARN", "newsprobe.probe.allowed-networks=127.0.0.1/32",
						"newsprobe.probe.concurrency=" + concurrency, "newsprobe.probe.per-host-concurrency=" + perHost,
						"newsprobe.probe.total-timeout=10s", "newsprobe.probe.retry-backoff=100ms",
						"newsprobe.probe.chunk-size=" + options.getOrDefault("chunk-size", "500"))
				.run()) {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				JobOperator operator = context.getBean(JobOperator.class);
				Job job = context.getBean(ArticleAuditJobConfiguration.JOB_NAME, Job.class);
				System.out.printf(Locale.ROOT, "%nnewsprobe probe benchmark: %,d URLs on %d hosts, latency %d ms, mix %s, "
						+ "concurrency %d (%d per host), %d cores%n", urls, hosts, latencyMillis, mix, concurrency, perHost,
						Runtime.getRuntime().availableProcessors());
				jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.probe_result CASCADE");
				if (warmUp > 0) {
					// The first audit in a JVM spends much of its time compiling newsprobe's code paths; a
					// nightly run of millions of URLs does that once. So the archive measured is the second
					// one audited, and the first (other URLs on the same hosts) is reported as well. After a
					// warm-up of 10,000 URLs the compilers still took a quarter of the CPU (perf); after
					// 30,000 they had settled.
					Audit cold = Audit.run(operator, job, jdbc, servers, dir.resolve("warm-up"), 1);
					System.out.printf(Locale.ROOT, "warm-up (first audit)    : probe step %,.0f URLs/s (%,d URLs in %.2f s), "
							+ "whole audit %,.0f URLs/s, %s%n", cold.probed / cold.probeSeconds, cold.probed, cold.probeSeconds,
							cold.probed / cold.seconds, (cold.ok(warmUp, warmUpProblems)) ? "right" : "WRONG");
					if (!cold.ok(warmUp, warmUpProblems)) {
						System.exit(1);
					}
				}
				// No TRUNCATE here: the measured archive's URLs are new to the database, which holds the
				// warm-up's as a database holds earlier nights'. Emptying the tables made the pool's cached
				// statements plan again for empty tables, and keep those plans as the tables filled: the
				// probe step ran at a fifth of its speed (988 URLs/s).
				System.gc();
				java.lang.management.ManagementFactory.getMemoryPoolMXBeans().forEach(java.lang.management.MemoryPoolMXBean::resetPeakUsage);
				Audit measured = Audit.run(operator, job, jdbc, servers, dir.resolve("measured"), 2);
				JobExecution execution = measured.execution;
				double total = measured.seconds;
				double probeSeconds = measured.probeSeconds;
				long probed = measured.probed;
				long problems = measured.problems;
				long requests = measured.requests;
				long connections = measured.connections;
				double bound = urls * (latencyMillis / 1000.0) / concurrency;
				System.out.printf(Locale.ROOT, "measured audit           : %s%n",
						(warmUp > 0) ? "the second in this JVM (--warm-up 0 to measure a first one)" : "the first in this JVM");
				System.out.printf(Locale.ROOT, "articles ingested        : %,d%n", articles);
				System.out.printf(Locale.ROOT, "probe step               : %,.0f URLs/s (%,d URLs in %.2f s)%n", probed / probeSeconds,
						probed, probeSeconds);
				System.out.printf(Locale.ROOT, "end to end (whole audit) : %,.0f URLs/s (%.2f s)%n", probed / total, total);
				System.out.printf(Locale.ROOT, "requests per URL         : %.3f (%,d requests)%n", (double) requests / probed, requests);
				System.out.printf(Locale.ROOT, "connections opened       : %,d (%.1f requests per connection)%n", connections,
						(double) requests / Math.max(1, connections));
				long peakHeap = java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
					.filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
					.mapToLong(pool -> pool.getPeakUsage().getUsed())
					.sum();
				System.out.printf(Locale.ROOT, "peak heap (sum of pools)  : %,d MiB of max %,d MiB%n", peakHeap >> 20,
						Runtime.getRuntime().maxMemory() >> 20);
				if (latencyMillis > 0) {
					System.out.printf(Locale.ROOT, "latency-bound limit      : %.2f s; probe step / limit = %.3f%n", bound,
							probeSeconds / bound);
				}
				boolean right = execution.getStatus() == BatchStatus.COMPLETED && probed == urls && problems == expectedProblems;
				System.out.printf(Locale.ROOT, "check                    : %s (status %s, %,d results, %,d not OK, %,d expected)%n",
						right ? "right" : "WRONG", execution.getStatus(), probed, problems, expectedProblems);
				if (right && (options.containsKey("second-run") || options.containsKey("stale-run"))) {
					right = secondRun(operator, job, jdbc, servers, dir.resolve("measured"), total, options.containsKey("stale-run"));
				}
				if (!right) {
					System.exit(1);
				}
			}
		}
		finally {
			servers.forEach(FixtureWeb::close);
		}
	}

	/**
	 * Audits the unchanged archive again (every entry fresh: nothing should be asked), then, when
	 * asked, once more with every entry stale (every URL revalidated); prints times and ratios.
	 * @return whether the runs did what they should
	 */
	private static boolean secondRun(JobOperator operator, Job job, JdbcTemplate jdbc, List<FixtureWeb> servers, Path dir,
			double firstSeconds, boolean stale) throws Exception {
		Audit second = Audit.run(operator, job, jdbc, servers, dir, 3);
		System.out.printf(Locale.ROOT, "%nsecond run (unchanged, fresh): %.2f s, %,d requests, %,d URLs probed%n",
				second.seconds(), second.requests(), second.probed());
		System.out.printf(Locale.ROOT, "first run / second run       : %.2f s / %.2f s = %.1fx faster%n", firstSeconds,
				second.seconds(), firstSeconds / second.seconds());
		boolean right = second.execution().getStatus() == BatchStatus.COMPLETED && second.requests() == 0
				&& second.probed() == 0;
		System.out.printf(Locale.ROOT, "check                        : %s (status %s)%n", right ? "right" : "WRONG",
				second.execution().getStatus());
		if (!stale || !right) {
			return right;
		}
		jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() WHERE next_check_at IS NOT NULL");
		long urls = jdbc.queryForObject("SELECT count(*) FROM newsprobe.url_state WHERE next_check_at IS NOT NULL", Long.class);
		Audit third = Audit.run(operator, job, jdbc, servers, dir, 4);
		long notModified = jdbc.queryForObject(
				"SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ? AND not_modified", Long.class,
				third.execution().getId());
		System.out.printf(Locale.ROOT, "stale run (all revalidated)  : %.2f s, %,d requests for %,d URLs, %,d answered 304%n",
				third.seconds(), third.requests(), urls, notModified);
		System.out.printf(Locale.ROOT, "first run / stale run        : %.1fx%n", firstSeconds / third.seconds());
		boolean staleRight = third.execution().getStatus() == BatchStatus.COMPLETED && notModified > 0;
		System.out.printf(Locale.ROOT, "check                        : %s (status %s)%n", staleRight ? "right" : "WRONG",
				third.execution().getStatus());
		return staleRight;
	}

	/** Routes every URL of the benchmark; returns how many are meant to be not OK. */
	static int serve(List<FixtureWeb> servers, String prefix, int urls, int latencyMillis, String mix) throws IOException {
		Duration latency = Duration.ofMillis(latencyMillis);
		byte[] image = Fixtures.png(800, 600);
		// validators on every answer, so a stale run can revalidate (--stale-run); they cost the first run nothing
		Response page = Response.html("<html><head><title>A story</title></head><body>text</body></html>")
			.header("ETag", "\"page-1\"")
			.validated()
			.latency(latency);
		int problems = 0;
		for (int i = 0; i < urls; i++) {
			FixtureWeb server = servers.get(i % servers.size());
			String path = prefix + i;
			int kind = mix.equals("ok") ? 0 : i % 20;
			if (kind == 1 || kind == 2) {
				server.route(path, Response.image(image, "image/png").header("ETag", "\"image-1\"").validated().latency(latency));
			}
			else if (kind == 3) {
				server.route(path, Response.status(404).latency(latency));
				problems++;
			}
			else {
				server.route(path, page);
			}
		}
		return problems;
	}

	/** Writes articles citing every URL once (a web URL, images with their size, body links); returns their number. */
	static int writeArchive(Path dir, List<FixtureWeb> servers, String prefix, int urls) throws IOException {
		int perArticle = 10;
		int articles = 0;
		for (int start = 0; start < urls; start += perArticle) {
			StringBuilder text = new StringBuilder("---\ntitle: \"Bench ").append(start).append("\"\n");
			StringBuilder images = new StringBuilder();
			StringBuilder body = new StringBuilder();
			for (int i = start; i < Math.min(urls, start + perArticle); i++) {
				String url = servers.get(i % servers.size()).url(prefix + i);
				int kind = i % 20;
				if (kind == 1 || kind == 2) {
					images.append("  - url: \"").append(url).append("\"\n    width: 800\n    height: 600\n");
				}
				else if (i == start) {
					text.append("webUrl: \"").append(url).append("\"\n");
				}
				else {
					body.append("[link ").append(i).append("](").append(url).append(")\n");
				}
			}
			if (!images.isEmpty()) {
				text.append("images:\n").append(images);
			}
			text.append("---\n").append(body);
			Path file = dir.resolve(String.format("d%03d/a%06d.md", articles / 500, articles));
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
			articles++;
		}
		return articles;
	}

	/** One audit of an archive, with what the fixture hosts saw of it. */
	record Audit(JobExecution execution, double seconds, double probeSeconds, long probed, long problems, long requests,
			long connections) {

		static Audit run(JobOperator operator, Job job, JdbcTemplate jdbc, List<FixtureWeb> servers, Path archive, long runId)
				throws Exception {
			long requestsBefore = servers.stream().mapToLong(FixtureWeb::totalRequests).sum();
			long connectionsBefore = servers.stream().mapToLong(FixtureWeb::connectionsOpened).sum();
			long started = System.nanoTime();
			JobExecution execution = operator.start(job, RunParameters.forRun(List.of(archive), runId));
			double seconds = (System.nanoTime() - started) / 1e9;
			StepExecution probe = execution.getStepExecutions().stream()
				.filter(s -> s.getStepName().equals(ProbeStepConfiguration.PROBE_STEP))
				.findFirst()
				.orElseThrow();
			double probeSeconds = Duration.between(probe.getStartTime(), probe.getEndTime()).toMillis() / 1000.0;
			long probed = jdbc.queryForObject("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ?",
					Long.class, execution.getId());
			long problems = jdbc.queryForObject(
					"SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ? AND verdict <> 'OK'", Long.class,
					execution.getId());
			return new Audit(execution, seconds, probeSeconds, probed, problems,
					servers.stream().mapToLong(FixtureWeb::totalRequests).sum() - requestsBefore,
					servers.stream().mapToLong(FixtureWeb::connectionsOpened).sum() - connectionsBefore);
		}

		boolean ok(int urls, int expectedProblems) {
			return this.execution.getStatus() == BatchStatus.COMPLETED && this.probed == urls && this.problems == expectedProblems;
		}

	}

	/** {@code --name value} pairs, and {@code --second-run} and {@code --stale-run}, which take no value. */
	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new java.util.HashMap<>();
		for (int i = 0; i < args.length; i++) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("expected --name value, got " + args[i]);
			}
			String name = args[i].substring(2);
			if (name.equals("second-run") || name.equals("stale-run")) {
				options.put(name, "true");
			}
			else if (i + 1 < args.length) {
				options.put(name, args[++i]);
			}
			else {
				throw new IllegalArgumentException("--" + name + " needs a value");
			}
		}
		return options;
	}

}
