package dev.newsprobe.core.article;

import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link ArticleParser}: the real seed article, then one test per kind of mess real
 * archives contain. Inputs are inline text so each test shows the file it is about.
 */
class ArticleParserTests {

	private final ArticleParser parser = new ArticleParser(FrontMatterLimits.DEFAULTS);

	// ---------------------------------------------------------------- the seed article

	@Test
	void theSeedArticleIsReadFieldByFieldWithoutAnyFinding() throws IOException {
		// given
		byte[] seed = seedBytes();

		// when
		Article article = parsed(this.parser.parse("2020/06/amazon-bans-police.md", seed));

		// then
		assertThat(article.path()).isEqualTo("2020/06/amazon-bans-police.md");
		assertThat(article.title()).isEqualTo("Amid Protests Against George Floyd’s Murder, Amazon Bans Police Use of "
				+ "Its Facial Recognition Technology For 1 Year");
		assertThat(article.excerpt()).startsWith("In its bid to support the #BlackLivesMatter movement")
			.endsWith("ban of use of its face recognition tech by poli");
		assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2020, 6, 11, 9, 11, 0, 0, ZoneOffset.UTC));
		assertThat(article.publishedAt().getOffset()).isEqualTo(ZoneOffset.UTC);
		assertThat(article.type()).isEqualTo("article");
		assertThat(article.category()).isEqualTo("news");
		assertThat(article.quality()).isEqualTo(37);
		assertThat(article.heat()).isEqualTo(-1);
		assertThat(article.published()).isFalse();
		assertThat(article.provider()).isEqualTo(new Provider("India.com", "india.com"));
		assertThat(article.topics()).containsExactly("AWS AI", "AI");
		assertThat(article.webUrl()).isEqualTo("https://www.india.com/viral/amid-protests-against-george-floyds-murder-"
				+ "amazon-bans-police-use-of-its-facial-recognition-technology-for-1-year-4055138/");
		assertThat(article.ampWebUrl()).isEqualTo(article.webUrl() + "amp/");
		assertThat(article.cdnAmpWebUrl()).isEqualTo("https://www-india-com.cdn.ampproject.org/c/s/www.india.com/viral/"
				+ "amid-protests-against-george-floyds-murder-amazon-bans-police-use-of-its-facial-recognition-technology-"
				+ "for-1-year-4055138/amp/");
		assertThat(article.bodyLinks()).isEmpty();
		assertThat(article.extra()).isEmpty();
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void theSeedArticleImageKeepsItsDeclaredSizeAndCacheFlag() throws IOException {
		// when
		Article article = parsed(this.parser.parse("seed.md", seedBytes()));

		// then
		assertThat(article.images()).singleElement().satisfies((image) -> {
			assertThat(image.url()).isEqualTo("https://s3.india.com/wp-content/uploads/2020/03/Amazon-1.jpg");
			assertThat(image.declaredWidth()).isEqualTo(700);
			assertThat(image.declaredHeight()).isEqualTo(415);
			assertThat(image.declaredIsCached()).isTrue();
			assertThat(image.title()).startsWith("Amid Protests Against George Floyd’s Murder");
			assertThat(image.line()).isEqualTo(23);
		});
	}

	@Test
	void theSeedArticleRelatedItemsCarryTheirOwnUrlsProvidersAndImages() throws IOException {
		// when
		Article article = parsed(this.parser.parse("seed.md", seedBytes()));

		// then
		assertThat(article.related()).extracting(RelatedArticle::webUrl, RelatedArticle::provider, RelatedArticle::quality,
				RelatedArticle::line)
			.containsExactly(
					tuple("https://siliconangle.com/2020/06/10/aws-bans-police-using-facial-recognition-technology-a-year/",
							new Provider("SiliconANGLE", "siliconangle.com"), 39, 30),
					tuple("https://tech.co/news/facial-recognition-delay-amazon-2020-06", new Provider("Tech.co", "tech.co"),
							39, 44),
					tuple("https://mspoweruser.com/unlike-amazon-microsoft-never-sold-facial-recognition-technology-to-police-forces/",
							new Provider("MSPoweruser", "mspoweruser.com"), 38, 58),
					tuple("https://www.law360.com/articles/1281930/amazon-blocks-facial-recognition-tool-from-cops-for-1-year",
							new Provider("Law360", "law360.com"), 24, 74));
		assertThat(article.related()).extracting(RelatedArticle::ampWebUrl, RelatedArticle::cdnAmpWebUrl)
			.containsExactly(tuple(null, null), tuple(null, null),
					tuple("https://mspoweruser.com/unlike-amazon-microsoft-never-sold-facial-recognition-technology-to-police-forces/amp/",
							"https://mspoweruser-com.cdn.ampproject.org/c/s/mspoweruser.com/unlike-amazon-microsoft-never-sold-"
									+ "facial-recognition-technology-to-police-forces/amp/"),
					tuple("https://www.law360.com/amp/articles/1281930",
							"https://www-law360-com.cdn.ampproject.org/c/s/www.law360.com/amp/articles/1281930"));
		assertThat(article.related().get(0).title())
			.isEqualTo("AWS bans police from using its facial recognition technology for a year");
		assertThat(article.related().get(0).publishedAt())
			.isEqualTo(OffsetDateTime.of(2020, 6, 11, 0, 1, 0, 0, ZoneOffset.UTC));
		assertThat(article.related().get(0).type()).isEqualTo("article");
		assertThat(article.related()).extracting((related) -> related.images().size()).containsExactly(1, 1, 1, 0);
		assertThat(article.related().get(0).images()).singleElement().satisfies((image) -> {
			assertThat(image.url()).isEqualTo(
					"https://d15shllkswkct0.cloudfront.net/wp-content/blogs.dir/1/files/2020/06/34204635424_a4a9ea527d_k.jpg");
			assertThat(image.declaredWidth()).isEqualTo(2048);
			assertThat(image.declaredHeight()).isEqualTo(1536);
			assertThat(image.declaredIsCached()).isTrue();
			assertThat(image.line()).isEqualTo(40);
		});
		assertThat(article.related().get(1).images().get(0).declaredWidth()).isEqualTo(1920);
		assertThat(article.related().get(2).images().get(0).url())
			.isEqualTo("https://mspoweruser.com/wp-content/uploads/2019/04/Microsoft-Facial-Recognition.jpg");
		assertThat(article.related().get(2).images().get(0).declaredHeight()).isEqualTo(1017);
	}

	@Test
	void theSeedArticleCitesFifteenValidUrlsEachWithItsRoleAndLine() throws IOException {
		// when
		Article article = parsed(this.parser.parse("seed.md", seedBytes()));

		// then
		assertThat(article.links()).hasSize(15).allMatch(ArticleLink::valid);
		assertThat(article.links()).extracting(ArticleLink::role)
			.containsExactly(LinkRole.WEB, LinkRole.AMP, LinkRole.CDN_AMP, LinkRole.IMAGE, LinkRole.RELATED_WEB,
					LinkRole.RELATED_IMAGE, LinkRole.RELATED_WEB, LinkRole.RELATED_IMAGE, LinkRole.RELATED_WEB,
					LinkRole.RELATED_AMP, LinkRole.RELATED_CDN_AMP, LinkRole.RELATED_IMAGE, LinkRole.RELATED_WEB,
					LinkRole.RELATED_AMP, LinkRole.RELATED_CDN_AMP);
		assertThat(article.links()).filteredOn((link) -> link.role() == LinkRole.WEB)
			.extracting(ArticleLink::line, ArticleLink::relatedPosition)
			.containsExactly(tuple(6, null));
		assertThat(article.links()).filteredOn((link) -> link.role() == LinkRole.RELATED_WEB)
			.extracting(ArticleLink::relatedPosition)
			.containsExactly(0, 1, 2, 3);
	}

	@Test
	void theSeedArticleKeepsOnlyAHashOfTheSecuredBlobNeverTheBlobItself() throws IOException {
		// given
		byte[] seed = seedBytes();
		Matcher secured = Pattern.compile("(?m)^secured: \"(.*)\"$").matcher(new String(seed, StandardCharsets.UTF_8));
		assertThat(secured.find()).as("the seed has a secured line").isTrue();
		String blob = secured.group(1);

		// when
		Article article = parsed(this.parser.parse("seed.md", seed));

		// then
		assertThat(article.securedSha256()).isEqualTo(sha256(blob.getBytes(StandardCharsets.UTF_8)));
		String everything = article.toString();
		assertThat(everything).doesNotContain(blob)
			.doesNotContain(blob.substring(0, 24))
			.doesNotContain(blob.substring(blob.length() - 24));
		assertThat(article.extra()).doesNotContainKey("secured");
	}

	@Test
	void theContentHashIsTheSha256OfTheFileBytes() throws IOException {
		// given
		byte[] seed = seedBytes();

		// when
		Article article = parsed(this.parser.parse("seed.md", seed));

		// then
		assertThat(article.contentHash()).isEqualTo(sha256(seed)).hasSize(64).matches("[0-9a-f]{64}");
	}

	@Test
	void readingAFileGivesItsBytesAndTheirHashSoAnUnchangedFileCanBeSkippedBeforeParsing(@TempDir Path dir)
			throws IOException {
		// given
		byte[] seed = seedBytes();
		Path file = Files.write(dir.resolve("seed.md"), seed);

		// when
		ArticleSource source = this.parser.read(file);

		// then
		assertThat(source.readable()).isTrue();
		assertThat(source.problem()).isNull();
		assertThat(source.path()).isEqualTo(file.toString());
		assertThat(source.bytes()).isEqualTo(seed);
		assertThat(source.contentHash()).isEqualTo(sha256(seed));
		assertThat(parsed(this.parser.parse(source))).isEqualTo(parsed(this.parser.parse(file)));
		assertThat(parsed(this.parser.parse(file)).path()).isEqualTo(file.toString());
	}

	// ---------------------------------------------------------------- encodings and line endings

	@Test
	void aByteOrderMarkIsToleratedAndDoesNotShiftLineNumbers() {
		// given
		String text = "\uFEFF" + """
				---
				title: "Museum Puts Its Map Collection Online"
				webUrl: "https://www.alpineledger.example/culture/maps"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.title()).isEqualTo("Museum Puts Its Map Collection Online");
		assertThat(article.links()).singleElement().extracting(ArticleLink::line).isEqualTo(3);
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void crlfLineEndingsLeaveNoCarriageReturnInValuesAndKeepLineNumbers() {
		// given
		String text = """
				---
				title: "Harbour Rowing Club Wins"
				category: sport
				webUrl: https://www.harbourdaily.example/sport/rowing
				topics:
				  - Rowing
				---

				The crew [trained](https://www.harbourdaily.example/sport/training) every morning.
				""".replace("\n", "\r\n");

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.title()).isEqualTo("Harbour Rowing Club Wins");
		assertThat(article.category()).isEqualTo("sport");
		assertThat(article.topics()).containsExactly("Rowing");
		assertThat(article.webUrl()).isEqualTo("https://www.harbourdaily.example/sport/rowing");
		assertThat(article.links()).extracting(ArticleLink::role, ArticleLink::url, ArticleLink::line)
			.containsExactly(tuple(LinkRole.WEB, "https://www.harbourdaily.example/sport/rowing", 4),
					tuple(LinkRole.BODY_LINK, "https://www.harbourdaily.example/sport/training", 9));
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void aLatin1ByteIsRejectedAsNotUtf8WithItsLineColumnAndValue() {
		// given "title: Café" saved as Latin-1 on line 3
		byte[] bytes = concat("---\ncategory: world\ntitle: Caf", new byte[] { (byte) 0xE9 }, "\n---\n");

		// when
		Finding finding = rejected(this.parser.parse("cafe.md", bytes));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.NOT_UTF8);
		assertThat(finding.line()).isEqualTo(3);
		assertThat(finding.column()).isEqualTo(11);
		assertThat(finding.message()).contains("byte 0xE9").contains("UTF-8");
	}

	@Test
	void aCesu8EncodedEmojiIsReportedOnItsOwnLineWithItsOwnByte() {
		// given an emoji written by a CESU-8 exporter on line 2
		byte[] bytes = concat("---\ntitle: Smile ",
				new byte[] { (byte) 0xED, (byte) 0xA0, (byte) 0xBD, (byte) 0xED, (byte) 0xB8, (byte) 0x80 },
				"\nquality: 3\n---\nbody\n");

		// when
		Finding finding = rejected(this.parser.parse("emoji.md", bytes));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.NOT_UTF8);
		assertThat(finding.line()).isEqualTo(2);
		assertThat(finding.column()).isEqualTo(14);
		assertThat(finding.message()).contains("byte 0xED");
	}

	// ---------------------------------------------------------------- missing, null and empty values

	@Test
	void missingNullAndEmptyImagesAllGiveNoImagesAndNoFinding() {
		// given
		String missing = """
				---
				title: a
				---
				""";
		String nullImages = """
				---
				title: a
				images: null
				---
				""";
		String tilde = """
				---
				title: a
				images: ~
				---
				""";
		String empty = """
				---
				title: a
				images: []
				---
				""";

		// when / then
		for (String text : List.of(missing, nullImages, tilde, empty)) {
			Article article = parsed(parse(text));
			assertThat(article.images()).as(text).isEmpty();
			assertThat(article.findings()).as(text).isEmpty();
		}
	}

	@Test
	void aNullImageEntryIsSkippedAndTheOthersAreKept() {
		// given
		String text = """
				---
				images:
				  - null
				  - url: https://img.example/a.jpg
				    width: 10
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.images()).extracting(ArticleImage::url, ArticleImage::declaredWidth, ArticleImage::line)
			.containsExactly(tuple("https://img.example/a.jpg", 10, 4));
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void aNullAmpWebUrlIsAbsentAndCitesNothing() {
		// given
		String text = """
				---
				webUrl: "https://www.circuitsignal.example/software/library-catalogue-replaced"
				ampWebUrl: null
				related:
				  - webUrl: "https://www.quayside.example/2024/08/13/library-history-migration"
				    ampWebUrl: null
				    cdnAmpWebUrl: null
				    images: null
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.ampWebUrl()).isNull();
		assertThat(article.cdnAmpWebUrl()).isNull();
		assertThat(article.related()).singleElement().satisfies((related) -> {
			assertThat(related.ampWebUrl()).isNull();
			assertThat(related.cdnAmpWebUrl()).isNull();
			assertThat(related.images()).isEmpty();
		});
		assertThat(article.links()).extracting(ArticleLink::role).containsExactly(LinkRole.WEB, LinkRole.RELATED_WEB);
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void anImageWithoutUrlIsKeptAndNotedAsInvalid() {
		// given
		String text = """
				---
				images:
				  - width: 700
				    height: 415
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.images()).singleElement().extracting(ArticleImage::url, ArticleImage::declaredWidth)
			.containsExactly(null, 700);
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.INVALID_URL, 3, "image 1 has no url"));
		assertThat(article.links()).isEmpty();
	}

	// ---------------------------------------------------------------- lenient values

	@Test
	void numbersAndBooleansWrittenAsTextAreReadAndNotedOnTheirLines() {
		// given
		String text = """
				---
				title: "Ferry Operator Adds a Late Sailing"
				quality: "37"
				images:
				  - url: "https://media.quayside.example/2024/05/late-ferry-quay.jpg"
				    width: "700"
				    height: '415'
				    isCached: "true"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.quality()).isEqualTo(37);
		assertThat(article.images()).singleElement()
			.extracting(ArticleImage::declaredWidth, ArticleImage::declaredHeight, ArticleImage::declaredIsCached)
			.containsExactly(700, 415, true);
		assertThat(article.findings()).extracting(Finding::code).containsOnly(FindingCode.LENIENT_VALUE);
		assertThat(article.findings()).extracting(Finding::line, Finding::message)
			.containsExactlyInAnyOrder(tuple(3, "quality \"37\" is text, not a number; read as 37"),
					tuple(6, "images entry 1: width \"700\" is text, not a number; read as 700"),
					tuple(7, "images entry 1: height \"415\" is text, not a number; read as 415"),
					tuple(8, "images entry 1: isCached \"true\" is text, not a boolean; read as true"));
	}

	@Test
	void aWholeNumberWrittenAsADecimalIsReadAndNoted() {
		// given
		String text = """
				---
				images:
				  - url: https://img.example/a.jpg
				    width: 700.0
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.images().get(0).declaredWidth()).isEqualTo(700);
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.LENIENT_VALUE, 4, "images entry 1: width 700.0 is a decimal; read as 700"));
	}

	@Test
	void anUnreadableNumberIsIgnoredAndNoted() {
		// given
		String text = """
				---
				quality: lots
				heat: 1.5
				images:
				  - url: https://img.example/a.jpg
				    width: 99999999999
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.quality()).isNull();
		assertThat(article.heat()).isNull();
		assertThat(article.images().get(0).declaredWidth()).isNull();
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactlyInAnyOrder(tuple(FindingCode.LENIENT_VALUE, 2, "quality 'lots' is not a whole number; ignored"),
					tuple(FindingCode.LENIENT_VALUE, 3, "heat '1.5' is not a whole number; ignored"),
					tuple(FindingCode.LENIENT_VALUE, 6, "images entry 1: width '99999999999' is not a whole number; ignored"));
	}

	@Test
	void anUnreadableBooleanIsIgnoredAndNoted() {
		// given
		String text = """
				---
				published: maybe
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.published()).isNull();
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.LENIENT_VALUE, 2, "published 'maybe' is not true or false; ignored"));
	}

	@Test
	void aNegativeHeatIsAPlainValueNotAFinding() {
		// given
		String text = """
				---
				heat: -1
				published: false
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.heat()).isEqualTo(-1);
		assertThat(article.published()).isFalse();
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void aDateWithoutOffsetIsReadAsUtcAndNoted() {
		// given
		String text = """
				---
				publishedDateTime: 2024-05-03T08:15:00
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 5, 3, 8, 15, 0, 0, ZoneOffset.UTC));
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.LENIENT_VALUE, 2,
					"publishedDateTime '2024-05-03T08:15:00' has no time-zone offset; read as UTC"));
	}

	@Test
	void aDateWithOffsetKeepsItsOffsetWithoutAFinding() {
		// given
		String text = """
				---
				publishedDateTime: 2024-07-02T05:00:00+05:30
				related:
				  - publishedDateTime: 2024-02-11 12:00:00 -05:00
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 7, 2, 5, 0, 0, 0, ZoneOffset.ofHoursMinutes(5, 30)));
		assertThat(article.publishedAt().getOffset()).isEqualTo(ZoneOffset.ofHoursMinutes(5, 30));
		assertThat(article.related().get(0).publishedAt())
			.isEqualTo(OffsetDateTime.of(2024, 2, 11, 12, 0, 0, 0, ZoneOffset.ofHours(-5)));
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void aDateAloneIsReadAsMidnightUtcAndNoted() {
		// given
		String text = """
				---
				publishedDateTime: 2024-05-03
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.publishedAt()).isEqualTo(OffsetDateTime.of(2024, 5, 3, 0, 0, 0, 0, ZoneOffset.UTC));
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.LENIENT_VALUE, 2,
					"publishedDateTime '2024-05-03' is a date without a time; read as midnight UTC"));
	}

	@Test
	void anUnreadableDateIsIgnoredAndNoted() {
		// given
		String text = """
				---
				publishedDateTime: yesterday afternoon
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.publishedAt()).isNull();
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.LENIENT_VALUE, 2,
					"publishedDateTime 'yesterday afternoon' is not an ISO-8601 date-time; ignored"));
	}

	@Test
	void aDateOutsideTheYearsOneTo9999IsIgnoredAndNoted() {
		// given years PostgreSQL cannot store as written: 0, before Christ, five digits
		String text = """
				---
				publishedDateTime: 0000-01-01T00:00:00Z
				related:
				  - title: "Older"
				    publishedDateTime: -0044-03-15T12:00:00Z
				  - title: "Later"
				    publishedDateTime: +10000-01-01T00:00:00Z
				  - title: "Fine"
				    publishedDateTime: 0001-01-01T00:00:00Z
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.publishedAt()).isNull();
		assertThat(article.related()).extracting(RelatedArticle::publishedAt)
			.containsExactly(null, null, OffsetDateTime.parse("0001-01-01T00:00:00Z"));
		assertThat(article.findings()).extracting(Finding::line, Finding::message)
			.contains(tuple(2, "publishedDateTime '0000-01-01T00:00:00Z' is not in the years 1 to 9999; ignored"),
					tuple(5, "related entry 1: publishedDateTime '-0044-03-15T12:00:00Z' is not in the years 1 to 9999; ignored"),
					tuple(7, "related entry 2: publishedDateTime '+10000-01-01T00:00:00Z' is not in the years 1 to 9999; ignored"));
	}

	@Test
	void aSingleTopicAndAProviderNameAloneAreReadAndNoted() {
		// given
		String text = """
				---
				provider: India.com
				topics: AI
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.provider()).isEqualTo(new Provider("India.com", null));
		assertThat(article.topics()).containsExactly("AI");
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(
					tuple(FindingCode.LENIENT_VALUE, 2, "provider is a single text, not {name, domain}; read as the name"),
					tuple(FindingCode.LENIENT_VALUE, 3, "topics is a single text, not a list; read as a list of one"));
	}

	// ---------------------------------------------------------------- unknown keys

	@Test
	void unknownKeysAreKeptInFileOrderWithPlainJavaValues() {
		// given
		String text = """
				---
				title: "Family Bakery Chain Sold to Employee Trust"
				author: "Mara Lindqvist"
				legacyId: 1234
				syndicated: true
				tags:
				  desk: business
				  priority: 2
				  flags: ["syndicated", "print-edition"]
				ratio: 0.25
				editorNote: null
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		Map<String, Object> extra = article.extra();
		assertThat(extra.keySet()).containsExactly("author", "legacyId", "syndicated", "tags", "ratio", "editorNote");
		assertThat(extra.get("author")).isEqualTo("Mara Lindqvist");
		assertThat(extra.get("legacyId")).isInstanceOf(Long.class).isEqualTo(1234L);
		assertThat(extra.get("syndicated")).isEqualTo(Boolean.TRUE);
		assertThat(extra.get("ratio")).isEqualTo(0.25d);
		assertThat(extra).containsEntry("editorNote", null);
		assertThat(extra.get("tags")).isInstanceOf(Map.class);
		@SuppressWarnings("unchecked")
		Map<String, Object> tags = (Map<String, Object>) extra.get("tags");
		assertThat(tags).containsExactly(entry("desk", "business"), entry("priority", 2L),
				entry("flags", List.of("syndicated", "print-edition")));
		assertThat(article.title()).isEqualTo("Family Bakery Chain Sold to Employee Trust");
		assertThat(extra).doesNotContainKey("title");
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void aSmallAliasWithinTheLimitsIsFollowedInUnknownKeys() {
		// given
		String text = """
				---
				defaults: &defaults [1, 2]
				copies: [*defaults, *defaults]
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.extra()).containsExactly(entry("defaults", List.of(1L, 2L)),
				entry("copies", List.of(List.of(1L, 2L), List.of(1L, 2L))));
	}

	// ---------------------------------------------------------------- rejected files

	@Test
	void aDuplicateKeyIsRejectedNamingBothLines() {
		// given
		String text = """
				---
				title: "School Kitchens Switch to Local Suppliers"
				quality: 32
				title: "School Kitchens Switch to Local Suppliers (corrected)"
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.DUPLICATE_KEY);
		assertThat(finding.line()).isEqualTo(4);
		assertThat(finding.message()).contains("'title'").contains("lines 2 and 4");
	}

	@Test
	void aDuplicateKeyInsideANestedMappingNamesTheMapping() {
		// given
		String text = """
				---
				provider:
				  name: "North-Star Herald"
				  name: "North Star Herald"
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.DUPLICATE_KEY);
		assertThat(finding.line()).isEqualTo(4);
		assertThat(finding.message()).startsWith("provider: ").contains("'name'").contains("lines 3 and 4");
	}

	@Test
	void anUnquotedColonIsAYamlSyntaxErrorWithItsLineAndTheQuotingHint() {
		// given
		String text = """
				---
				category: news
				title: Breaking: markets fall
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.YAML_SYNTAX);
		assertThat(finding.line()).isEqualTo(3);
		assertThat(finding.column()).isEqualTo(16);
		assertThat(finding.message()).contains("the value of 'title' holds ': '")
			.contains("unquoted ':'")
			.contains("Put the value in quotes");
	}

	@Test
	void tabIndentationIsAYamlSyntaxErrorThatMentionsTabs() {
		// given
		String text = "---\ntitle: Allotments\nprovider:\n\tname: \"Quayside Gazette\"\n\tdomain: quayside.example\n---\n";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.YAML_SYNTAX);
		assertThat(finding.line()).isEqualTo(4);
		assertThat(finding.describe()).isEqualTo("line 4, column 1: this line is indented with a tab;"
				+ " YAML indents with spaces only: replace the tab with spaces");
	}

	@Test
	void aTabInsideAQuotedValueIsKept() {
		// given
		String text = "---\nexcerpt: \"Station\tReading\tLimit: a summary\"\n---\n";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.excerpt()).isEqualTo("Station\tReading\tLimit: a summary");
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void anEmptyFileIsRejectedAsEmpty() {
		// when
		Finding finding = rejected(this.parser.parse("empty.md", new byte[0]));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.EMPTY_FILE);
		assertThat(finding.line()).isZero();
		assertThat(finding.message()).isEqualTo("the file is empty");
		assertThat(finding.describe()).isEqualTo("the file is empty");
	}

	@Test
	void aFileOfOnlyWhitespaceOrAByteOrderMarkIsRejectedAsEmpty() {
		// given
		List<String> texts = List.of("  \n\n \t\r\n", "\uFEFF", "\uFEFF\n\n");

		// when / then
		for (String text : texts) {
			assertThat(rejected(parse(text)).code()).as("%s", text.chars().boxed().toList()).isEqualTo(FindingCode.EMPTY_FILE);
		}
	}

	@Test
	void aFileWithoutFrontMatterIsRejected() {
		// given
		String text = """
				# Notes for the weekend desk

				The [rota](https://intranet.harbourdaily.example/rota) is on the shared drive.
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.NO_FRONT_MATTER);
		assertThat(finding.line()).isEqualTo(1);
		assertThat(finding.describe()).isEqualTo("line 1: the file does not start with a '---' line, so it has no front matter");
	}

	@Test
	void aFrontMatterThatNeverClosesIsRejected() {
		// given
		String text = """
				---
				title: "Night Bus Route Extended to the New Hospital"
				quality: 31
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.UNCLOSED_FRONT_MATTER);
		assertThat(finding.line()).isEqualTo(1);
		assertThat(finding.message()).contains("never closed");
	}

	@Test
	void aFrontMatterMayBeClosedByThreeDots() {
		// given
		String text = """
				---
				title: closed by dots
				...
				[a link](https://www.example.com/after)
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.title()).isEqualTo("closed by dots");
		assertThat(article.bodyLinks()).extracting(BodyLink::url, BodyLink::line)
			.containsExactly(tuple("https://www.example.com/after", 4));
	}

	@Test
	void aFrontMatterThatIsAListIsNotAMapping() {
		// given
		String text = """
				---
				- "Weekend Events Roundup"
				- "https://www.harbourdaily.example/whats-on/2024/weekend-roundup/"
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.NOT_A_MAPPING);
		assertThat(finding.line()).isEqualTo(2);
		assertThat(finding.message()).isEqualTo("the front matter must be a mapping of keys to values, found a list");
	}

	@Test
	void aFrontMatterThatIsAScalarIsNotAMapping() {
		// given
		String text = """
				---
				just a sentence
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.NOT_A_MAPPING);
		assertThat(finding.message()).endsWith("found the text 'just a sentence'");
	}

	@Test
	void anEmptyFrontMatterIsNotAMapping() {
		// given
		String text = """
				---
				---
				A body alone.
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.NOT_A_MAPPING);
		assertThat(finding.message()).endsWith("found nothing");
	}

	@Test
	void imagesWrittenAsATextIsTheWrongType() {
		// given
		String text = """
				---
				title: "Harbour Fireworks Moved to Sunday"
				images: "https://img.example/x.jpg"
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.WRONG_TYPE);
		assertThat(finding.line()).isEqualTo(3);
		assertThat(finding.message())
			.isEqualTo("images must be a list of image entries, found the text 'https://img.example/x.jpg'");
	}

	@Test
	void anImagesEntryWrittenAsATextIsTheWrongType() {
		// given
		String text = """
				---
				images:
				  - url: "https://img.example/a.jpg"
				  - "https://img.example/b.jpg"
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.WRONG_TYPE);
		assertThat(finding.line()).isEqualTo(4);
		assertThat(finding.message()).isEqualTo(
				"images entry 2 must be a mapping with image fields, found the text 'https://img.example/b.jpg'");
	}

	@Test
	void aTitleHoldingAMappingIsTheWrongType() {
		// given
		String text = """
				---
				title:
				  en: "Storm Edda"
				  de: "Sturm Edda"
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.WRONG_TYPE);
		assertThat(finding.line()).isEqualTo(3);
		assertThat(finding.message()).isEqualTo("title must be text, found a mapping");
	}

	@Test
	void aRelatedImageOfTheWrongStructureNamesTheRelatedEntry() {
		// given
		String text = """
				---
				related:
				  - title: ok
				  - title: broken
				    images: {url: "https://img.example/a.jpg"}
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.WRONG_TYPE);
		assertThat(finding.line()).isEqualTo(5);
		assertThat(finding.message()).startsWith("related entry 2: images must be a list of image entries, found a mapping");
	}

	@Test
	void aKeyThatIsNotTextIsTheWrongType() {
		// given
		String text = """
				---
				? [a, b]
				: c
				---
				""";

		// when
		Finding finding = rejected(parse(text));

		// then
		assertThat(finding.code()).isEqualTo(FindingCode.WRONG_TYPE);
		assertThat(finding.line()).isEqualTo(2);
		assertThat(finding.message()).contains("key that is not text");
	}

	@Test
	void everyRejectingCodeSaysSoAndEveryWarningCodeDoesNot() {
		assertThat(FindingCode.values()).filteredOn(FindingCode::rejects)
			.containsExactlyInAnyOrder(FindingCode.EMPTY_FILE, FindingCode.NO_FRONT_MATTER,
					FindingCode.UNCLOSED_FRONT_MATTER, FindingCode.NOT_UTF8, FindingCode.YAML_SYNTAX,
					FindingCode.DUPLICATE_KEY, FindingCode.ALIAS_LIMIT, FindingCode.NESTING_LIMIT,
					FindingCode.RECURSIVE_ALIAS, FindingCode.UNSUPPORTED_TAG, FindingCode.NOT_A_MAPPING,
					FindingCode.WRONG_TYPE, FindingCode.TOO_LARGE, FindingCode.UNREADABLE, FindingCode.INTERNAL);
	}

	// ---------------------------------------------------------------- URLs

	@Test
	void invalidUrlsAreNotedWithTheirLineAndReasonAndCitedAsInvalid() {
		// given
		String text = """
				---
				webUrl: "https://www.harbourdaily.example/local/2024/04/20/lighthouse-reopens-8790122/"
				images:
				  - url: "ftp://files.harbourdaily.example/x.jpg"
				    width: 900
				related:
				  - title: "Lighthouse keepers' cottages to become a small museum"
				    webUrl: "https://bad host.example/x"
				---

				Tickets can be booked [online](javascript:alert(1)) or at the harbour office.
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(
					tuple(FindingCode.INVALID_URL, 4,
							"image 1 url 'ftp://files.harbourdaily.example/x.jpg' is invalid: scheme 'ftp' is not http or https"),
					tuple(FindingCode.INVALID_URL, 7,
							"related entry 1 webUrl 'https://bad host.example/x' is invalid: a space in the host 'bad host.example'"),
					tuple(FindingCode.INVALID_URL, 11,
							"body link 'javascript:alert(1)' is invalid: scheme 'javascript' is not http or https"));
		assertThat(article.links()).filteredOn((link) -> !link.valid())
			.extracting(ArticleLink::role, ArticleLink::url, ArticleLink::relatedPosition)
			.containsExactly(tuple(LinkRole.IMAGE, "ftp://files.harbourdaily.example/x.jpg", null),
					tuple(LinkRole.RELATED_WEB, "https://bad host.example/x", 0),
					tuple(LinkRole.BODY_LINK, "javascript:alert(1)", null));
		assertThat(article.links()).filteredOn(ArticleLink::valid).extracting(ArticleLink::role).containsExactly(LinkRole.WEB);
	}

	@Test
	void aRelativeBodyLinkIsResolvedAgainstTheWebUrl() {
		// given
		String text = """
				---
				webUrl: "https://www.harbourdaily.example/news/2024/story"
				---
				See [the previous story](../2023/older) and ![the map](/img/map.png).
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.bodyLinks()).extracting(BodyLink::url).containsExactly("../2023/older", "/img/map.png");
		assertThat(article.links()).extracting(ArticleLink::role, ArticleLink::url, ArticleLink::valid, ArticleLink::line)
			.containsExactly(tuple(LinkRole.WEB, "https://www.harbourdaily.example/news/2024/story", true, 2),
					tuple(LinkRole.BODY_LINK, "https://www.harbourdaily.example/news/2023/older", true, 4),
					tuple(LinkRole.BODY_IMAGE, "https://www.harbourdaily.example/img/map.png", true, 4));
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void aRelativeBodyLinkWithoutWebUrlIsInvalidAndSaysWhy() {
		// given
		String text = """
				---
				title: "No web URL here"
				---
				See [the previous story](../2023/older).
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.INVALID_URL, 4,
					"body link '../2023/older' is relative and the article has no valid webUrl to resolve it against"));
		assertThat(article.links()).extracting(ArticleLink::role, ArticleLink::url, ArticleLink::valid)
			.containsExactly(tuple(LinkRole.BODY_LINK, "../2023/older", false));
	}

	@Test
	void aRelativeLinkThatCannotBeResolvedDoesNotBlameAMissingWebUrl() {
		// given
		String text = """
				---
				webUrl: "https://www.harbourdaily.example/news/2024/story"
				---
				Try [the search](/search?q={term}).
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(FindingCode.INVALID_URL);
			assertThat(finding.line()).isEqualTo(4);
			assertThat(finding.message()).contains("/search?q={term}").doesNotContain("no valid webUrl");
		});
	}

	@Test
	void mailTelephoneDataAndFragmentLinksInTheBodyAreNotChecked() {
		// given
		String text = """
				---
				title: t
				---
				[mail](mailto:desk@harbourdaily.example) [call](tel:+441234) [top](#top)
				![pixel](data:image/gif;base64,R0lGOD)
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.bodyLinks()).hasSize(4);
		assertThat(article.links()).isEmpty();
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void citedUrlsAreNormalised() {
		// given
		String text = """
				---
				webUrl: "HTTPS://WWW.Harbourdaily.Example:443/News/Story#comments"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.webUrl()).isEqualTo("HTTPS://WWW.Harbourdaily.Example:443/News/Story#comments");
		assertThat(article.links()).extracting(ArticleLink::url)
			.containsExactly("https://www.harbourdaily.example/News/Story");
	}

	@Test
	void aCdnAmpWebUrlThatIsNotTheCacheFormOfTheAmpUrlIsAMismatchNamingTheExpectedUrl() {
		// given
		String text = """
				---
				ampWebUrl: "https://news.tidewire.example/amp/weather/storm-edda-ferries-cancelled-4470"
				cdnAmpWebUrl: "https://news-tidewire-example.cdn.ampproject.org/c/s/news.tidewire.example/amp/weather/storm-dara-ferries-cancelled-4102"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(FindingCode.AMP_CACHE_MISMATCH);
			assertThat(finding.line()).isEqualTo(3);
			assertThat(finding.message()).contains("storm-dara-ferries-cancelled-4102")
				.contains("expected 'https://news-tidewire-example.cdn.ampproject.org/c/s/news.tidewire.example/amp/"
						+ "weather/storm-edda-ferries-cancelled-4470'");
		});
	}

	@Test
	void aRelatedCdnAmpWebUrlMismatchNamesTheRelatedEntry() {
		// given
		String text = """
				---
				related:
				  - webUrl: "https://north-star-herald.example/news/wall-2291/"
				    ampWebUrl: "https://north-star-herald.example/news/wall-2291/amp/"
				    cdnAmpWebUrl: "https://north-star-herald-example.cdn.ampproject.org/c/s/north-star-herald.example/news/wall-2291/amp/"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then the dashes of the host were not doubled
		assertThat(article.findings()).singleElement().satisfies((finding) -> {
			assertThat(finding.code()).isEqualTo(FindingCode.AMP_CACHE_MISMATCH);
			assertThat(finding.line()).isEqualTo(3);
			assertThat(finding.message()).startsWith("related entry 1 cdnAmpWebUrl")
				.contains("expected 'https://north--star--herald-example.cdn.ampproject.org/c/s/north-star-herald.example/"
						+ "news/wall-2291/amp/'");
		});
	}

	@Test
	void aCdnAmpWebUrlWithoutAnAmpWebUrlIsAMismatch() {
		// given
		String text = """
				---
				webUrl: "https://www.quayside.example/2024/x"
				cdnAmpWebUrl: "https://www-quayside-example.cdn.ampproject.org/c/s/www.quayside.example/amp/2024/x"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.findings()).extracting(Finding::code, Finding::line, Finding::message)
			.containsExactly(tuple(FindingCode.AMP_CACHE_MISMATCH, 3,
					"cdnAmpWebUrl is given but there is no ampWebUrl it could be the cache of"));
		assertThat(article.links()).extracting(ArticleLink::role).containsExactly(LinkRole.WEB, LinkRole.CDN_AMP);
	}

	@Test
	void matchingAmpAndCacheUrlsAreComparedAfterNormalisation() {
		// given an upper-case AMP host and an http AMP URL whose cache path has no s/
		String text = """
				---
				ampWebUrl: "https://WWW.Quayside.Example/amp/2024/x?outputType=amp"
				cdnAmpWebUrl: "https://www-quayside-example.cdn.ampproject.org/c/s/www.quayside.example/amp/2024/x?outputType=amp"
				related:
				  - ampWebUrl: "http://archive.quayside.example/amp/2023/gull-point-first-winter"
				    cdnAmpWebUrl: "https://archive-quayside-example.cdn.ampproject.org/c/archive.quayside.example/amp/2023/gull-point-first-winter"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.findings()).isEmpty();
	}

	@Test
	void anInvalidAmpWebUrlIsReportedOnceAndNotAlsoAsAMismatch() {
		// given
		String text = """
				---
				ampWebUrl: "ftp://www.quayside.example/amp/x"
				cdnAmpWebUrl: "https://www-quayside-example.cdn.ampproject.org/c/s/www.quayside.example/amp/x"
				---
				""";

		// when
		Article article = parsed(parse(text));

		// then
		assertThat(article.findings()).extracting(Finding::code, Finding::line).containsExactly(tuple(FindingCode.INVALID_URL, 2));
	}

	// ---------------------------------------------------------------- helpers

	private ParseResult parse(String text) {
		return this.parser.parse("article.md", text.getBytes(StandardCharsets.UTF_8));
	}

	private static Article parsed(ParseResult result) {
		assertThat(result).as("expected the file to be read, got %s", outcome(result)).isInstanceOf(ParseResult.Parsed.class);
		return ((ParseResult.Parsed) result).article();
	}

	private static Finding rejected(ParseResult result) {
		assertThat(result).as("expected the file to be rejected, got %s", outcome(result))
			.isInstanceOf(ParseResult.Rejected.class);
		Finding finding = ((ParseResult.Rejected) result).finding();
		assertThat(finding.code().rejects()).as("a rejection carries a rejecting code: %s", finding).isTrue();
		return finding;
	}

	private static String outcome(ParseResult result) {
		if (result instanceof ParseResult.Rejected rejected) {
			return "a rejection: " + rejected.finding();
		}
		return "an article with findings " + ((ParseResult.Parsed) result).article().findings();
	}

	private static byte[] seedBytes() throws IOException {
		try (InputStream in = ArticleParserTests.class.getResourceAsStream("seed-article.md")) {
			assertThat(in).as("seed-article.md on the test classpath").isNotNull();
			return in.readAllBytes();
		}
	}

	private static byte[] concat(String before, byte[] middle, String after) {
		byte[] head = before.getBytes(StandardCharsets.UTF_8);
		byte[] tail = after.getBytes(StandardCharsets.UTF_8);
		byte[] all = new byte[head.length + middle.length + tail.length];
		System.arraycopy(head, 0, all, 0, head.length);
		System.arraycopy(middle, 0, all, head.length, middle.length);
		System.arraycopy(tail, 0, all, head.length + middle.length, tail.length);
		return all;
	}

	private static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
