package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.newsprobe.app.NewsprobeApplication;
import dev.newsprobe.app.database.LocalPostgres;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.database.DatabaseSchema;
import dev.newsprobe.jobs.test.Archives;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code newsprobe} command line as a user types it, run in-process against a real
 * PostgreSQL: output, exit codes, and what lands in the database.
 */
class NewsprobeCliIntegrationTests {

	static String databaseUrl;

	static JdbcTemplate jdbc;

	static final String ALLOW_LOOPBACK = "--newsprobe.probe.allowed-networks=127.0.0.1/32";

	@TempDir
	Path tmp;

	@BeforeAll
	static void database() {
		databaseUrl = TestDatabases.freshDatabase(NewsprobeCliIntegrationTests.class);
		SimpleDriverDataSource dataSource = new SimpleDriverDataSource(new org.postgresql.Driver(), databaseUrl,
				TestDatabases.user(), "");
		new DatabaseSchema(dataSource).migrate();
		jdbc = new JdbcTemplate(dataSource);
	}

	@Test
	void helpListsTheCommandsAndExitCodesWithoutTouchingADatabase() {
		Result result = newsprobe(false, "--help");

		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("audit", "refresh", "status", "Exit codes:", "3   stopped (restartable)");
	}

	@Test
	void everyCommandHasHelp() {
		for (String command : List.of("audit", "refresh", "status")) {
			Result result = newsprobe(false, command, "--help");
			assertThat(result.code()).as(command).isZero();
			assertThat(result.out()).as(command).startsWith("Usage: newsprobe " + command);
		}
	}

	@Test
	void aMissingOrUnknownArgumentIsAUsageErrorWithExitCodeTwo() {
		assertThat(newsprobe(false, "audit").code()).isEqualTo(2);
		assertThat(newsprobe(false, "audit").err()).contains("Missing required option: '--input=DIR'");
		assertThat(newsprobe(false, "frobnicate").code()).isEqualTo(2);
		assertThat(newsprobe(false).code()).isEqualTo(2);
		assertThat(newsprobe(false, "audit", "--input", "x", "--run-date", "yesterday").code()).isEqualTo(2);
	}

	@Test
	void everyHelpWrapsAtWholeWordsAndListsItsExitCodes() throws Exception {
		CommandLine root = new CommandLine(new NewsprobeCommand(), new CommandLine.IFactory() {
			@Override
			public <K> K create(Class<K> type) throws Exception {
				try {
					var constructor = type.getDeclaredConstructor(NewsprobeRuntime.class);
					constructor.setAccessible(true);
					return constructor.newInstance(new NewsprobeRuntime(args -> null, new String[0]));
				}
				catch (NoSuchMethodException ex) {
					return CommandLine.defaultFactory().create(type);
				}
			}
		});
		List<CommandLine> commands = new ArrayList<>();
		collect(root, commands);
		assertThat(commands).hasSizeGreaterThanOrEqualTo(14);
		for (CommandLine command : commands) {
			List<String> path = new ArrayList<>(List.of(command.getCommandSpec().qualifiedName(" ").split(" ")));
			path.remove(0);
			path.add("--help");
			Result result = newsprobe(false, path.toArray(String[]::new));
			String name = command.getCommandSpec().qualifiedName();

			assertThat(result.code()).as(name).isZero();
			if (!command.getCommandSpec().name().equals("help")) {
				assertThat(result.out()).as(name).contains("Exit codes:", "  0 ");
			}
			assertThat(result.out().lines()).as(name + ": no line wider than the help, unless one word is")
				.allMatch(line -> line.length() <= 100 || !line.strip().contains(" "));
			for (String word : words(command.getCommandSpec())) {
				assertThat(result.out()).as(name + ": '" + word + "' whole")
					.containsPattern("(^|\\s)" + Pattern.quote(word) + "(\\s|$)");
			}
		}
	}

	@Test
	void aMistypedCommandOrOptionIsAUsageErrorThatSaysWhatWasMeant() {
		Result command = newsprobe(false, "audti", "--input", "x");
		Result option = newsprobe(false, "audit", "--inptu", this.tmp.toString());

		assertThat(command.code()).isEqualTo(2);
		assertThat(command.err()).contains("'audti'", "did you mean 'audit'?");
		assertThat(option.code()).isEqualTo(2);
		assertThat(option.err()).contains("Unknown option: '--inptu'", "did you mean '--input'?");
	}

	@Test
	void aDateThatIsNoDateIsAUsageErrorSayingWhy() {
		Result month = newsprobe(false, "audit", "--input", this.tmp.toString(), "--run-date", "2026-13-45");
		Result day = newsprobe(false, "audit", "--input", this.tmp.toString(), "--run-date", "2026-02-30");

		assertThat(month.code()).isEqualTo(2);
		assertThat(month.err()).contains("Invalid value for option '--run-date': '2026-13-45' is not a date: there is no month 13")
			.doesNotContain("Exception");
		assertThat(day.err()).contains("'2026-02-30' is not a date: there is no day 30 in 2026-02 (it has 28 days)");
	}

	@Test
	void aFileOrANestedDirectoryAsAnInputRootIsAUsageErrorForAuditAndScheduleAlike() throws Exception {
		Path root = Files.createDirectories(this.tmp.resolve("roots"));
		Path file = root.resolve("one.md");
		Archives.writeArticle(file, 5);
		Path inner = Files.createDirectories(root.resolve("inner"));

		Result auditFile = newsprobe(false, "audit", "--input", file.toString());
		Result scheduleFile = newsprobe(true, "schedule", "--input", file.toString());
		Result nested = newsprobe(false, "audit", "--input", root.toString(), "--input", inner.toString());

		assertThat(auditFile.code()).isEqualTo(2);
		assertThat(auditFile.err()).contains("input root " + file + " is a file; --input takes a directory of article files,"
				+ " searched recursively (e.g. " + root + ")");
		assertThat(scheduleFile.code()).isEqualTo(2);
		assertThat(scheduleFile.err()).contains("input root " + file + " is a file; --input takes a directory");
		assertThat(nested.code()).isEqualTo(2);
		assertThat(nested.err()).contains("input root " + inner + " lies inside input root " + root + "; give " + root + " alone");
	}

	private static void collect(CommandLine command, List<CommandLine> into) {
		into.add(command);
		command.getSubcommands().values().stream().distinct().forEach(sub -> collect(sub, into));
	}

	/** Every word of a command's help texts: its summary, description, options, parameters and exit codes. */
	private static List<String> words(CommandLine.Model.CommandSpec spec) {
		List<String> texts = new ArrayList<>(List.of(spec.usageMessage().description()));
		spec.options().forEach(option -> texts.addAll(List.of(option.renderedDescription())));
		spec.positionalParameters().forEach(parameter -> texts.addAll(List.of(parameter.renderedDescription())));
		texts.addAll(spec.usageMessage().exitCodeList().values());
		List<String> words = new ArrayList<>();
		for (String text : texts) {
			for (String word : text.split("\\s+")) {
				if (!word.isBlank()) {
					words.add(word);
				}
			}
		}
		return words;
	}

	@Test
	void anInputRootThatDoesNotExistIsAUsageErrorNamingIt() {
		Result result = newsprobe(false, "audit", "--input", this.tmp.resolve("nowhere").toString());

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("nowhere does not exist");
	}

	@Test
	void inputRootsTooLongForTheJobRepositoryAreAUsageErrorSayingWhatToDo() throws Exception {
		List<String> args = new ArrayList<>(List.of("audit"));
		for (int i = 0; i < 60; i++) {
			Path root = Files.createDirectories(this.tmp.resolve("archive-part-with-a-rather-long-directory-name-" + i));
			args.addAll(List.of("--input", root.toString()));
		}

		Result result = newsprobe(false, args.toArray(String[]::new));

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("the 60 input roots take", "more than the 2,500 the job repository keeps",
				"common parent directory");
	}

	@Test
	void auditIngestsTheSamplesPrintsASummaryAndTheSecondRunFindsEveryFileUnchanged() {
		Path archive = Archives.copyOfSamples(this.tmp);

		Result first = newsprobe(true, "audit", "--input", archive.toString());
		Result second = newsprobe(true, "audit", "--input", archive.toString());

		assertThat(first.code()).isZero();
		assertThat(first.out()).contains("COMPLETED", "28 seen: 18 parsed, 0 unchanged, 10 rejected");
		assertThat(second.code()).isZero();
		assertThat(second.out()).contains("28 seen: 0 parsed, 28 unchanged, 0 rejected");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM newsprobe.article WHERE path LIKE ?", Long.class,
				archive + "/%")).isEqualTo(18);
	}

	@Test
	void aSecondTriggerForACompletedNightDoesNothingAndSucceeds() {
		Path archive = this.tmp.resolve("night");
		Archives.writeArticle(archive.resolve("a.md"), 1);

		Result first = newsprobe(true, "audit", "--input", archive.toString(), "--run-date", "2026-11-20");
		Result second = newsprobe(true, "audit", "--input", archive.toString(), "--run-date", "2026-11-20");

		assertThat(first.code()).isZero();
		assertThat(second.code()).isZero();
		assertThat(second.out()).contains("already completed", "nothing to do");
	}

	@Test
	void aFailedNightExitsOneAndTheNextTriggerRestartsIt() {
		Path archive = this.tmp.resolve("failing");
		for (int i = 0; i < 30; i++) {
			Archives.writeArticle(archive.resolve("f" + i + ".md"), 1000 + i);
		}
		jdbc.execute("""
				CREATE OR REPLACE FUNCTION newsprobe.cli_test_refuse() RETURNS trigger AS $$
				BEGIN RAISE EXCEPTION 'database refuses writes (simulated by the test)'; END $$ LANGUAGE plpgsql
				""");
		jdbc.execute("CREATE TRIGGER cli_test_refuse BEFORE INSERT ON newsprobe.ingest_error "
				+ "FOR EACH ROW EXECUTE FUNCTION newsprobe.cli_test_refuse()");
		try {
			Archives.writeArticle(archive.resolve("z-bad.md"), 0);
			writeBrokenFile(archive.resolve("z-bad.md"));
			Result failed = newsprobe(true, "audit", "--input", archive.toString(), "--run-date", "2026-11-21");
			assertThat(failed.code()).isEqualTo(1);
			assertThat(failed.out()).contains("FAILED");
			assertThat(failed.err()).contains("database refuses writes", "run the same command again");
		}
		finally {
			jdbc.execute("DROP TRIGGER cli_test_refuse ON newsprobe.ingest_error");
		}

		Result restarted = newsprobe(true, "audit", "--input", archive.toString(), "--run-date", "2026-11-21");

		assertThat(restarted.code()).isZero();
		assertThat(restarted.out()).contains("Restarted articleAuditJob", "COMPLETED");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM newsprobe.article WHERE path LIKE ?", Long.class,
				archive + "/%")).isEqualTo(30);
	}

	@Test
	void auditWithWriteBackFixesAStaleFlagInTheFileAndSaysSo() throws Exception {
		Path archive = this.tmp.resolve("write-back");
		Path file = archive.resolve("a.md");
		Archives.writeArticle(file, 77);
		String before = Files.readString(file);
		assertThat(newsprobe(true, "audit", "--input", archive.toString()).code()).isZero();
		// the image turned out to be gone, and is not due for another check tonight
		jdbc.update("UPDATE newsprobe.url_state SET verdict = 'BROKEN', next_check_at = now() + interval '1 day' WHERE url = ?",
				"https://img.news0.example/77.jpg");

		Result result = newsprobe(true, "audit", "--input", archive.toString(), "--write-back");

		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("written 1 files rewritten (cached), 1 values changed, 0 left alone");
		assertThat(Files.readString(file)).isEqualTo(before.replace("isCached: true", "isCached: false"));
	}

	@Test
	void anUnknownWriteBackChoiceIsAUsageError() {
		Result result = newsprobe(false, "audit", "--input", this.tmp.toString(), "--write-back=everything");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("write-back takes 'cached', 'moved' or 'cached,moved', not 'everything'");
	}

	@Test
	void statusListsTheRecentExecutionsNewestFirst() {
		Path archive = this.tmp.resolve("status");
		Archives.writeArticle(archive.resolve("s.md"), 7);
		newsprobe(true, "audit", "--input", archive.toString());

		Result result = newsprobe(true, "status", "--limit", "3");

		assertThat(result.code()).isZero();
		assertThat(result.out()).contains("Running now: nothing.", "EXECUTION", "articleAuditJob", "COMPLETED",
				"input=" + archive);
		assertThat(result.out().lines().filter(line -> line.matches("^\\d+ .*")).count()).isBetween(1L, 3L);
	}

	@Test
	void withoutAConfiguredDatabaseTheEmbeddedOneStartsUnderNewsprobeHomeAndKeepsRunningForTheNextCommand() throws Exception {
		Path home = this.tmp.resolve("home");
		Path archive = Archives.copyOfSamples(this.tmp);
		try {
			Result result = run(List.of("--newsprobe.home=" + home, "--spring.datasource.url="), "audit", "--input",
					archive.toString());

			assertThat(result.code()).isZero();
			assertThat(result.err()).contains("embedded PostgreSQL in " + home.resolve("postgres"),
					"keeps running after this command ('newsprobe db stop' stops it)");
			assertThat(result.out()).contains("28 seen: 18 parsed");
			assertThat(home.resolve("postgres.port")).exists();
			LocalPostgres server = LocalPostgres.in(home);
			assertThat(server.pid()).as("still running after the command").isPresent();
			try (var connection = java.sql.DriverManager.getConnection(server.jdbcUrl(), LocalPostgres.USER,
					server.password()); var statement = connection.createStatement();
					var rs = statement.executeQuery("SELECT count(*) FROM newsprobe.article")) {
				rs.next();
				assertThat(rs.getLong(1)).isEqualTo(18);
			}

			Result again = run(List.of("--newsprobe.home=" + home, "--spring.datasource.url="), "audit", "--input",
					archive.toString());

			assertThat(again.code()).isZero();
			assertThat(again.err()).contains("using the embedded PostgreSQL of " + home);
			assertThat(again.out()).contains("28 seen: 0 parsed, 28 unchanged");
		}
		finally {
			LocalPostgres.in(home).stop();
		}
	}

	@Test
	void refreshRevalidatesExpiredEntriesWith304sAndReportsTheImagesThatDisagree() throws Exception {
		try (FixtureWeb web = FixtureWeb.start()) {
			web.route("/story", Response.html("<title>Story</title>").header("ETag", "\"s1\"").validated())
				.route("/gone.png", Response.status(404));
			Path archive = this.tmp.resolve("refresh");
			Files.createDirectories(archive);
			Files.writeString(archive.resolve("r.md"), "---\ntitle: r\nwebUrl: \"" + web.url("/story") + "\"\nimages:\n"
					+ "  - url: \"" + web.url("/gone.png") + "\"\n    isCached: true\n---\n");
			Result audit = newsprobe(true, "audit", "--input", archive.toString(), ALLOW_LOOPBACK);
			assertThat(audit.code()).isZero();
			// the summary counts the whole database, which other tests of this class share
			assertThat(audit.out()).containsPattern("images  \\d+ disagree with their isCached")
				.contains("1 changed in this run", "image_reconciliation");
			assertThat(jdbc.queryForObject("SELECT state FROM newsprobe.image_reconciliation WHERE url = ?", String.class,
					web.url("/gone.png"))).isEqualTo("DISAGREE");
			jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() - interval '1 minute' WHERE url = ?",
					web.url("/story"));
			int goneAsked = web.hits("/gone.png");

			Result refresh = newsprobe(true, "refresh", ALLOW_LOOPBACK);

			assertThat(refresh.code()).as(refresh.err()).isZero();
			assertThat(refresh.out()).contains("cacheRefreshJob execution", "COMPLETED", "probed  1 URLs: 1 OK",
					"1 unchanged: 304");
			assertThat(refresh.out()).containsPattern("images  \\d+ disagree");
			assertThat(web.hits("/story")).isEqualTo(2);
			assertThat(web.hits("/gone.png")).as("not expired").isEqualTo(goneAsked);
		}
	}

	@Test
	void auditRecheckAllProbesFreshUrlsAgain() throws Exception {
		try (FixtureWeb web = FixtureWeb.start()) {
			web.route("/fresh", Response.html("<title>Fresh</title>"));
			Path archive = this.tmp.resolve("recheck");
			Files.createDirectories(archive);
			Files.writeString(archive.resolve("f.md"), "---\ntitle: f\nwebUrl: \"" + web.url("/fresh") + "\"\n---\n");
			newsprobe(true, "audit", "--input", archive.toString(), ALLOW_LOOPBACK);
			Result plain = newsprobe(true, "audit", "--input", archive.toString(), ALLOW_LOOPBACK);
			assertThat(plain.out()).contains("probed  0 URLs");

			Result forced = newsprobe(true, "audit", "--input", archive.toString(), "--recheck-all", ALLOW_LOOPBACK);

			assertThat(forced.code()).isZero();
			assertThat(forced.out()).contains("probed  1 URLs: 1 OK");
			assertThat(web.hits("/fresh")).isEqualTo(2);
		}
	}

	@Test
	void inconsistentFreshnessOrReconcileSettingsAreAConfigurationErrorNamingTheSetting() {
		Result minAboveMax = newsprobe(true, "refresh", "--newsprobe.freshness.min-ttl=10d",
				"--newsprobe.freshness.max-ttl=7d");
		Result emptyLadder = newsprobe(true, "refresh", "--newsprobe.freshness.broken-backoff=");
		Result zeroChunk = newsprobe(true, "refresh", "--newsprobe.reconcile.chunk-size=0");

		assertThat(minAboveMax.code()).isEqualTo(2);
		assertThat(minAboveMax.err()).contains("min-ttl", "max-ttl");
		assertThat(emptyLadder.code()).isEqualTo(2);
		assertThat(emptyLadder.err()).contains("broken-backoff");
		assertThat(zeroChunk.code()).isEqualTo(2);
		assertThat(zeroChunk.err()).contains("newsprobe.reconcile.chunk-size");
	}

	@Test
	void refreshTakesNoArguments() {
		Result result = newsprobe(false, "refresh", "--input", "x");

		assertThat(result.code()).isEqualTo(2);
		assertThat(result.err()).contains("Unknown option", "newsprobe refresh --help");
	}

	private static void writeBrokenFile(Path file) {
		try {
			Files.writeString(file, "---\ntitle: Breaking: news\n---\n");
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	private Result newsprobe(boolean withDatabase, String... args) {
		List<String> config = withDatabase
				? List.of("--spring.datasource.url=" + databaseUrl, "--spring.datasource.username=" + TestDatabases.user())
				: List.of();
		return run(config, args);
	}

	private static Result run(List<String> config, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(config);
		PrintWriter errWriter = new PrintWriter(err);
		NewsprobeCli cli = new NewsprobeCli(springArgs -> NewsprobeApplication.start(springArgs, errWriter),
				new PrintWriter(out), errWriter);
		int code = cli.execute(all.toArray(String[]::new));
		return new Result(code, out.toString(), err.toString());
	}

	record Result(int code, String out, String err) {
	}

}
