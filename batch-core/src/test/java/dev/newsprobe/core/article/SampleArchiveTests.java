package dev.newsprobe.core.article;

import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests that the sample archive under {@code samples/articles} reads the way {@code samples/README.md}
 * says it does, file by file. The README's table is the expectation, so the two cannot drift apart.
 */
class SampleArchiveTests {

	private static final Path SAMPLES = Path.of("..", "samples");

	private static final Path ARTICLES = SAMPLES.resolve("articles");

	private static final Pattern ROW = Pattern
		.compile("^\\| `([^`]+)` \\| (ingested|ingested with warning ([A-Z0-9_]+)|rejected ([A-Z0-9_]+)) \\|");

	/** Found by comparing files, never by reading one file alone; the parser cannot raise it. */
	private static final Set<FindingCode> CROSS_FILE = Set.of(FindingCode.DUPLICATE_WEB_URL);

	private final ArticleParser parser = new ArticleParser(FrontMatterLimits.DEFAULTS);

	@Test
	void theReadmeListsEverySampleFileAndOnlyFilesThatExist() {
		// given
		Set<String> listed = expectedOutcomes().keySet();

		// when
		Set<String> onDisk = new TreeSet<>(sampleFiles());

		// then
		assertThat(listed).hasSizeGreaterThanOrEqualTo(20);
		assertThat(onDisk).containsExactlyInAnyOrderElementsOf(listed);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("sampleFiles")
	void eachSampleFileHasTheOutcomeTheReadmeStates(String file) {
		// given
		Expected expected = expectedOutcomes().get(file);
		assertThat(expected).as("%s is listed in samples/README.md", file).isNotNull();

		// when
		ParseResult result = this.parser.parse(ARTICLES.resolve(file));

		// then
		if (expected.rejection() != null) {
			assertThat(result).as("%s should be rejected", file).isInstanceOf(ParseResult.Rejected.class);
			Finding finding = ((ParseResult.Rejected) result).finding();
			assertThat(finding.code()).as("%s: %s", file, finding.describe()).isEqualTo(expected.rejection());
			assertThat(finding.message()).isNotBlank().doesNotStartWith("unexpected problem");
			return;
		}
		assertThat(result).as("%s should be ingested, got %s", file, describe(result)).isInstanceOf(ParseResult.Parsed.class);
		Article article = ((ParseResult.Parsed) result).article();
		if (expected.warning() == null || CROSS_FILE.contains(expected.warning())) {
			assertThat(article.findings()).as("%s is listed as ingested without warning", file).isEmpty();
		}
		else {
			assertThat(article.findings()).as(file).isNotEmpty();
			assertThat(article.findings()).as("%s may only have %s findings", file, expected.warning())
				.extracting(Finding::code)
				.containsOnly(expected.warning());
		}
	}

	@Test
	void exactlyTheFilesListedWithADuplicateWebUrlShareTheirNormalisedWebUrl() {
		// given
		Map<String, List<String>> filesByWebUrl = new TreeMap<>();
		for (String file : sampleFiles()) {
			if (this.parser.parse(ARTICLES.resolve(file)) instanceof ParseResult.Parsed parsed) {
				parsed.article()
					.links()
					.stream()
					.filter((link) -> link.role() == LinkRole.WEB && link.valid())
					.forEach((link) -> filesByWebUrl.computeIfAbsent(link.url(), (url) -> new ArrayList<>()).add(file));
			}
		}

		// when
		Set<String> sharing = filesByWebUrl.values()
			.stream()
			.filter((files) -> files.size() > 1)
			.flatMap(List::stream)
			.collect(Collectors.toCollection(TreeSet::new));

		// then
		Set<String> listed = expectedOutcomes().entrySet()
			.stream()
			.filter((entry) -> entry.getValue().warning() == FindingCode.DUPLICATE_WEB_URL)
			.map(Map.Entry::getKey)
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(listed).hasSize(2);
		assertThat(sharing).isEqualTo(listed);
	}

	@Test
	void theInvalidUrlsSampleHasItsThreeFindingsOnTheirLines() {
		// when
		ParseResult result = this.parser.parse(ARTICLES.resolve("warnings/warn-invalid-urls.md"));

		// then
		assertThat(result).isInstanceOf(ParseResult.Parsed.class);
		Article article = ((ParseResult.Parsed) result).article();
		assertThat(article.findings()).extracting(Finding::code).containsOnly(FindingCode.INVALID_URL).hasSize(3);
		assertThat(article.findings()).extracting(Finding::message)
			.anySatisfy((message) -> assertThat(message).contains("ftp://files.harbourdaily.example/x.jpg"))
			.anySatisfy((message) -> assertThat(message).contains("javascript:alert(1)"))
			.anySatisfy((message) -> assertThat(message).contains("bad host.example"));
		assertThat(article.findings()).allSatisfy((finding) -> assertThat(finding.line()).isPositive());
	}

	@Test
	void theBomAndCrlfSamplesReadLikeAnyOther() {
		// when
		Article bom = parsed("tech/utf8-bom-images-empty.md");
		Article crlf = parsed("2024/06/crlf-line-endings.md");

		// then
		assertThat(bom.title()).isEqualTo("Museum Puts Its Entire Map Collection Online, Café Menus Included");
		assertThat(bom.images()).isEmpty();
		assertThat(crlf.title()).isEqualTo("Harbour Rowing Club Wins Its First Regional Title in Three Decades");
		assertThat(crlf.webUrl())
			.isEqualTo("https://www.harbourdaily.example/sport/2024/06/23/rowing-club-regional-title-8834410/");
		assertThat(crlf.topics()).containsExactly("Rowing", "Local sport");
	}

	@Test
	void theUnknownKeysSampleKeepsItsKeysForTheRoundTrip() {
		// when
		Article article = parsed("business/extra-unknown-keys.md");

		// then
		assertThat(article.extra().keySet()).containsExactly("author", "legacyId", "tags", "editorNote");
		assertThat(article.extra().get("legacyId")).isEqualTo(1234L);
	}

	@Test
	void theBodyLinksSampleCitesItsMarkdownAndHtmlLinks() {
		// when
		Article article = parsed("tech/body-links-and-tab-in-string.md");

		// then
		assertThat(article.excerpt()).contains("Station\tReading\tLimit");
		assertThat(article.links()).filteredOn((link) -> link.role() == LinkRole.BODY_LINK || link.role() == LinkRole.BODY_IMAGE)
			.extracting(ArticleLink::role, ArticleLink::url)
			.containsExactly(
					tuple(LinkRole.BODY_LINK, "https://data.north-star-herald.example/air/hourly.csv"),
					tuple(LinkRole.BODY_LINK,
							"https://www.tidewire.example/data/air-monitor-7?station=harbour&from=2024-01-01"),
					tuple(LinkRole.BODY_IMAGE,
							"https://cdn.north-star-herald.example/uploads/2024/10/no2-hourly.png"),
					tuple(LinkRole.BODY_LINK, "https://north-star-herald.example/about/methodology"),
					tuple(LinkRole.BODY_IMAGE,
							"https://cdn.north-star-herald.example/uploads/2024/10/no2-monthly.png"),
					tuple(LinkRole.BODY_LINK,
							"https://north-star-herald.example/news/council-misses-air-target-2208/"));
	}

	private Article parsed(String file) {
		ParseResult result = this.parser.parse(ARTICLES.resolve(file));
		assertThat(result).as("%s should be ingested, got %s", file, describe(result)).isInstanceOf(ParseResult.Parsed.class);
		return ((ParseResult.Parsed) result).article();
	}

	private static String describe(ParseResult result) {
		return (result instanceof ParseResult.Rejected rejected) ? "a rejection: " + rejected.finding() : "an article";
	}

	static List<String> sampleFiles() {
		assertThat(ARTICLES).as("the sample archive, from the batch-core module directory").isDirectory();
		try (Stream<Path> files = Files.walk(ARTICLES)) {
			return files.filter(Files::isRegularFile)
				.map((file) -> ARTICLES.relativize(file).toString().replace('\\', '/'))
				.sorted()
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, Expected> expectedOutcomes() {
		List<String> lines;
		try {
			lines = Files.readAllLines(SAMPLES.resolve("README.md"), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		Map<String, Expected> outcomes = new LinkedHashMap<>();
		for (String line : lines) {
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				FindingCode warning = (row.group(3) != null) ? FindingCode.valueOf(row.group(3)) : null;
				FindingCode rejection = (row.group(4) != null) ? FindingCode.valueOf(row.group(4)) : null;
				Expected previous = outcomes.put(row.group(1), new Expected(warning, rejection));
				assertThat(previous).as("%s is listed once", row.group(1)).isNull();
			}
		}
		assertThat(outcomes).as("the outcome table of samples/README.md").isNotEmpty();
		outcomes.values().forEach((expected) -> {
			assertThat(expected.warning() == null || !expected.warning().rejects()).isTrue();
			assertThat(expected.rejection() == null || expected.rejection().rejects()).isTrue();
		});
		return outcomes;
	}

	/** One row of the README's table: ingested (both null), ingested with a warning, or rejected. */
	private record Expected(FindingCode warning, FindingCode rejection) {
	}

}
