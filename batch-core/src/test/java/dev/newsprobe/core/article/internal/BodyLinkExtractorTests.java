package dev.newsprobe.core.article.internal;

import java.util.List;

import dev.newsprobe.core.article.BodyLink;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link BodyLinkExtractor}: the links a Markdown renderer would make of an article
 * body, each on the line of the file where it is written.
 */
class BodyLinkExtractorTests {

	@Test
	void inlineLinksWithTitlesGiveTheirTargetOnly() {
		// given
		String body = """
				[double](https://a.example/1 "A title") [single](https://a.example/2 'A title')
				[parens](https://a.example/3 (A title)) [bare](https://a.example/4)
				""";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::image, BodyLink::line)
			.containsExactly(tuple("https://a.example/1", false, 1), tuple("https://a.example/2", false, 1),
					tuple("https://a.example/3", false, 2), tuple("https://a.example/4", false, 2));
	}

	@Test
	void markdownImagesAreImages() {
		// given
		String body = "![Hourly NO2 readings](https://cdn.example/no2.png \"Chart\") and [a page](https://a.example/)";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::image)
			.containsExactly(tuple("https://cdn.example/no2.png", true), tuple("https://a.example/", false));
	}

	@Test
	void aLinkAroundAnImageGivesBoth() {
		// given
		String body = "[![thumb](https://cdn.example/t.png)](https://a.example/full)";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::image)
			.containsExactlyInAnyOrder(tuple("https://cdn.example/t.png", true), tuple("https://a.example/full", false));
	}

	@Test
	void referenceDefinitionsAreLinks() {
		// given
		String body = """
				Read [the report][report] and [the data][].

				[report]: https://a.example/report "The report"
				   [the data]: https://a.example/data.csv
				""";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::line)
			.containsExactly(tuple("https://a.example/report", 3), tuple("https://a.example/data.csv", 4));
	}

	@Test
	void autolinksAreLinksWhateverTheirCase() {
		// given
		String body = "Sources: <https://a.example/one> and <HTTP://B.EXAMPLE/two>; not <not a link>.";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("https://a.example/one", "HTTP://B.EXAMPLE/two");
	}

	@Test
	void inlineHtmlAnchorsAndImagesAreLinksWhateverTheCaseOfTheirTags() {
		// given
		String body = """
				The methodology is in <a href="https://a.example/methodology#air">our notes</a>,
				<IMG SRC="https://cdn.example/monthly.png" ALT="Monthly means" WIDTH="640">
				<A HREF='https://a.example/upper'>upper</A> <a name="anchor">no href</a> <img alt="no src">
				""";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::image, BodyLink::line)
			.containsExactly(tuple("https://a.example/methodology#air", false, 1),
					tuple("https://cdn.example/monthly.png", true, 2), tuple("https://a.example/upper", false, 3));
	}

	@Test
	void linksInFencedCodeBlocksAreIgnored() {
		// given
		String body = """
				```markdown
				[not a link](https://code.example/backticks)
				<a href="https://code.example/html">x</a>
				```
				~~~
				![not an image](https://code.example/tilde.png)
				~~~
				After the code: [a link](https://a.example/after).
				""";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::line).containsExactly(tuple("https://a.example/after", 8));
	}

	@Test
	void aTildeLineDoesNotCloseABacktickFence() {
		// given
		String body = """
				```
				~~~
				[still code](https://code.example/x)
				```
				[real](https://a.example/real)
				""";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("https://a.example/real");
	}

	@Test
	void linksInInlineCodeAreIgnored() {
		// given
		String body = "Write `[text](https://code.example/span)` to link, like [this](https://a.example/this).";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("https://a.example/this");
	}

	@Test
	void aJavascriptTargetIsKeptWholeWithItsParentheses() {
		// given
		String body = "Tickets can be booked [online](javascript:alert(1)) or at the office.";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("javascript:alert(1)");
	}

	@Test
	void balancedParenthesesInATargetAreKept() {
		// given
		String body = "See [Foo](https://en.wikipedia.org/wiki/Foo_(bar)) for more.";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("https://en.wikipedia.org/wiki/Foo_(bar)");
	}

	@Test
	void linesAreFileLinesCountedFromTheFirstLineOfTheBody() {
		// given a body that starts on line 20 of its file
		String body = """
				First paragraph.

				A [markdown link](https://a.example/md) here,
				then an <a href="https://a.example/html">html link</a>

				<img src="https://cdn.example/i.png">
				[ref]: https://a.example/ref
				""";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 20);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::line)
			.containsExactly(tuple("https://a.example/md", 22), tuple("https://a.example/html", 23),
					tuple("https://cdn.example/i.png", 25), tuple("https://a.example/ref", 26));
	}

	@Test
	void crlfLineEndingsKeepLineNumbersForMarkdownAndHtml() {
		// given
		String body = "one\r\n\r\n[md](https://a.example/md)\r\n<A HREF=\"https://a.example/html\">x</A>\r\n";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 10);

		// then
		assertThat(links).extracting(BodyLink::url, BodyLink::line)
			.containsExactly(tuple("https://a.example/md", 12), tuple("https://a.example/html", 13));
	}

	@Test
	void linksComeInTheOrderTheyAreWritten() {
		// given
		String body = "<a href=\"https://a.example/1\">1</a> [2](https://a.example/2) <https://a.example/3> "
				+ "![4](https://a.example/4.png) <img src=\"https://a.example/5.png\">";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url)
			.containsExactly("https://a.example/1", "https://a.example/2", "https://a.example/3", "https://a.example/4.png",
					"https://a.example/5.png");
	}

	@Test
	void anEmptyBodyOrATargetlessLinkGivesNothing() {
		assertThat(BodyLinkExtractor.extract("", 5)).isEmpty();
		assertThat(BodyLinkExtractor.extract("[nothing]() and <a href=\"\">empty</a>", 5)).isEmpty();
		assertThat(BodyLinkExtractor.extract("Plain text, no links at all.", 5)).isEmpty();
	}

	@Test
	void relativeTargetsAreKeptAsWritten() {
		// given
		String body = "[up](../other/page) ![img](/img/a.png) <a href=\" spaced \">s</a>";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("../other/page", "/img/a.png", "spaced");
	}

	@Test
	void mailTelephoneDataAndFragmentTargetsAreIgnoredForChecking() {
		assertThat(BodyLinkExtractor.isIgnored("mailto:desk@a.example")).isTrue();
		assertThat(BodyLinkExtractor.isIgnored(" MAILTO:desk@a.example")).isTrue();
		assertThat(BodyLinkExtractor.isIgnored("tel:+441234")).isTrue();
		assertThat(BodyLinkExtractor.isIgnored("data:image/gif;base64,R0lGOD")).isTrue();
		assertThat(BodyLinkExtractor.isIgnored("#comments")).isTrue();
		assertThat(BodyLinkExtractor.isIgnored("https://a.example/#comments")).isFalse();
		assertThat(BodyLinkExtractor.isIgnored("javascript:alert(1)")).isFalse();
		assertThat(BodyLinkExtractor.isIgnored("../relative")).isFalse();
	}

	@Test
	void anAngleBracketedDestinationIsOneLink() {
		// given
		String body = "[the report](<https://a.example/report>)";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("https://a.example/report");
	}

	@Test
	void anAngleBracketedReferenceDefinitionIsOneLink() {
		// given
		String body = "[id]: <https://a.example/ref>";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("https://a.example/ref");
	}

	@Test
	void aLongerFenceIsClosedOnlyByAFenceAtLeastAsLong() {
		// given
		String body = """
				````markdown
				```
				[in code](https://code.example/inner)
				```
				````
				[real](https://a.example/real)
				""";

		// when
		List<BodyLink> links = BodyLinkExtractor.extract(body, 1);

		// then
		assertThat(links).extracting(BodyLink::url).containsExactly("https://a.example/real");
	}

}
