package dev.newsprobe.jobs.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.ingest.IngestStepConfiguration;
import dev.newsprobe.jobs.probe.ProbeStepConfiguration;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobsTestApplication;
import dev.newsprobe.jobs.test.TestDatabases;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
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
 * The scaling benchmark: the probe benchmark's archive (N distinct URLs on local fixture hosts,
 * ten per article file) audited four ways on one database: the single step, local partitions,
 * and a remote manager with one and then two worker processes on this machine, through the local
 * RabbitMQ. Prints files/s of the ingest step, URLs/s of the probe step and of the whole audit for
 * each way, and the ratio of two workers to one at the same per-worker concurrency. Worker start-up
 * is not timed (workers are up before the audit starts). Not a test: run it with
 * {@code bench/partition.sh}.
 */
public final class PartitionBenchmark {

	private PartitionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = options(args);
		int urls = Integer.parseInt(options.getOrDefault("urls", "10000"));
		int hosts = Integer.parseInt(options.getOrDefault("hosts", "8"));
		int latencyMillis = Integer.parseInt(options.getOrDefault("latency-ms", "50"));
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "32"));
		int perHost = Integer.parseInt(options.getOrDefault("per-host", "8"));
		int partitions = Integer.parseInt(options.getOrDefault("partitions", "4"));
		String dbUrl = options.getOrDefault("db-url", null);
		Path dir = Files.createTempDirectory("newsprobe-partition-bench");
		String queue = "newsprobe.bench." + UUID.randomUUID();

		List<FixtureWeb> servers = new ArrayList<>();
		for (int i = 0; i < hosts; i++) {
			servers.add(FixtureWeb.start());
		}
		CachingConnectionFactory rabbit = new CachingConnectionFactory(options.getOrDefault("rabbit-host", "127.0.0.1"), 5672);
		rabbit.setUsername("guest");
		rabbit.setPassword("guest");
		try {
			int expectedProblems = ProbeBenchmark.serve(servers, "/u/", urls, latencyMillis, "mixed");
			int files = ProbeBenchmark.writeArchive(dir, servers, "/u/", urls);
			String url = (dbUrl != null) ? dbUrl : TestDatabases.freshDatabase(PartitionBenchmark.class);
			List<String> common = List.of("spring.datasource.url=" + url, "spring.datasource.username=" + TestDatabases.user(),
					"logging.level.root=WARN", "newsprobe.probe.allowed-networks=127.0.0.1/32",
					"newsprobe.probe.concurrency=" + concurrency, "newsprobe.probe.per-host-concurrency=" + perHost,
					"newsprobe.probe.total-timeout=10s", "newsprobe.probe.retry-backoff=100ms",
					"newsprobe.partition.queue=" + queue, "newsprobe.partition.poll-interval=200ms",
					"newsprobe.partition.worker-timeout=3m", "spring.rabbitmq.host=" + options.getOrDefault("rabbit-host", "127.0.0.1"));
			Map<String, Way> ways = new LinkedHashMap<>();
			ways.put("single step", new Way(List.of("newsprobe.partition.count=1"), 0));
			ways.put("local, " + partitions + " partitions", new Way(List.of("newsprobe.partition.count=" + partitions), 0));
			ways.put("remote, 1 worker", new Way(List.of("newsprobe.partition.count=" + partitions, "newsprobe.partition.remote=true"), 1));
			ways.put("remote, 2 workers", new Way(List.of("newsprobe.partition.count=" + partitions, "newsprobe.partition.remote=true"), 2));
			System.out.printf(Locale.ROOT, "%nnewsprobe partition benchmark: %,d URLs in %,d files on %d hosts, latency %d ms, "
					+ "concurrency %d per process (%d per host), %d partitions, %d cores, load average %s%n", urls, files, hosts,
					latencyMillis, concurrency, perHost, partitions, Runtime.getRuntime().availableProcessors(), loadAverage());
			System.out.printf(Locale.ROOT, "%-22s %12s %12s %14s  %s%n", "way", "ingest", "probe", "whole audit", "check");
			Map<String, Double> probeRates = new LinkedHashMap<>();
			int run = 0;
			for (Map.Entry<String, Way> way : ways.entrySet()) {
				List<Process> workers = startWorkers(way.getValue().workers(), common);
				try {
					List<String> properties = new ArrayList<>(common);
					properties.addAll(way.getValue().properties());
					Measured measured = measure(properties, dir, ++run, urls, expectedProblems);
					probeRates.put(way.getKey(), measured.probeRate());
					System.out.printf(Locale.ROOT, "%-22s %,7.0f files/s %,7.0f URLs/s %,7.0f URLs/s  %s%n", way.getKey(),
							measured.fileRate(), measured.probeRate(), measured.totalRate(), measured.check());
				}
				finally {
					for (Process worker : workers) {
						worker.destroy();
						worker.waitFor();
					}
				}
			}
			double ratio = probeRates.get("remote, 2 workers") / probeRates.get("remote, 1 worker");
			System.out.printf(Locale.ROOT, "2 workers / 1 worker (probe step, same per-worker concurrency): %.2fx%n", ratio);
			System.out.printf(Locale.ROOT, "latency-bound limit of one process: %,.0f URLs/s (concurrency / latency)%n",
					concurrency / (latencyMillis / 1000.0));
			System.out.printf(Locale.ROOT, "load average after: %s (the machine is shared; rates are pessimistic)%n", loadAverage());
		}
		finally {
			RabbitAdmin admin = new RabbitAdmin(rabbit);
			admin.deleteQueue(queue);
			admin.deleteQueue(queue + ".dead");
			rabbit.destroy();
			servers.forEach(FixtureWeb::close);
		}
	}

	private static Measured measure(List<String> properties, Path dir, int run, int urls, int expectedProblems)
			throws Exception {
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JobsTestApplication.class)
			.bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run()) {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			jdbc.execute("TRUNCATE newsprobe.article, newsprobe.url_state, newsprobe.probe_result, newsprobe.ingest_error,"
					+ " newsprobe.audit_event, newsprobe.rejected_file CASCADE");
			JobOperator operator = context.getBean(JobOperator.class);
			Job job = context.getBean(ArticleAuditJobConfiguration.JOB_NAME, Job.class);
			long started = System.nanoTime();
			JobExecution execution = operator.start(job, RunParameters.forRun(List.of(dir), run));
			double total = (System.nanoTime() - started) / 1e9;
			StepExecution ingest = step(execution, IngestStepConfiguration.INGEST_STEP);
			StepExecution probe = step(execution, ProbeStepConfiguration.PROBE_STEP);
			long probed = jdbc.queryForObject("SELECT count(*) FROM newsprobe.probe_result WHERE job_execution_id = ?",
					Long.class, execution.getId());
			long distinct = jdbc.queryForObject("SELECT count(DISTINCT url) FROM newsprobe.probe_result", Long.class);
			long problems = jdbc.queryForObject("SELECT count(*) FROM newsprobe.probe_result WHERE verdict <> 'OK'", Long.class);
			long files = jdbc.queryForObject("SELECT count(*) FROM newsprobe.article", Long.class);
			boolean right = execution.getStatus() == BatchStatus.COMPLETED && probed == urls && distinct == urls
					&& problems == expectedProblems;
			String check = right ? "right" : "WRONG (status " + execution.getStatus() + ", " + probed + " results)";
			return new Measured(files / seconds(ingest), probed / seconds(probe), probed / total, check);
		}
	}

	private static List<Process> startWorkers(int count, List<String> common) throws Exception {
		List<Process> workers = new ArrayList<>();
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		List<Path> logs = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
					BenchWorker.class.getName()));
			command.addAll(common);
			Path log = Files.createTempFile("newsprobe-bench-worker", ".log");
			logs.add(log);
			workers.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
		}
		long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
		for (int i = 0; i < count; i++) {
			while (!Files.readString(logs.get(i)).contains("bench worker ready")) {
				if (!workers.get(i).isAlive() || System.nanoTime() > deadline) {
					throw new IllegalStateException("worker did not start: " + Files.readString(logs.get(i)));
				}
				Thread.sleep(200);
			}
		}
		return workers;
	}

	private static StepExecution step(JobExecution execution, String name) {
		return execution.getStepExecutions().stream().filter(s -> s.getStepName().equals(name)).findFirst().orElseThrow();
	}

	private static double seconds(StepExecution step) {
		return Math.max(1, Duration.between(step.getStartTime(), step.getEndTime()).toMillis()) / 1000.0;
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (java.io.IOException ex) {
			return "unknown";
		}
	}

	private record Way(List<String> properties, int workers) {
	}

	private record Measured(double fileRate, double probeRate, double totalRate, String check) {
	}

	/** {@code --name value} pairs. */
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
