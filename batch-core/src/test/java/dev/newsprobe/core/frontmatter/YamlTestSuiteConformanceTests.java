package dev.newsprobe.core.frontmatter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.ParseResult;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.Yaml;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The official YAML test suite (vendored under {@code src/test/resources/yaml-test-suite}), every
 * case fed to the article parser as a front matter, twice: as the whole front matter ("top") and
 * nested under an unknown key ("nested", indented by two spaces under {@code suite:}, beside a
 * {@code title}). Every error case must be rejected with a rejecting code and a line; every valid
 * case whose one document is a mapping must be accepted with the suite's expected data (its
 * {@code json:}), except the few listed in {@link #TREATED_OTHERWISE}, each with its reason, which
 * must then be rejected with a line (so the list cannot go stale).
 * <p>
 * How a case becomes a front matter: a front matter is YAML between two {@code ---} lines, and its
 * opening line is the YAML document's start, so a case's own first line {@code ---} is dropped; a
 * case with a {@code ---}, {@code ...} or {@code %} directive line elsewhere is not nested (such a
 * line cannot stand inside a value). Cases whose front matter would close early at such a line are
 * multi-document or directive cases and are not valid single-mapping cases.
 */
class YamlTestSuiteConformanceTests {

	/**
	 * Valid single-mapping cases newsprobe rejects, and why; {@code ID@top} when only the
	 * top-level form is rejected. Every entry must actually be rejected with a line.
	 */
	static final Map<String, String> TREATED_OTHERWISE = Map.ofEntries(
			// Deliberate: tags that ask for a type newsprobe does not have are refused, not ignored.
			entry("7FWL", "a local tag (!bar): refused, newsprobe constructs no type from a tag"),
			entry("CUP7", "a local tag (!local): refused, newsprobe constructs no type from a tag"),
			entry("M5C3", "a local tag (!foo): refused, newsprobe constructs no type from a tag"),
			entry("Z67P", "a local tag (!foo): refused, newsprobe constructs no type from a tag"),
			entry("UGM3", "a global tag (tag:clarkevans.com,2002:invoice): refused, newsprobe constructs no type from a tag"),
			// Deliberate: the keys of a front matter are names.
			entry("6BFJ@top", "a list as a top-level key: an article's fields are named by text"),
			entry("6PBE@top", "a list as a top-level key: an article's fields are named by text"),
			entry("LX3P@top", "a list as a top-level key: an article's fields are named by text"),
			entry("M2N8/1@top", "a list as a top-level key: an article's fields are named by text"),
			entry("M5DY@top", "a list or mapping as a top-level key: an article's fields are named by text"),
			entry("Q9WF@top", "a mapping as a top-level key: an article's fields are named by text"),
			entry("RZP5@top", "a list as a top-level key: an article's fields are named by text"),
			entry("SBG9@top", "a list as a top-level key: an article's fields are named by text"),
			entry("XW4D@top", "a list as a top-level key: an article's fields are named by text"),
			entry("X38W", "the same list twice as a key (once through an alias): DUPLICATE_KEY, which value is meant is unknown"),
			entry("2JQS", "empty keys (': a'), twice: an empty key is no name; also a duplicate"),
			entry("6M2F", "an empty key (': *a'): an empty key is no name"),
			entry("NHX8", "an empty key (':'): an empty key is no name"),
			entry("S3PD", "an empty key (': # Both empty'): an empty key is no name"),
			entry("SM9W/1", "an empty key (':'): an empty key is no name"),
			entry("FRK4", "an empty key in a flow mapping ('{ ? foo :, : bar }'); the YAML library refuses it too"),
			// Gaps of SnakeYAML Engine 3.2 (the YAML library): it refuses these valid forms.
			entry("4MUZ/0", "library: a flow mapping's ':' on the line after its JSON-like key"),
			entry("4MUZ/1", "library: a flow mapping's ':' on the line after its JSON-like key"),
			entry("4MUZ/2", "library: a flow mapping's ':' on the line after its JSON-like key"),
			entry("5MUD", "library: a flow mapping's ':' on the line after its JSON-like key"),
			entry("K3WX", "library: a flow mapping's ':' on the line after its key and a comment"),
			entry("VJP3/1", "library: a flow mapping's ':' on a line of its own"),
			entry("58MP", "library: a plain ':x' as a value in a flow mapping ('{x: :x}')"),
			entry("NB6Z", "library: a tab on a continuation line of a multi-line plain text"),
			entry("UV7Q", "library: a tab on a continuation line of a multi-line plain text in a list"),
			entry("Q5MG@top", "library: a tab before a flow mapping at the start of the document"),
			entry("W5VH", "library: ':' and other indicators in an anchor name ('&:@*!$\"<foo>:')"),
			entry("WZ62", "library: an empty value tagged !!str directly followed by ',' in a flow mapping"));

	private static final Path SUITE = suite();

	private final ArticleParser parser = new ArticleParser(FrontMatterLimits.DEFAULTS);

	@TestFactory
	Stream<DynamicTest> everyCaseAsAWholeFrontMatter() {
		return cases().stream().map(c -> DynamicTest.dynamicTest(c.id() + " " + c.name(), () -> check(c, false)));
	}

	@TestFactory
	Stream<DynamicTest> everyCaseNestedUnderAnUnknownKey() {
		return cases().stream().filter(c -> !c.hasMarkers())
			.map(c -> DynamicTest.dynamicTest(c.id() + " " + c.name(), () -> check(c, true)));
	}

	@Test
	void theSuiteIsAllThere() {
		List<Case> cases = cases();
		assertThat(cases.stream().filter(Case::error).count()).as("error cases").isGreaterThanOrEqualTo(90);
		assertThat(cases.stream().filter(c -> !c.error() && c.singleMapping()).count()).as("valid single-mapping cases")
			.isGreaterThanOrEqualTo(130);
		Set<String> ids = new TreeSet<>();
		cases.forEach(c -> ids.add(c.id()));
		assertThat(TREATED_OTHERWISE.keySet()).allSatisfy(key -> assertThat(ids).contains(key.replace("@top", "")));
	}

	private void check(Case c, boolean nested) {
		if (!c.error() && !c.singleMapping()) {
			return;
		}
		String text = nested ? nested(c.yaml()) : "---\n" + topLevel(c.yaml()) + "---\n";
		ParseResult result = this.parser.parse(c.id() + ".md", text.getBytes(StandardCharsets.UTF_8));
		String otherwise = TREATED_OTHERWISE.getOrDefault(c.id(), nested ? null : TREATED_OTHERWISE.get(c.id() + "@top"));
		if (c.error() || otherwise != null) {
			assertThat(result).as("%s must be rejected (%s):%n%s", c.id(), (otherwise != null) ? otherwise : "an error case", text)
				.isInstanceOf(ParseResult.Rejected.class);
			Finding finding = ((ParseResult.Rejected) result).finding();
			assertThat(finding.code().rejects()).isTrue();
			assertThat(finding.line()).as("the line of %s", finding).isPositive();
			return;
		}
		assertThat(result).as("%s must be accepted:%n%s", c.id(), text).isInstanceOf(ParseResult.Parsed.class);
		if (c.json() == null) {
			return;
		}
		Map<String, Object> extra = ((ParseResult.Parsed) result).article().extra();
		Object actual = nested ? extra.get("suite") : extra;
		assertThat(normalized(actual)).as("%s read as the suite's json:%n%s", c.id(), text).isEqualTo(normalized(Json.parse(c.json())));
	}

	/** The case as a whole front matter: its own first '---' line is the front matter's opening line. */
	private static String topLevel(String yaml) {
		String first = yaml.lines().findFirst().orElse("");
		String body = first.replaceAll("[ \t]+$", "").equals("---") ? yaml.substring(Math.min(yaml.length(), yaml.indexOf('\n') + 1)) : yaml;
		return (body.isEmpty() || body.endsWith("\n")) ? body : body + "\n";
	}

	private static String nested(String yaml) {
		StringBuilder text = new StringBuilder("---\ntitle: nested case\nsuite:\n");
		String[] lines = yaml.split("\n", -1);
		// a final line break ends the last line: it starts no empty line of its own
		int count = (yaml.endsWith("\n")) ? lines.length - 1 : lines.length;
		for (String line : java.util.Arrays.copyOf(lines, count)) {
			text.append(line.isEmpty() ? "" : "  " + line).append('\n');
		}
		return text.append("---\n").toString();
	}

	/** Numbers as BigDecimal, so that YAML's 1 and JSON's 1 compare equal, in lists and mappings. */
	private static Object normalized(Object value) {
		if (value instanceof Long || value instanceof Integer || value instanceof BigInteger) {
			return new BigDecimal(value.toString());
		}
		if (value instanceof Double number) {
			return BigDecimal.valueOf(number).stripTrailingZeros();
		}
		if (value instanceof BigDecimal number) {
			return number.signum() == 0 ? BigDecimal.ZERO : number.stripTrailingZeros();
		}
		if (value instanceof List<?> list) {
			return list.stream().map(YamlTestSuiteConformanceTests::normalized).toList();
		}
		if (value instanceof Map<?, ?> map) {
			Map<Object, Object> out = new LinkedHashMap<>();
			map.forEach((k, v) -> out.put(k, normalized(v)));
			return out;
		}
		return value;
	}

	/**
	 * One case of the suite.
	 *
	 * @param id the file name, with {@code /n} for the n-th case of a file holding several
	 * @param name what it tests
	 * @param yaml its YAML text, the suite's visible markers turned into the characters they stand for
	 * @param error whether it must fail
	 * @param singleMapping whether its one document is a mapping (by its event tree)
	 * @param json its expected data, {@code null} when the suite gives none
	 */
	record Case(String id, String name, String yaml, boolean error, boolean singleMapping, String json) {

		boolean hasMarkers() {
			return this.yaml.lines().anyMatch(line -> line.startsWith("---") || line.startsWith("...") || line.startsWith("%"));
		}

	}

	@SuppressWarnings("unchecked")
	static List<Case> cases() {
		List<Case> cases = new ArrayList<>();
		Set<Path> files = new TreeSet<>();
		try (DirectoryStream<Path> dir = Files.newDirectoryStream(SUITE.resolve("src"), "*.yaml")) {
			dir.forEach(files::add);
			for (Path file : files) {
				List<Map<String, Object>> entries = new Yaml().load(Files.readString(file));
				String name = String.valueOf(entries.get(0).get("name"));
				for (int i = 0; i < entries.size(); i++) {
					Map<String, Object> entry = entries.get(i);
					if (!entry.containsKey("yaml")) {
						continue;
					}
					String id = file.getFileName().toString().replace(".yaml", "") + ((entries.size() > 1) ? "/" + i : "");
					String tree = (String) entry.get("tree");
					cases.add(new Case(id, name, visible((String) entry.get("yaml")), Boolean.TRUE.equals(entry.get("fail")),
							tree != null && singleMapping(tree), (String) entry.get("json")));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return cases;
	}

	private static boolean singleMapping(String tree) {
		List<String> events = tree.lines().map(String::strip).toList();
		long documents = events.stream().filter(event -> event.startsWith("+DOC")).count();
		int first = 0;
		while (first < events.size() && !events.get(first).startsWith("+DOC")) {
			first++;
		}
		return documents == 1 && first + 1 < events.size() && events.get(first + 1).startsWith("+MAP");
	}

	/** The suite's markers for invisible characters, as its own tools turn them back. */
	private static String visible(String yaml) {
		return yaml.replace("␣", " ")
			.replaceAll("—*»", "\t")
			.replace("←", "\r")
			.replace("⇔", "\uFEFF")
			.replace("↵", "")
			.replaceAll("∎\n?$", "");
	}

	private static Path suite() {
		try {
			return Path.of(YamlTestSuiteConformanceTests.class.getResource("/yaml-test-suite/COMMIT").toURI()).getParent();
		}
		catch (URISyntaxException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
