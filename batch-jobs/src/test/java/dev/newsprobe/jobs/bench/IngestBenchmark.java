package dev.newsprobe.jobs.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

import com.sun.management.GarbageCollectionNotificationInfo;
import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ParseResult;
import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import dev.newsprobe.core.article.RelatedArticle;
import dev.newsprobe.jobs.ingest.ArticleFileReader;
import dev.newsprobe.jobs.ingest.IngestSummaries;
import dev.newsprobe.jobs.ingest.PreparedArticle;
import dev.newsprobe.jobs.ingest.internal.IngestRepositories;
import dev.newsprobe.jobs.ingest.IngestSummary;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobsTestApplication;
import dev.newsprobe.jobs.test.TestDatabases;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.builder.SimpleJobBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.ListableStepLocator;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The ingest benchmark: how many article files per second the ingest steps of
 * {@code articleAuditJob} take in end to end (walk, read, hash, parse, PostgreSQL), beside the
 * parse-only rate on the same files in the same JVM, and how much heap they need. Not a test (Surefire skips {@code *Benchmark}): run
 * it with {@code bench/ingest.sh}. It prints numbers, checks that what it measured was a correct
 * run, and exits 1 when it was not, 2 on a usage error.
 * <p>
 * The generated archive imitates {@code shared/samples/seed-article.md}: about 5 KiB, one image,
 * four related articles with their own URLs and images, a {@code secured} blob. Half of the
 * related entries cite other articles of the archive and the other half a shared pool of outside
 * stories, so many URLs recur across files and {@code url_state} has to deduplicate them.
 */
public final class IngestBenchmark {

	private static final String USAGE = """
			usage: bench/ingest.sh [--files N] [--partitions N] [--dir PATH] [--db-url JDBC_URL]
			  --files N        article files to generate and ingest (default 100000)
			  --partitions N   ingest partitions run at once, as newsprobe.partition.count (default 1: the
			                   single step that `newsprobe audit` runs unless told otherwise)
			  --dir PATH       where the generated archive lives (default target/bench-archive/files-N);
			                   reused when it already holds N files from this generator
			  --db-url URL     an empty PostgreSQL database, user postgres (default: a fresh database
			                   np_<checkout>_ingestbenchmark on the local server, or an embedded PostgreSQL)""";

	private static final long MIB = 1024 * 1024;

	/** The nightly job, whose ingest steps are measured. */
	private static final String AUDIT_JOB = "articleAuditJob";

	private IngestBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.err.println(USAGE);
			System.exit(2);
			return;
		}
		if (options == null) {
			System.out.println(USAGE);
			return;
		}
		System.exit(run(options));
	}

	private static int run(Options options) throws Exception {
		HeapMonitor heap = new HeapMonitor();
		System.out.printf("newsprobe ingest benchmark: %d files under %s%n", options.files(), options.dir());
		System.out.println(Load.describe("before"));

		Archive archive = ArchiveGenerator.ensure(options.dir(), options.files());
		System.out.println(archive.generated()
				? String.format("generated %d files (%.1f MiB) in %.1f s", archive.files(), archive.bytes() / (double) MIB,
						archive.generationNanos() / 1e9)
				: String.format("reusing %d files (%.1f MiB) generated earlier", archive.files(), archive.bytes() / (double) MIB));

		ArticleParser parser = new ArticleParser(FrontMatterLimits.DEFAULTS);
		heap.startPhase();
		ParsePass cold = ParsePass.run(parser, archive.root());
		System.out.printf("parse only, first pass : %s%n", cold.describe());
		ParsePass warm = ParsePass.run(parser, archive.root());
		HeapPhase parseHeap = heap.endPhase();
		System.out.printf("parse only, warm pass  : %s%n", warm.describe());
		System.out.printf("                         %s%n", parseHeap.describe());

		String dbUrl = (options.dbUrl() != null) ? options.dbUrl() : TestDatabases.freshDatabase(IngestBenchmark.class);
		System.out.println("database: " + dbUrl);
		long contextStart = System.nanoTime();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(JobsTestApplication.class)
			.web(WebApplicationType.NONE)
			.bannerMode(Banner.Mode.OFF)
			.logStartupInfo(false)
			.properties("spring.datasource.url=" + dbUrl, "spring.datasource.username=" + TestDatabases.user(),
					// as newsprobe's own pool sends JDBC batches (batch-app's DataSourceConfiguration)
					"spring.datasource.hikari.data-source-properties.reWriteBatchedInserts=true",
					"newsprobe.partition.count=" + options.partitions(), "logging.level.root=WARN")
			.run()) {
			System.out.printf("application context started in %.1f s%n", (System.nanoTime() - contextStart) / 1e9);
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			if (count(jdbc, "SELECT count(*) FROM newsprobe.article") != 0) {
				System.out.println("RESULT INVALID: database " + dbUrl + " already holds articles; give an empty one");
				return 1;
			}
			JobOperator operator = context.getBean(JobOperator.class);
			Job job = ingestStepsOf(context.getBean(AUDIT_JOB, Job.class), context.getBean(JobRepository.class));
			IngestSummaries summaries = context.getBean(IngestSummaries.class);
			PostgresCpu postgres = PostgresCpu.of(dbUrl);

			heap.startPhase();
			JobRun first = JobRun.start(operator, job, archive.root(), 1, postgres);
			HeapPhase firstHeap = heap.endPhase();
			System.out.printf("end to end, first run  : %s%n                         %s%n", first.describe(archive.files()),
					firstHeap.describe());
			long retained = heap.retained();
			heap.startPhase();
			JobRun second = JobRun.start(operator, job, archive.root(), 2, postgres);
			HeapPhase secondHeap = heap.endPhase();
			System.out.printf("end to end, unchanged  : %s%n                         %s%n", second.describe(archive.files()),
					secondHeap.describe());
			retained = Math.max(retained, heap.retained());
			Recognition recognition = Recognition.run(context.getBean(IngestRepositories.class), archive.root());
			System.out.printf("unchanged, recognised  : %,d of %,d files by their stat, %d read, in %.2f s (walk, lookups,"
					+ " comparison; the reader alone, %.2f s of it in the database lookups): %.2f s per 100,000 files%n",
					recognition.byStat(), recognition.files(), recognition.read(), recognition.nanos() / 1e9,
					recognition.lookupNanos() / 1e9, recognition.nanos() / 1e9 * 100_000 / Math.max(1, recognition.files()));

			long distinctUrls = count(jdbc, "SELECT count(DISTINCT url) FROM newsprobe.article_link");
			List<String> problems = Verification.check(jdbc, summaries, archive, warm, first, second, distinctUrls);
			report(options, archive, warm, first, second, firstHeap.max(secondHeap), retained);
			System.out.println(Load.describe("after  "));
			if (!problems.isEmpty()) {
				System.out.println("verification            :  FAILED, the numbers above do not measure a correct run:");
				problems.forEach(problem -> System.out.println("  - " + problem));
				return 1;
			}
			System.out.printf("verification            :  OK, both runs COMPLETED; %d articles, %d links to %d distinct URLs"
					+ " (= url_state rows), no ingest errors; second run: all %d unchanged%n", archive.files(),
					warm.links(), distinctUrls, archive.files());
			return 0;
		}
		finally {
			heap.close();
		}
	}

	private static void report(Options options, Archive archive, ParsePass parse, JobRun first, JobRun second,
			HeapPhase heap, long retained) {
		double parseRate = parse.rate();
		double firstRate = first.rate(archive.files());
		double ratio = firstRate / parseRate;
		String maxHeap = ManagementFactory.getRuntimeMXBean()
			.getInputArguments()
			.stream()
			.filter(arg -> arg.startsWith("-Xmx"))
			.reduce((a, b) -> b)
			.orElse("no -Xmx");
		System.out.println();
		System.out.printf("newsprobe ingest benchmark: %d files (%.1f KiB avg), %d cores, %s, %s%n", archive.files(),
				archive.bytes() / 1024.0 / archive.files(), Runtime.getRuntime().availableProcessors(), maxHeap,
				(options.partitions() == 1) ? "single ingest step" : options.partitions() + " ingest partitions");
		System.out.printf("parse only (warm)       :  %,8.0f files/s%n", parseRate);
		System.out.printf("end to end (first run)  :  %,8.0f files/s   ratio to parse-only: %.2f%n", firstRate, ratio);
		System.out.printf("end to end (unchanged)  :  %,8.0f files/s%n", second.rate(archive.files()));
		// a throughput collector lets the heap fill before it collects: the peak says little, what a
		// full GC leaves says what is held
		System.out.printf("peak heap (end to end)  :  %8d MiB with %s   (left after a full GC once a run ended: %d MiB)%n",
				heap.sampledPeak() / MIB, maxHeap, retained / MIB);
		if (first.postgresCpuNanos() >= 0) {
			// the CPU a file costs bounds the rate on this machine, however well the work overlaps
			double cpuPerFile = (first.jvmCpuNanos() + first.postgresCpuNanos()) / 1e6 / archive.files();
			System.out.printf("cpu per file (first run):  JVM %.2f ms + postgres %.2f ms = %.2f ms; %d idle cores allow at most"
					+ " %,.0f files/s%n", first.jvmCpuNanos() / 1e6 / archive.files(),
					first.postgresCpuNanos() / 1e6 / archive.files(), cpuPerFile,
					Runtime.getRuntime().availableProcessors(), Runtime.getRuntime().availableProcessors() * 1000 / cpuPerFile);
		}
		System.out.printf("goals                   :  >= 2,000 files/s end to end: %s; >= 40%% of parse-only: %s%n",
				(firstRate >= 2000) ? "met" : "MISSED", (ratio >= 0.40) ? "met" : "MISSED");
	}

	/**
	 * The steps of {@code articleAuditJob} that ingest (their names contain {@code ingest}, as the
	 * job repository contract promises), in the job's order, as a job of their own: the later
	 * steps probe the network, which is not what this benchmark measures.
	 */
	private static Job ingestStepsOf(Job auditJob, JobRepository jobRepository) {
		ListableStepLocator steps = (ListableStepLocator) auditJob;
		SimpleJobBuilder builder = null;
		List<String> left = new ArrayList<>();
		for (String name : steps.getStepNames()) {
			if (!name.contains("ingest")) {
				left.add(name);
				continue;
			}
			Step step = steps.getStep(name);
			builder = (builder == null) ? new JobBuilder(AUDIT_JOB + "IngestBenchmark", jobRepository).start(step)
					: builder.next(step);
		}
		if (builder == null) {
			throw new IllegalStateException(AUDIT_JOB + " has no ingest step: " + steps.getStepNames());
		}
		System.out.println("end to end = the ingest steps of " + AUDIT_JOB + (left.isEmpty() ? ""
				: "; left out: " + String.join(", ", left)));
		return builder.build();
	}

	private static long count(JdbcTemplate jdbc, String sql) {
		Long count = jdbc.queryForObject(sql, Long.class);
		return (count != null) ? count : 0;
	}

	/** The command line. */
	record Options(int files, int partitions, Path dir, String dbUrl) {

		/** The options, or {@code null} when help was asked for. */
		static Options parse(String[] args) {
			int files = 100_000;
			int partitions = 1;
			Path dir = null;
			String dbUrl = null;
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (arg.equals("--help") || arg.equals("-h")) {
					return null;
				}
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("unknown option or missing value: " + arg);
				}
				String value = args[++i];
				switch (arg) {
					case "--files" -> files = positive(arg, value);
					case "--partitions" -> partitions = positive(arg, value);
					case "--dir" -> dir = Path.of(value);
					case "--db-url" -> dbUrl = value;
					default -> throw new IllegalArgumentException("unknown option: " + arg);
				}
			}
			if (dir == null) {
				// bench/ingest.sh points this at batch-jobs/target whatever directory it is started from
				dir = Path.of(System.getProperty("newsprobe.bench.dir", "target/bench-archive")).resolve("files-" + files);
			}
			return new Options(files, partitions, dir.toAbsolutePath().normalize(), dbUrl);
		}

		private static int positive(String option, String value) {
			try {
				int number = Integer.parseInt(value.replace("_", ""));
				if (number > 0) {
					return number;
				}
			}
			catch (NumberFormatException ex) {
				// reported below
			}
			throw new IllegalArgumentException(option + " needs a positive number, not '" + value + "'");
		}

	}

	/** A generated archive. */
	record Archive(Path root, int files, long bytes, boolean generated, long generationNanos) {
	}

	/**
	 * Writes the benchmark archive: files {@code NNN/NNN/article-NNNNNNN.md}, 100 per directory,
	 * in walk order. A manifest (a hidden file, which ingest skips) records what was generated, so
	 * a later run with the same count reuses the files.
	 */
	static final class ArchiveGenerator {

		/** Bump when the generated content changes, so older archives are regenerated. */
		private static final String VERSION = "1";

		private static final String MANIFEST = ".bench-archive.properties";

		private static final String[] WORDS = { "council", "approves", "harbour", "seawall", "tidal", "energy", "pilot",
				"expands", "rail", "strike", "talks", "resume", "glacier", "survey", "fisheries", "quota", "startup",
				"funding", "police", "facial", "recognition", "technology", "protests", "cloud", "market", "election",
				"budget", "climate", "report", "health", "minister", "court", "ruling", "record", "storm", "league",
				"final", "vaccine", "trial", "airport", "expansion", "housing", "prices", "school", "reform", "union",
				"deal", "satellite", "launch", "museum", "reopens", "festival", "returns", "bridge", "repairs", "water",
				"shortage", "mayor’s", "Zürich", "regulators", "moratorium", "announces", "ban", "year" };

		private static final String[] SITES = { "harbourdaily", "tidalnews", "metroherald", "valleypost", "northgazette",
				"citywire", "coastaltimes", "railwatch", "techledger", "marketpulse", "civicrecord", "alpinereview",
				"islandcourier", "prairievoice", "capitalbrief", "dailyfolio", "globalnotes", "morningpaper", "riverbend",
				"eveningstar" };

		private static final String[] OUTSIDE = { "siliconwire", "techco", "lawdesk", "poweruser", "wireroom", "newsdeck",
				"storyhub", "dispatch", "observer", "chronicle", "tribune", "sentinel" };

		private static final String[] CATEGORIES = { "news", "business", "tech", "world", "science", "sport" };

		private ArchiveGenerator() {
		}

		static Archive ensure(Path root, int files) throws IOException {
			Path manifest = root.resolve(MANIFEST);
			if (Files.isRegularFile(manifest)) {
				Properties existing = new Properties();
				try (InputStream in = Files.newInputStream(manifest)) {
					existing.load(in);
				}
				if (VERSION.equals(existing.getProperty("generator")) && String.valueOf(files).equals(existing.getProperty("files"))
						&& "true".equals(existing.getProperty("complete"))) {
					return new Archive(root, files, Long.parseLong(existing.getProperty("bytes")), false, 0);
				}
				deleteContents(root);
			}
			else if (Files.isDirectory(root)) {
				try (Stream<Path> entries = Files.list(root)) {
					if (entries.findAny().isPresent()) {
						throw new IllegalStateException(root + " is not empty and holds no benchmark archive; choose another --dir");
					}
				}
			}
			Files.createDirectories(root);
			writeManifest(manifest, files, 0, false);
			long start = System.nanoTime();
			long bytes = 0;
			for (int n = 0; n < files; n++) {
				Path file = root.resolve(String.format("%03d/%03d/article-%07d.md", n / 10_000, (n / 100) % 100, n));
				if (n % 100 == 0) {
					Files.createDirectories(file.getParent());
				}
				byte[] content = article(n, files).getBytes(StandardCharsets.UTF_8);
				Files.write(file, content);
				bytes += content.length;
				if (files >= 20_000 && (n + 1) % (files / 10) == 0) {
					System.out.printf("  generated %d of %d files%n", n + 1, files);
				}
			}
			long nanos = System.nanoTime() - start;
			writeManifest(manifest, files, bytes, true);
			return new Archive(root, files, bytes, true, nanos);
		}

		/** The text of article {@code n} of an archive of {@code files}. */
		static String article(int n, int files) {
			Story story = Story.of(n);
			SplittableRandom random = new SplittableRandom(n * 0x632BE59BD9B4E019L + 17);
			StringBuilder out = new StringBuilder(6000);
			out.append("---\n");
			out.append("category: ").append(CATEGORIES[n % CATEGORIES.length]).append('\n');
			out.append("title: \"").append(story.title()).append("\"\n");
			out.append("excerpt: \"").append(sentence(random, 200)).append("\"\n");
			out.append("publishedDateTime: ").append(story.date()).append('T').append(twoDigits(random.nextInt(24)))
				.append(':').append(twoDigits(random.nextInt(60))).append(":00Z\n");
			out.append("webUrl: \"").append(story.webUrl()).append("\"\n");
			out.append("ampWebUrl: \"").append(story.ampUrl()).append("\"\n");
			out.append("cdnAmpWebUrl: \"").append(story.cdnAmpUrl()).append("\"\n");
			out.append("type: article\n");
			out.append("quality: ").append(10 + random.nextInt(40)).append('\n');
			out.append("heat: ").append(random.nextInt(10) == 0 ? random.nextInt(100) : -1).append('\n');
			out.append("published: ").append(random.nextBoolean()).append("\n\n");
			out.append("provider:\n  name: ").append(story.providerName()).append("\n  domain: ").append(story.site())
				.append(".example\n\n");
			out.append("topics:\n  - ").append(capitalised(WORDS[random.nextInt(WORDS.length)])).append("\n  - ")
				.append(capitalised(WORDS[random.nextInt(WORDS.length)])).append("\n\n");
			out.append("images:\n");
			image(out, "  ", story.imageUrl(), 700, 415, story.title());
			out.append("\nrelated:\n");
			for (int j = 0; j < 4; j++) {
				related(out, random, n, j, files);
			}
			byte[] secured = new byte[510];
			random.nextBytes(secured);
			out.append("\nsecured: \"").append(Base64.getEncoder().encodeToString(secured)).append("\"\n");
			out.append("---\n");
			if (n % 10 == 0) {
				Story source = Story.of(2_000_000_000 - n);
				out.append('\n').append(capitalised(sentence(random, 300))).append(", as [the original report](")
					.append(source.webUrl()).append(") put it.\n\n![Chart](https://static.").append(story.site())
					.append(".example/charts/").append(n).append(".png)\n");
			}
			return out.toString();
		}

		/**
		 * Related entries 0 and 1 cite other articles of the archive (sharing their web, AMP and image
		 * URLs); 2 and 3 cite a pool of outside stories a quarter the size of the archive.
		 */
		private static void related(StringBuilder out, SplittableRandom random, int n, int j, int files) {
			Story story;
			String web;
			String amp = null;
			String cdn = null;
			String image = null;
			if (j < 2) {
				int other = (int) Math.floorMod(n + 1 + (long) random.nextInt(Math.max(1, files - 1)), (long) files);
				story = Story.of(other);
				web = story.webUrl();
				if (j == 0) {
					amp = story.ampUrl();
					cdn = story.cdnAmpUrl();
				}
				image = story.imageUrl();
			}
			else {
				int pooled = random.nextInt(Math.max(1, files / 4));
				story = Story.of(1_000_000_000 + pooled).publishedBy(OUTSIDE[pooled % OUTSIDE.length]);
				String host = "www." + story.site() + ".example";
				web = "https://" + host + "/" + story.date().getYear() + "/" + twoDigits(story.date().getMonthValue()) + "/"
						+ story.slug() + "-" + pooled + "/";
				if (j == 2) {
					image = "https://images." + story.site() + ".example/wp-content/uploads/"
							+ story.date().getYear() + "/" + twoDigits(story.date().getMonthValue()) + "/" + pooled + "_k.jpg";
				}
				else {
					amp = "https://" + host + "/amp/articles/" + pooled;
					cdn = "https://" + host.replace('.', '-') + ".cdn.ampproject.org/c/s/" + host + "/amp/articles/" + pooled;
				}
			}
			out.append("  - title: \"").append(story.title()).append("\"\n");
			out.append("    excerpt: \"").append(sentence(random, 180)).append("\"\n");
			out.append("    publishedDateTime: ").append(story.date()).append("T0").append(random.nextInt(10)).append(":0")
				.append(random.nextInt(10)).append(":00Z\n");
			out.append("    webUrl: \"").append(web).append("\"\n");
			if (amp != null) {
				out.append("    ampWebUrl: \"").append(amp).append("\"\n");
				out.append("    cdnAmpWebUrl: \"").append(cdn).append("\"\n");
			}
			out.append("    type: article\n");
			out.append("    provider:\n      name: ").append(story.providerName()).append("\n      domain: ")
				.append(story.site()).append(".example\n");
			out.append("    quality: ").append(10 + random.nextInt(40)).append('\n');
			if (image != null) {
				out.append("    images:\n");
				image(out, "      ", image, 2048, 1536, null);
			}
		}

		private static void image(StringBuilder out, String indent, String url, int width, int height, String title) {
			out.append(indent).append("- url: \"").append(url).append("\"\n");
			out.append(indent).append("  width: ").append(width).append('\n');
			out.append(indent).append("  height: ").append(height).append('\n');
			out.append(indent).append("  isCached: true\n");
			if (title != null) {
				out.append(indent).append("  title: \"").append(title).append("\"\n");
			}
		}

		private static String sentence(SplittableRandom random, int length) {
			StringBuilder out = new StringBuilder(length + 16);
			while (out.length() < length) {
				out.append(out.length() == 0 ? "" : " ").append(WORDS[random.nextInt(WORDS.length)]);
			}
			return out.substring(0, length).strip();
		}

		private static String capitalised(String word) {
			return Character.toUpperCase(word.charAt(0)) + word.substring(1);
		}

		private static String twoDigits(int value) {
			return (value < 10) ? "0" + value : String.valueOf(value);
		}

		private static void writeManifest(Path manifest, int files, long bytes, boolean complete) throws IOException {
			Properties properties = new Properties();
			properties.setProperty("generator", VERSION);
			properties.setProperty("files", String.valueOf(files));
			properties.setProperty("bytes", String.valueOf(bytes));
			properties.setProperty("complete", String.valueOf(complete));
			try (OutputStream out = Files.newOutputStream(manifest)) {
				properties.store(out, "newsprobe ingest benchmark archive");
			}
		}

		private static void deleteContents(Path root) throws IOException {
			try (Stream<Path> paths = Files.walk(root)) {
				for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
					if (!path.equals(root)) {
						Files.delete(path);
					}
				}
			}
		}

		/** What an article's URLs and title are made of; a pure function of its number. */
		record Story(String title, String slug, String site, String section, LocalDate date, long number) {

			static Story of(long number) {
				SplittableRandom random = new SplittableRandom(number * 0x9E3779B97F4A7C15L);
				int count = 7 + random.nextInt(5);
				StringBuilder title = new StringBuilder(120);
				StringBuilder slug = new StringBuilder(120);
				for (int i = 0; i < count; i++) {
					String word = WORDS[random.nextInt(WORDS.length)];
					title.append(i == 0 ? "" : " ").append(capitalised(word));
					slug.append(i == 0 ? "" : "-").append(word.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", ""));
				}
				String site = SITES[(int) Math.floorMod(number, (long) SITES.length)];
				String section = CATEGORIES[random.nextInt(CATEGORIES.length)];
				LocalDate date = LocalDate.of(2019 + random.nextInt(6), 1 + random.nextInt(12), 1 + random.nextInt(28));
				return new Story(title.toString(), slug.toString(), site, section, date, number);
			}

			Story publishedBy(String otherSite) {
				return new Story(this.title, this.slug, otherSite, this.section, this.date, this.number);
			}

			String providerName() {
				return capitalised(this.site) + " News";
			}

			String webUrl() {
				return "https://www." + this.site + ".example/" + this.section + "/" + this.slug + "-" + this.number + "/";
			}

			String ampUrl() {
				return webUrl() + "amp/";
			}

			/** The AMP-cache form of {@link #ampUrl()}: site names have no hyphen to double. */
			String cdnAmpUrl() {
				return "https://www-" + this.site + "-example.cdn.ampproject.org/c/s/www." + this.site + ".example/"
						+ this.section + "/" + this.slug + "-" + this.number + "/amp/";
			}

			String imageUrl() {
				return "https://static." + this.site + ".example/uploads/" + this.date.getYear() + "/"
						+ twoDigits(this.date.getMonthValue()) + "/" + this.slug + "-" + this.number + ".jpg";
			}

		}

	}

	/** Walks an archive the way ingest does: depth first, each directory sorted by name, hidden entries skipped. */
	static void walk(Path directory, Consumer<Path> visitor) {
		List<Path> children = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			entries.forEach(children::add);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		children.sort(Comparator.comparing(child -> child.getFileName().toString()));
		for (Path child : children) {
			String name = child.getFileName().toString();
			if (name.startsWith(".")) {
				continue;
			}
			if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
				walk(child, visitor);
			}
			else if (name.endsWith(".md") || name.endsWith(".markdown")) {
				visitor.accept(child);
			}
		}
	}

	/**
	 * One parse-only pass over the archive: read, hash and parse every file, one after another on
	 * this thread, with nothing written anywhere. What the articles hold is counted, both to
	 * keep the work from being optimised away and to check the database against it.
	 */
	record ParsePass(long parsed, long rejected, long links, long images, long related, long nanos, long cpuNanos) {

		static ParsePass run(ArticleParser parser, Path root) {
			long[] counts = new long[5];
			ThreadMXBean threads = ManagementFactory.getThreadMXBean();
			long cpu = threads.getCurrentThreadCpuTime();
			long start = System.nanoTime();
			walk(root, file -> {
				ParseResult result = parser.parse(file);
				if (result instanceof ParseResult.Parsed parsed) {
					Article article = parsed.article();
					counts[0]++;
					counts[2] += article.links().size();
					counts[3] += article.images().size();
					for (RelatedArticle related : article.related()) {
						counts[3] += related.images().size();
					}
					counts[4] += article.related().size();
				}
				else {
					counts[1]++;
				}
			});
			long nanos = System.nanoTime() - start;
			return new ParsePass(counts[0], counts[1], counts[2], counts[3], counts[4], nanos,
					threads.getCurrentThreadCpuTime() - cpu);
		}

		double rate() {
			return (this.parsed + this.rejected) / (this.nanos / 1e9);
		}

		String describe() {
			long files = this.parsed + this.rejected;
			return String.format("%,.0f files/s (%d parsed, %d rejected, %.1f s); thread cpu %.1f s = %.3f ms/file, "
					+ "%,.0f files/s on a core of its own", rate(), this.parsed, this.rejected, this.nanos / 1e9,
					this.cpuNanos / 1e9, this.cpuNanos / 1e6 / files, files / (this.cpuNanos / 1e9));
		}

	}

	/** One timed run of the ingest steps, with where its time and CPU went. */
	/**
	 * The ingest reader over an unchanged archive, with no job around it: the walk with its stats,
	 * the batched lookups, the comparison. What "recognised without reading" costs.
	 */
	record Recognition(long files, long byStat, long read, long nanos, long lookupNanos) {

		static Recognition run(IngestRepositories tables, Path root) throws Exception {
			long[] counts = new long[4];
			long start = System.nanoTime();
			ArticleFileReader reader = new ArticleFileReader(List.of(root), paths -> {
				long lookup = System.nanoTime();
				try {
					return tables.known().find(paths);
				}
				finally {
					counts[3] += System.nanoTime() - lookup;
				}
			}, candidate -> {
				synchronized (counts) {
					counts[2]++;
				}
				return null;
			}, 200);
			reader.open(new org.springframework.batch.infrastructure.item.ExecutionContext());
			try {
				for (PreparedArticle prepared = reader.read(); prepared != null; prepared = reader.read()) {
					prepared.outcome().join();
					counts[0]++;
					if (prepared.candidate().unchangedByStat()) {
						counts[1]++;
					}
				}
			}
			finally {
				reader.close();
			}
			return new Recognition(counts[0], counts[1], counts[2], System.nanoTime() - start, counts[3]);
		}

	}

	record JobRun(JobExecution execution, long nanos, long jvmCpuNanos, long postgresCpuNanos) {

		static JobRun start(JobOperator operator, Job job, Path root, long runId, PostgresCpu postgresCpu) throws Exception {
			long cpu = jvmCpu();
			Map<String, Long> postgres = postgresCpu.snapshot();
			long start = System.nanoTime();
			JobExecution execution = operator.start(job, RunParameters.forRun(List.of(root), runId));
			long nanos = System.nanoTime() - start;
			return new JobRun(execution, nanos, jvmCpu() - cpu, PostgresCpu.nanosBetween(postgres, postgresCpu.snapshot()));
		}

		double rate(long files) {
			return files / (this.nanos / 1e9);
		}

		String describe(long files) {
			StringBuilder out = new StringBuilder(String.format("%,.0f files/s, %.1f s, %s", rate(files), this.nanos / 1e9,
					this.execution.getStatus()));
			for (StepExecution step : this.execution.getStepExecutions()) {
				String name = step.getStepName().substring(step.getStepName().indexOf('.') + 1);
				Duration took = (step.getStartTime() != null && step.getEndTime() != null)
						? Duration.between(step.getStartTime(), step.getEndTime()) : Duration.ZERO;
				out.append(String.format("; %s %.1f s (read %d, written %d, filtered %d, commits %d)", name,
						took.toMillis() / 1e3, step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
						step.getCommitCount()));
			}
			double seconds = this.nanos / 1e9;
			out.append(String.format("%n                         cpu: JVM %.1f s (%.2f cores, %.3f ms/file)",
					this.jvmCpuNanos / 1e9, this.jvmCpuNanos / 1e9 / seconds, this.jvmCpuNanos / 1e6 / files));
			if (this.postgresCpuNanos >= 0) {
				out.append(String.format(", postgres %.1f s (%.2f cores, %.3f ms/file)",
						this.postgresCpuNanos / 1e9, this.postgresCpuNanos / 1e9 / seconds, this.postgresCpuNanos / 1e6 / files));
			}
			return out.toString();
		}

		private static long jvmCpu() {
			return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
		}

	}

	/**
	 * CPU time used by the local PostgreSQL server on behalf of the benchmark, read from
	 * {@code /proc}: the backends connected to the benchmark's database and the server's own
	 * processes (WAL writer, checkpointer, ...), but not the backends of other databases, which
	 * other work on the machine may be using. Processes that exit during a run take their time with
	 * them; the benchmark's connection pool keeps its connections.
	 */
	static final class PostgresCpu {

		/** Clock ticks per second of {@code /proc/<pid>/stat}; 100 on Linux x86 and ARM. */
		private static final double TICKS_PER_SECOND = 100;

		private final String database;

		private PostgresCpu(String database) {
			this.database = database;
		}

		/** The server of a JDBC URL; it has no {@link #snapshot()} unless it runs on this machine. */
		static PostgresCpu of(String jdbcUrl) {
			boolean local = jdbcUrl.contains("//127.0.0.1") || jdbcUrl.contains("//localhost");
			String path = jdbcUrl.substring(jdbcUrl.lastIndexOf('/') + 1);
			int query = path.indexOf('?');
			return new PostgresCpu(local ? ((query >= 0) ? path.substring(0, query) : path) : null);
		}

		/**
		 * The CPU time used between two snapshots by the processes alive at the second.
		 * @return nanoseconds, or -1 when either snapshot is missing
		 */
		static long nanosBetween(Map<String, Long> before, Map<String, Long> after) {
			if (before == null || after == null) {
				return -1;
			}
			long ticks = 0;
			for (Map.Entry<String, Long> process : after.entrySet()) {
				ticks += process.getValue() - before.getOrDefault(process.getKey(), 0L);
			}
			return (long) (ticks / TICKS_PER_SECOND * 1e9);
		}

		/** The CPU clock ticks used so far by each counted process, or {@code null} where they cannot be told. */
		Map<String, Long> snapshot() {
			Path proc = Path.of("/proc");
			if (this.database == null || !Files.isDirectory(proc)) {
				return null;
			}
			Map<String, Long> ticks = new HashMap<>();
			try (DirectoryStream<Path> pids = Files.newDirectoryStream(proc, "[0-9]*")) {
				for (Path pid : pids) {
					try {
						String stat = Files.readString(pid.resolve("stat"));
						int open = stat.indexOf('(');
						int close = stat.lastIndexOf(')');
						if (open < 0 || close < 0 || !stat.substring(open + 1, close).equals("postgres") || !counts(pid)) {
							continue;
						}
						String[] fields = stat.substring(close + 2).split(" ");
						// after the command: state is field 3 of stat(5), utime 14 and stime 15
						ticks.put(pid.getFileName().toString(), Long.parseLong(fields[11]) + Long.parseLong(fields[12]));
					}
					catch (IOException | RuntimeException ex) {
						// the process ended while being read
					}
				}
			}
			catch (IOException ex) {
				return null;
			}
			return ticks;
		}

		/** A client backend shows {@code user database host(port) state}; count only ours. */
		private boolean counts(Path pid) throws IOException {
			String title = Files.readString(pid.resolve("cmdline")).replace('\0', ' ');
			boolean clientBackend = title.contains("(") || title.contains("[local]");
			return !clientBackend || title.contains(" " + this.database + " ");
		}

	}

	/**
	 * The machine's load average: the benchmark measures wall-clock rates, which mean little when
	 * other work shares the cores, so it says when they did.
	 */
	static final class Load {

		private Load() {
		}

		static String describe(String when) {
			int cores = Runtime.getRuntime().availableProcessors();
			double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
			if (load < 0) {
				return "load average " + when + ": unknown";
			}
			return String.format("load average %s    :  %.2f on %d cores%s", when, load, cores,
					(load > cores * 0.75) ? "  (WARNING: other work shares the cores; wall-clock rates are pessimistic)" : "");
		}

	}

	/** Heap use during one phase. */
	record HeapPhase(long sampledPeak, long poolPeaks, long afterGcPeak, long collections, long collectionMillis) {

		HeapPhase max(HeapPhase other) {
			return new HeapPhase(Math.max(this.sampledPeak, other.sampledPeak), Math.max(this.poolPeaks, other.poolPeaks),
					Math.max(this.afterGcPeak, other.afterGcPeak), this.collections + other.collections,
					this.collectionMillis + other.collectionMillis);
		}

		String describe() {
			return String.format("heap: peak used %d MiB (sampled), pools' peaks %d MiB, at most %d MiB after a GC "
					+ "(old garbage included); %d GCs, %.1f s of pauses", this.sampledPeak / MIB, this.poolPeaks / MIB,
					this.afterGcPeak / MIB, this.collections, this.collectionMillis / 1e3);
		}

	}

	/**
	 * Watches the heap: samples its use every 50 ms on a daemon thread, records the heap left after
	 * each collection (the live set, which must stay flat as the archive grows), and reads the
	 * memory pools' own peak counters.
	 */
	static final class HeapMonitor implements AutoCloseable {

		private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans()
			.stream()
			.filter(pool -> pool.getType() == MemoryType.HEAP)
			.toList();

		private final Set<String> heapPoolNames = this.heapPools.stream()
			.map(MemoryPoolMXBean::getName)
			.collect(Collectors.toSet());

		private final AtomicLong sampledPeak = new AtomicLong();

		private final AtomicLong afterGcPeak = new AtomicLong();

		private final List<Runnable> unsubscribe = new ArrayList<>();

		private final Thread sampler;

		private volatile boolean running = true;

		private long collectionsAtStart;

		private long collectionMillisAtStart;

		HeapMonitor() {
			NotificationListener listener = (notification, handback) -> {
				if (GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
					GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo
						.from((CompositeData) notification.getUserData());
					long live = info.getGcInfo()
						.getMemoryUsageAfterGc()
						.entrySet()
						.stream()
						.filter(pool -> this.heapPoolNames.contains(pool.getKey()))
						.mapToLong(pool -> pool.getValue().getUsed())
						.sum();
					this.afterGcPeak.accumulateAndGet(live, Math::max);
				}
			};
			for (GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans()) {
				if (collector instanceof NotificationEmitter emitter) {
					emitter.addNotificationListener(listener, null, null);
					this.unsubscribe.add(() -> {
						try {
							emitter.removeNotificationListener(listener);
						}
						catch (javax.management.ListenerNotFoundException ex) {
							// already gone
						}
					});
				}
			}
			this.sampler = new Thread(this::sample, "heap-sampler");
			this.sampler.setDaemon(true);
			this.sampler.start();
		}

		void startPhase() {
			this.heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
			this.sampledPeak.set(used());
			this.afterGcPeak.set(0);
			this.collectionsAtStart = collections();
			this.collectionMillisAtStart = collectionMillis();
		}

		HeapPhase endPhase() {
			this.sampledPeak.accumulateAndGet(used(), Math::max);
			long poolPeaks = this.heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
			return new HeapPhase(this.sampledPeak.get(), poolPeaks, this.afterGcPeak.get(),
					collections() - this.collectionsAtStart, collectionMillis() - this.collectionMillisAtStart);
		}

		/**
		 * The heap still used after a full collection: what the application keeps between runs. Called
		 * between timed phases only, as it costs a full GC.
		 */
		long retained() {
			System.gc();
			return used();
		}

		@Override
		public void close() {
			this.running = false;
			this.sampler.interrupt();
			this.unsubscribe.forEach(Runnable::run);
		}

		private void sample() {
			while (this.running) {
				this.sampledPeak.accumulateAndGet(used(), Math::max);
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}

		private static long used() {
			return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}

		private static long collections() {
			return ManagementFactory.getGarbageCollectorMXBeans()
				.stream()
				.mapToLong(GarbageCollectorMXBean::getCollectionCount)
				.filter(count -> count > 0)
				.sum();
		}

		private static long collectionMillis() {
			return ManagementFactory.getGarbageCollectorMXBeans()
				.stream()
				.mapToLong(GarbageCollectorMXBean::getCollectionTime)
				.filter(millis -> millis > 0)
				.sum();
		}

	}

	/**
	 * Checks that the runs measured did what ingest must: a benchmark of a broken run measures
	 * nothing. What the parse-only pass counted is what the tables must hold.
	 */
	static final class Verification {

		private Verification() {
		}

		static List<String> check(JdbcTemplate jdbc, IngestSummaries summaries, Archive archive, ParsePass parse,
				JobRun first, JobRun second, long distinctUrls) {
			List<String> problems = new ArrayList<>();
			long files = archive.files();
			expect(problems, "parse-only pass: files parsed", parse.parsed(), files);
			expect(problems, "parse-only pass: files rejected", parse.rejected(), 0);
			for (JobRun run : List.of(first, second)) {
				if (run.execution().getStatus() != BatchStatus.COMPLETED) {
					problems.add("job execution " + run.execution().getId() + " ended " + run.execution().getStatus() + " "
							+ run.execution().getExitStatus().getExitDescription());
				}
			}
			IngestSummary one = summaries.of(first.execution());
			IngestSummary two = summaries.of(second.execution());
			expect(problems, "first run: files seen", one.filesSeen(), files);
			expect(problems, "first run: files parsed", one.parsed(), files);
			expect(problems, "first run: files rejected", one.rejected(), 0);
			expect(problems, "first run: warnings", one.warnings(), 0);
			expect(problems, "second run: files seen", two.filesSeen(), files);
			expect(problems, "second run: files unchanged", two.unchanged(), files);
			expect(problems, "second run: files parsed", two.parsed(), 0);
			expect(problems, "second run: new URLs", two.newUrls(), 0);
			expect(problems, "live articles in the database", count(jdbc,
					"SELECT count(*) FROM newsprobe.article WHERE gone_at IS NULL"), files);
			expect(problems, "ingest_error rows", count(jdbc, "SELECT count(*) FROM newsprobe.ingest_error"), 0);
			expect(problems, "article_link rows (links the parser found)",
					count(jdbc, "SELECT count(*) FROM newsprobe.article_link"), parse.links());
			expect(problems, "article_image rows (images the parser found)",
					count(jdbc, "SELECT count(*) FROM newsprobe.article_image"), parse.images());
			expect(problems, "related_article rows (related entries the parser found)",
					count(jdbc, "SELECT count(*) FROM newsprobe.related_article"), parse.related());
			expect(problems, "url_state rows (distinct link URLs)", count(jdbc, "SELECT count(*) FROM newsprobe.url_state"),
					distinctUrls);
			if (distinctUrls >= parse.links()) {
				problems.add("no URL is shared between files, so the url_state dedupe was not exercised");
			}
			return problems;
		}

		private static void expect(List<String> problems, String what, long actual, long expected) {
			if (actual != expected) {
				problems.add(what + ": " + actual + ", expected " + expected);
			}
		}

	}

}
