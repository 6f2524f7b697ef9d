package dev.newsprobe.core.writeback;

import java.nio.charset.StandardCharsets;
import java.util.List;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ParseResult;
import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FrontMatterEditorTests {

	private static final String MESSY = "\uFEFF---\r\n"
			+ "# kept: a comment line\r\n"
			+ "title: \"Quotes \\\"inside\\\" and a tab\\t\"   \r\n"
			+ "webUrl: https://old.example/a  # where it lived\r\n"
			+ "ampWebUrl: 'https://old.example/a/amp/'\r\n"
			+ "images:\r\n"
			+ "  - url: \"https://img.example/1.jpg\"\r\n"
			+ "    width: 700\r\n"
			+ "    isCached: false # declared\r\n"
			+ "  -   url: https://img.example/2.jpg\r\n"
			+ "      isCached: \"true\"\r\n"
			+ "  - {url: 'https://img.example/3.jpg', isCached: FALSE}\r\n"
			+ "  - url: https://img.example/4.jpg\r\n"
			+ "    title: no flag   \r\n"
			+ "related:\r\n"
			+ "  - title: Other\r\n"
			+ "    webUrl: \"https://old.example/b\"\r\n"
			+ "    images: [{url: https://img.example/5.jpg}, {url: https://img.example/6.jpg, isCached: yes}]\r\n"
			+ "---\r\n"
			+ "Body with [a link](https://old.example/a) and isCached: false text.\r\n"
			+ "\r\n"
			+ "<img src=\"https://img.example/1.jpg\">  \r\n";

	private final FrontMatterEditor editor = new FrontMatterEditor(FrontMatterLimits.DEFAULTS);

	@Test
	void onlyTheEditedValuesChangeByteForByteInAMessyCrlfFile() {
		byte[] before = bytes(MESSY);

		EditResult result = this.editor.edit(before, List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true),
				Edit.flag(FieldPath.image(null, 1, "isCached"), false), Edit.flag(FieldPath.image(null, 2, "isCached"), true),
				Edit.flag(FieldPath.image(null, 3, "isCached"), true), Edit.flag(FieldPath.image(0, 0, "isCached"), true),
				Edit.flag(FieldPath.image(0, 1, "isCached"), false),
				Edit.text(FieldPath.key("webUrl"), "https://old.example/a", "https://new.example/a?page=1"),
				Edit.text(FieldPath.key("ampWebUrl"), "https://old.example/a/amp/", "https://new.example/it's/amp/"),
				Edit.text(FieldPath.related(0, "webUrl"), "https://old.example/b", "https://new.example/b?q=\"x\"\\y")));

		assertThat(result.refusals()).isEmpty();
		assertThat(result.changes()).hasSize(9);
		assertThat(result.bytes()).isEqualTo(replaceEach(before,
				"isCached: false # declared", "isCached: true # declared",
				"isCached: \"true\"", "isCached: \"false\"",
				"isCached: FALSE}", "isCached: TRUE}",
				"title: no flag   \r\n", "title: no flag   \r\n    isCached: true\r\n",
				"{url: https://img.example/5.jpg}", "{url: https://img.example/5.jpg, isCached: true}",
				"isCached: yes}", "isCached: no}",
				"webUrl: https://old.example/a  #", "webUrl: https://new.example/a?page=1  #",
				"'https://old.example/a/amp/'", "'https://new.example/it''s/amp/'",
				"\"https://old.example/b\"", "\"https://new.example/b?q=\\\"x\\\"\\\\y\""));
		Article article = parse(result.bytes());
		assertThat(article.images()).extracting(image -> image.declaredIsCached()).containsExactly(true, false, true, true);
		assertThat(article.related().get(0).images()).extracting(image -> image.declaredIsCached()).containsExactly(true, false);
		assertThat(article.webUrl()).isEqualTo("https://new.example/a?page=1");
		assertThat(article.ampWebUrl()).isEqualTo("https://new.example/it's/amp/");
		assertThat(article.related().get(0).webUrl()).isEqualTo("https://new.example/b?q=\"x\"\\y");
		assertThat(article.title()).isEqualTo("Quotes \"inside\" and a tab\t");
	}

	@Test
	void theChangesSayWhatWasThereAndOnWhichLine() {
		EditResult result = this.editor.edit(bytes(MESSY), List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true),
				Edit.flag(FieldPath.image(null, 3, "isCached"), true)));

		assertThat(result.changes()).containsExactly(
				new EditResult.Change(FieldPath.image(null, 0, "isCached"), "false", "true", 9),
				new EditResult.Change(FieldPath.image(null, 3, "isCached"), null, "true", 15));
	}

	@Test
	void aValueAlreadyRightIsNoChangeAndTheSameBytesComeBack() {
		byte[] before = bytes(MESSY);

		EditResult result = this.editor.edit(before, List.of(Edit.flag(FieldPath.image(null, 1, "isCached"), true),
				Edit.flag(FieldPath.image(0, 1, "isCached"), true)));

		assertThat(result.changed()).isFalse();
		assertThat(result.refusals()).isEmpty();
		assertThat(result.bytes()).isSameAs(before);
	}

	@Test
	void aPlainUrlThatCannotStayPlainIsQuotedAndReadsBackTheSame() {
		byte[] before = bytes("---\nwebUrl: https://old.example/a\nimages: [{url: https://img.example/1.jpg, isCached: true}]\n---\n");

		EditResult result = this.editor.edit(before,
				List.of(Edit.text(FieldPath.key("webUrl"), "https://old.example/a", "https://new.example/a #frag"),
						Edit.text(FieldPath.image(null, 0, "url"), "https://img.example/1.jpg", "https://img.example/1.jpg?a=1,2")));

		assertThat(new String(result.bytes(), StandardCharsets.UTF_8)).isEqualTo(
				"---\nwebUrl: 'https://new.example/a #frag'\nimages: [{url: 'https://img.example/1.jpg?a=1,2', isCached: true}]\n---\n");
	}

	@Test
	void emptyAndNullFlagsAreFilledIn() {
		byte[] before = bytes("---\nimages:\n  - url: https://img.example/1.jpg\n    isCached:\n  - url: https://img.example/2.jpg\n"
				+ "    isCached: ~\n---\nbody\n");

		EditResult result = this.editor.edit(before, List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true),
				Edit.flag(FieldPath.image(null, 1, "isCached"), false)));

		assertThat(new String(result.bytes(), StandardCharsets.UTF_8)).isEqualTo("---\nimages:\n  - url: https://img.example/1.jpg\n"
				+ "    isCached: true\n  - url: https://img.example/2.jpg\n    isCached: false\n---\nbody\n");
	}

	@Test
	void nullListEntriesAreSkippedAsTheParserSkipsThem() {
		byte[] before = bytes("---\nimages:\n  - ~\n  -\n  - url: https://img.example/1.jpg\n    isCached: false\n---\n");

		EditResult result = this.editor.edit(before, List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true)));

		assertThat(new String(result.bytes(), StandardCharsets.UTF_8)).endsWith("isCached: true\n---\n");
		assertThat(parse(result.bytes()).images().get(0).declaredIsCached()).isTrue();
	}

	@Test
	void valuesBehindAnchorsOrAliasesAreRefusedAndTheOtherEditsStillApply() {
		byte[] before = bytes("---\nimages:\n  - &img {url: https://img.example/1.jpg, isCached: false}\n  - *img\n"
				+ "  - url: https://img.example/2.jpg\n    isCached: &flag false\n  - url: https://img.example/3.jpg\n"
				+ "    isCached: false\n---\n");

		EditResult result = this.editor.edit(before,
				List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true), Edit.flag(FieldPath.image(null, 1, "isCached"), true),
						Edit.flag(FieldPath.image(null, 2, "isCached"), true), Edit.flag(FieldPath.image(null, 3, "isCached"), true)));

		assertThat(result.refusals()).extracting(EditResult.Refusal::path)
			.containsExactly(FieldPath.image(null, 0, "isCached"), FieldPath.image(null, 1, "isCached"),
					FieldPath.image(null, 2, "isCached"));
		assertThat(result.refusals()).allSatisfy(refusal -> assertThat(refusal.reason()).contains("anchor or is an alias"));
		assertThat(result.bytes()).isEqualTo(replaceEach(before, "3.jpg\n    isCached: false", "3.jpg\n    isCached: true"));
	}

	@Test
	void multiLineAndBlockValuesAreRefused() {
		byte[] before = bytes("---\nwebUrl: \"https://old.example/\n  a\"\nampWebUrl: >\n  https://old.example/amp\n---\n");

		EditResult result = this.editor.edit(before,
				List.of(Edit.text(FieldPath.key("webUrl"), "https://old.example/ a", "https://new.example/"),
						Edit.text(FieldPath.key("ampWebUrl"), "https://old.example/amp\n", "https://new.example/amp")));

		assertThat(result.changed()).isFalse();
		assertThat(result.refusals()).extracting(EditResult.Refusal::reason)
			.containsExactly("webUrl is written over several lines; only single-line values are edited",
					"ampWebUrl is written over several lines; only single-line values are edited");
	}

	@Test
	void aTextThatIsNotTheExpectedOneOrAMissingPathIsRefused() {
		byte[] before = bytes("---\nwebUrl: https://other.example/\nimages: []\n---\n");

		EditResult result = this.editor.edit(before,
				List.of(Edit.text(FieldPath.key("webUrl"), "https://old.example/", "https://new.example/"),
						Edit.flag(FieldPath.image(null, 0, "isCached"), true), Edit.text(FieldPath.key("ampWebUrl"), "a", "b")));

		assertThat(result.changed()).isFalse();
		assertThat(result.refusals()).extracting(EditResult.Refusal::reason)
			.containsExactly("webUrl holds 'https://other.example/', not the expected 'https://old.example/'",
					"images[0] is not in the file", "ampWebUrl is not in the file");
	}

	@Test
	void aValueWithAnExplicitTagIsRefused() {
		byte[] before = bytes("---\nimages:\n  - url: https://img.example/1.jpg\n    isCached: !!bool false\n---\n");

		EditResult result = this.editor.edit(before, List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true)));

		assertThat(result.changed()).isFalse();
		assertThat(result.refusals()).singleElement().satisfies(refusal -> assertThat(refusal.reason()).contains("explicit tag"));
	}

	@Test
	void aFileThatIsNotUtf8OrHasNoFrontMatterIsRefusedWhole() {
		assertThat(this.editor.edit(new byte[] { '-', '-', '-', '\n', 't', ':', ' ', (byte) 0xE9, '\n', '-', '-', '-', '\n' },
				List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true))).refusals())
			.containsExactly(new EditResult.Refusal(null, "the file is not valid UTF-8"));
		assertThat(this.editor.edit(bytes("no front matter\n"), List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true)))
			.refusals()).containsExactly(new EditResult.Refusal(null, "the file has no closed front matter between '---' lines"));
	}

	@Test
	void textsBeyondTheBasicPlaneKeepTheirPlace() {
		byte[] before = bytes("---\ntitle: \"\uD83D\uDCF0 news \uD83D\uDE00\"\nimages:\n  - {title: \"\uD83D\uDE00\", url: https://img.example/1.jpg,"
				+ " isCached: false}\n---\n\uD83D\uDE00 body\n");

		EditResult result = this.editor.edit(before, List.of(Edit.flag(FieldPath.image(null, 0, "isCached"), true)));

		assertThat(result.bytes()).isEqualTo(replaceEach(before, "isCached: false}", "isCached: true}"));
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	/** The bytes with each unique snippet replaced: what a write-back must produce and nothing else. */
	static byte[] replaceEach(byte[] bytes, String... pairs) {
		String text = new String(bytes, StandardCharsets.UTF_8);
		for (int i = 0; i < pairs.length; i += 2) {
			int at = text.indexOf(pairs[i]);
			assertThat(at).as("snippet %s", pairs[i]).isNotNegative();
			assertThat(text.indexOf(pairs[i], at + 1)).as("snippet %s is unique", pairs[i]).isNegative();
			text = text.substring(0, at) + pairs[i + 1] + text.substring(at + pairs[i].length());
		}
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static Article parse(byte[] bytes) {
		ParseResult result = new ArticleParser(FrontMatterLimits.DEFAULTS).parse("a.md", bytes);
		assertThat(result).isInstanceOf(ParseResult.Parsed.class);
		return ((ParseResult.Parsed) result).article();
	}

}
