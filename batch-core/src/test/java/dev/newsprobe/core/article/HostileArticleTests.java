package dev.newsprobe.core.article;

import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.StringJoiner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Tests for {@link ArticleParser} against files written to hurt it: alias bombs, huge files,
 * deep nesting, files that vanish, class-instantiating tags. None of them may throw, and each
 * must cost little: the proofs are in the results (nothing expanded, nothing read), never in a clock.
 */
class HostileArticleTests {

	private final ArticleParser parser = new ArticleParser(FrontMatterLimits.DEFAULTS);

	@Test
	void aBillionLaughsAliasBombIsRejectedWithoutBeingExpanded() {
		// given ten levels of ten aliases: 10^10 strings if it were ever expanded, which no test could wait for
		String bomb = billionLaughs(10, 10);
		assertThat(bomb.length()).as("the bomb is small on disk").isLessThan(2048);

		// when
		ParseResult result = this.parser.parse("bomb.md", bomb.getBytes(StandardCharsets.UTF_8));

		// then
		Finding finding = rejected(result);
		assertThat(finding.code()).isEqualTo(FindingCode.ALIAS_LIMIT);
		assertThat(finding.line()).as("the line of the alias over the limit").isEqualTo(6);
		assertThat(finding.message()).contains("more than 20 aliases").contains("it was not expanded");
		assertThat(((ParseResult.Rejected) result).contentHash()).as("the bytes were read and hashed").hasSize(64);
	}

	@Test
	void anAliasBombUnderTheAliasLimitIsStoppedByTheValueBudget() {
		// given 19 aliases (under the limit of 20) to a list of 3000 values: 57 000 values once followed
		StringJoiner values = new StringJoiner(",", "[", "]");
		for (int i = 0; i < 3000; i++) {
			values.add("1");
		}
		StringJoiner aliases = new StringJoiner(",", "[", "]");
		for (int i = 0; i < 19; i++) {
			aliases.add("*a");
		}
		String text = "---\ntitle: fine\nbase: &a " + values + "\ncopies: " + aliases + "\n---\n";

		// when
		Finding finding = rejected(this.parser.parse("wide.md", text.getBytes(StandardCharsets.UTF_8)));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.NESTING_LIMIT);
		assertThat(finding.message()).isEqualTo("the front matter holds more than 50000 values once aliases are followed");
	}

	@Test
	void tighterLimitsAreHonoured() {
		// given
		ArticleParser strict = new ArticleParser(new FrontMatterLimits(1024, 2, 5, 10));
		String threeAliases = "---\na: &a [1]\nb: [*a, *a, *a]\n---\n";
		String deep = "---\na: [[[[[[1]]]]]]\n---\n";
		String manyValues = "---\na: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]\n---\n";
		String large = "---\ntitle: \"" + "x".repeat(1100) + "\"\n---\n";

		// when / then
		assertThat(rejected(strict.parse("a.md", utf8(threeAliases))).code()).isEqualTo(FindingCode.ALIAS_LIMIT);
		assertThat(rejected(strict.parse("b.md", utf8(deep))).code()).isEqualTo(FindingCode.NESTING_LIMIT);
		assertThat(rejected(strict.parse("c.md", utf8(manyValues))).message()).contains("more than 10 values");
		assertThat(rejected(strict.parse("d.md", utf8(large))).code()).isEqualTo(FindingCode.TOO_LARGE);
	}

	@Test
	void nestingBeyondTheLimitIsRejected() {
		// given 100 nested lists and 40 nested mappings, both under 1 KB
		String lists = "---\nx: " + "[".repeat(100) + "]".repeat(100) + "\n---\n";
		String mappings = "---\n" + "k: {".repeat(40) + "v: 1" + "}".repeat(40) + "\n---\n";

		// when
		Finding listFinding = rejected(this.parser.parse("lists.md", utf8(lists)));
		Finding mappingFinding = rejected(this.parser.parse("mappings.md", utf8(mappings)));

		// then
		assertThat(listFinding.code()).isEqualTo(FindingCode.NESTING_LIMIT);
		assertThat(listFinding.message()).isEqualTo("the front matter nests deeper than 30 levels");
		assertThat(mappingFinding.code()).isEqualTo(FindingCode.NESTING_LIMIT);
	}

	@Test
	void aFiftyMegabyteFileIsRejectedAsTooLargeWithoutBeingRead(@TempDir Path dir) throws IOException {
		// given a sparse 50 MiB file
		Path huge = dir.resolve("huge.md");
		try (RandomAccessFile file = new RandomAccessFile(huge.toFile(), "rw")) {
			file.write("---\ntitle: huge\n".getBytes(StandardCharsets.UTF_8));
			file.setLength(50L * 1024 * 1024);
		}

		// when
		ParseResult result = this.parser.parse(huge);

		// then no content hash: the bytes were never read
		assertThat(result).isInstanceOf(ParseResult.Rejected.class);
		ParseResult.Rejected rejected = (ParseResult.Rejected) result;
		assertThat(rejected.path()).isEqualTo(huge.toString());
		assertThat(rejected.contentHash()).isNull();
		assertThat(rejected.finding().code()).isEqualTo(FindingCode.TOO_LARGE);
		assertThat(rejected.finding().line()).isZero();
		assertThat(rejected.finding().message()).contains("the file is 50.0 MiB").contains("limit of 4.0 MiB");
		ArticleSource source = this.parser.read(huge);
		assertThat(source.readable()).isFalse();
		assertThat(source.bytes()).isNull();
		assertThat(source.contentHash()).isNull();
		assertThat(source.problem().code()).isEqualTo(FindingCode.TOO_LARGE);
	}

	@Test
	void tooManyBytesInMemoryAreRejectedButStillHashed() {
		// given
		ArticleParser small = new ArticleParser(new FrontMatterLimits(100, 20, 30, 50_000));
		byte[] bytes = utf8("---\ntitle: \"" + "x".repeat(200) + "\"\n---\n");

		// when
		ParseResult result = small.parse("big.md", bytes);

		// then
		Finding finding = rejected(result);
		assertThat(finding.code()).isEqualTo(FindingCode.TOO_LARGE);
		assertThat(finding.message()).isEqualTo("the file is " + bytes.length + " bytes, more than the limit of 100 bytes");
		assertThat(((ParseResult.Rejected) result).contentHash()).isEqualTo(ArticleParser.sha256(bytes));
	}

	@Test
	void aFileJustUnderTheLimitIsReadFromDisk(@TempDir Path dir) throws IOException {
		// given
		Path file = dir.resolve("ok.md");
		Files.writeString(file, "---\ntitle: fits\n---\n", StandardCharsets.UTF_8);
		ArticleParser exact = new ArticleParser(new FrontMatterLimits(Files.size(file), 20, 30, 50_000));

		// when
		ParseResult result = exact.parse(file);

		// then
		assertThat(result).isInstanceOf(ParseResult.Parsed.class);
		assertThat(((ParseResult.Parsed) result).article().title()).isEqualTo("fits");
		assertThat(result.path()).isEqualTo(file.toString());
	}

	@Test
	void aLimitOfSeveralGibibytesStillReadsTheWholeFile(@TempDir Path dir) throws IOException {
		// given
		Path file = dir.resolve("ok.md");
		Files.writeString(file, "---\ntitle: fits\n---\n", StandardCharsets.UTF_8);

		for (long limit : new long[] { Long.MAX_VALUE, 4L << 30, 3L << 30 }) {
			ArticleParser generous = new ArticleParser(new FrontMatterLimits(limit, 20, 30, 50_000));

			// when
			ParseResult[] result = new ParseResult[1];
			assertThatCode(() -> result[0] = generous.parse(file)).as("limit %d", limit).doesNotThrowAnyException();

			// then
			assertThat(result[0]).as("limit %d", limit).isInstanceOf(ParseResult.Parsed.class);
		}
	}

	@Test
	void aFileThatVanishedIsUnreadable(@TempDir Path dir) {
		// given
		Path gone = dir.resolve("gone.md");

		// when
		ParseResult result = this.parser.parse(gone);

		// then
		assertThat(result).isInstanceOf(ParseResult.Rejected.class);
		ParseResult.Rejected rejected = (ParseResult.Rejected) result;
		assertThat(rejected.contentHash()).isNull();
		assertThat(rejected.finding().code()).isEqualTo(FindingCode.UNREADABLE);
		assertThat(rejected.finding().message()).isEqualTo("the file vanished before it could be read");
	}

	@Test
	void aDirectoryIsUnreadable(@TempDir Path dir) {
		// when
		ParseResult result = this.parser.parse(dir);

		// then
		Finding finding = rejected(result);
		assertThat(finding.code()).isEqualTo(FindingCode.UNREADABLE);
		assertThat(finding.message()).isEqualTo("the path is now a directory; only regular files are read");
	}

	@Test
	void aGlobalTagNamingAJavaClassNeverCreatesTheObject(@TempDir Path dir) {
		// given a tag that would create a file if SnakeYAML constructed it
		Path target = dir.resolve("pwned");
		String text = "---\ntitle: innocent\nx: !!java.io.FileOutputStream [\"" + target.toString().replace("\\", "/")
				+ "\"]\n---\n";

		// when
		ParseResult[] result = new ParseResult[1];
		assertThatCode(() -> result[0] = this.parser.parse("tag.md", utf8(text))).doesNotThrowAnyException();

		// then
		assertThat(target).doesNotExist();
		assertThat(result[0]).isInstanceOf(ParseResult.Rejected.class);
		assertThat(((ParseResult.Rejected) result[0]).finding().line()).isEqualTo(3);
	}

	@Test
	void aLocalTagIsRefusedWithItsPlaceBecauseItAsksForATypeNewsprobeDoesNotHave() {
		// given
		String text = "---\ntitle: !custom hello\n---\n";

		// when
		Finding finding = rejected(this.parser.parse("tag.md", utf8(text)));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.UNSUPPORTED_TAG);
		assertThat(finding.describe()).startsWith("line 2, column 8: the tag '!custom' asks for a type newsprobe does not read");
	}

	@Test
	void randomlyDamagedArticlesNeverThrowAndNeverHitAnUnexpectedProblem() {
		// given a fixed seed, so a failure is reproducible
		byte[] original = utf8("""
				---
				title: "Harbour Council Approves Seawall"
				publishedDateTime: 2024-05-14T07:42:00+01:00
				webUrl: "https://www.harbourdaily.example/local/seawall/"
				ampWebUrl: "https://www.harbourdaily.example/local/seawall/amp/"
				cdnAmpWebUrl: "https://www-harbourdaily-example.cdn.ampproject.org/c/s/www.harbourdaily.example/local/seawall/amp/"
				quality: 41
				provider: {name: "Harbour Daily", domain: harbourdaily.example}
				topics: ["Flood defence"]
				images:
				  - url: "https://img.harbourdaily.example/seawall.jpg"
				    width: 1200
				    isCached: true
				related:
				  - webUrl: "https://north-star-herald.example/news/wall/"
				    images: [{url: "https://cdn.north-star-herald.example/wall.jpg"}]
				extra: &e {a: [1, 2]}
				again: *e
				---
				Body with [a link](https://www.harbourdaily.example/x) and <img src="/y.png">.
				""");
		byte[] alphabet = utf8(":-[]{}&*!|>'\"#%@`\t\n\r ,?.0123456789az\u0000");
		Random random = new Random(20240514L);

		for (int i = 0; i < 1000; i++) {
			byte[] damaged = original.clone();
			for (int m = 1 + random.nextInt(3); m > 0; m--) {
				int at = random.nextInt(damaged.length);
				damaged[at] = random.nextBoolean() ? alphabet[random.nextInt(alphabet.length)] : (byte) random.nextInt(256);
			}

			// when (an exception fails the test with the case's stack trace)
			ParseResult result = this.parser.parse("damaged.md", damaged);

			// then
			assertThat(result).as("case %d", i).isNotNull();
			if (result instanceof ParseResult.Rejected rejected) {
				assertThat(rejected.finding().code()).as("case %d: %s", i, rejected.finding()).isNotEqualTo(FindingCode.INTERNAL);
				assertThat(rejected.finding().code().rejects()).isTrue();
			}
		}
	}

	private static String billionLaughs(int levels, int width) {
		StringBuilder yaml = new StringBuilder("---\ntitle: \"Harmless Looking Article\"\n");
		char name = 'a';
		yaml.append(name).append(": &").append(name).append(" [");
		for (int i = 0; i < width; i++) {
			yaml.append((i > 0) ? "," : "").append("\"lol\"");
		}
		yaml.append("]\n");
		for (int level = 1; level < levels; level++) {
			char previous = name;
			name++;
			yaml.append(name).append(": &").append(name).append(" [");
			for (int i = 0; i < width; i++) {
				yaml.append((i > 0) ? "," : "").append('*').append(previous);
			}
			yaml.append("]\n");
		}
		return yaml.append("---\n").toString();
	}

	private static Finding rejected(ParseResult result) {
		assertThat(result).as("expected a rejection of %s", result.path()).isInstanceOf(ParseResult.Rejected.class);
		return ((ParseResult.Rejected) result).finding();
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
