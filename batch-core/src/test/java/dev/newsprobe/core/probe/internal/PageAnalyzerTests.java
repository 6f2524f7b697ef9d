package dev.newsprobe.core.probe.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import dev.newsprobe.core.probe.PageInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link PageAnalyzer}: what a page says about itself, read from a possibly truncated
 * body, and whether a page served with 200 is really a "not found" page.
 */
class PageAnalyzerTests {

	private static final String PAGE_URL = "https://harbour.example/news/2024/story.html";

	private static final String HTML_UTF8 = "text/html; charset=utf-8";

	@Test
	void titleCanonicalAmpHtmlAndOgImageAreReadAndMadeAbsolute() {
		// given
		String html = """
				<!doctype html>
				<html lang="en"><head>
				<title>  Tide record broken
				 – Harbour Daily </title>
				<link rel="canonical" href="/news/2024/tide-record">
				<link rel="amphtml" href="amp/tide-record">
				<meta property="og:image" content="//cdn.harbour.example/img/tide.jpg">
				</head><body><h1>Tide record broken</h1></body></html>
				""";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.title()).isEqualTo("Tide record broken – Harbour Daily");
		assertThat(page.canonical()).isEqualTo("https://harbour.example/news/2024/tide-record");
		assertThat(page.ampHtml()).isEqualTo("https://harbour.example/news/2024/amp/tide-record");
		assertThat(page.ogImage()).isEqualTo("https://cdn.harbour.example/img/tide.jpg");
		assertThat(page.amp()).isFalse();
		assertThat(page.soft404()).isNull();
	}

	@Test
	void relTokensAndMetaNamesAreMatchedWhateverTheirCaseAndCompany() {
		// given
		String html = """
				<head>
				<link rel="stylesheet" href="/site.css">
				<link rel="alternate" href="https://harbour.example/feed">
				<LINK REL="Alternate CANONICAL" HREF="https://harbour.example/a">
				<link rel="AmpHtml" href="https://harbour.example/a/amp">
				<meta name="OG:Image" content="https://cdn.harbour.example/a.png">
				</head>
				""";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.canonical()).isEqualTo("https://harbour.example/a");
		assertThat(page.ampHtml()).isEqualTo("https://harbour.example/a/amp");
		assertThat(page.ogImage()).isEqualTo("https://cdn.harbour.example/a.png");
	}

	@Test
	void theFirstNonEmptyLinkOfEachKindWinsAndSurroundingWhitespaceIsIgnored() {
		// given
		String html = """
				<head>
				<link rel="canonical" href="  ">
				<link rel="canonical" href="
				   https://harbour.example/first  ">
				<link rel="canonical" href="https://harbour.example/second">
				<meta property="og:image" content="">
				<meta property="og:image" content=" /img/first.jpg ">
				</head>
				""";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.canonical()).isEqualTo("https://harbour.example/first");
		assertThat(page.ogImage()).isEqualTo("https://harbour.example/img/first.jpg");
	}

	@Test
	void aBaseElementChangesWhatRelativeLinksResolveAgainst() {
		// given
		String html = """
				<head><base href="https://static.harbour.example/en/">
				<link rel="canonical" href="story"></head>
				""";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.canonical()).isEqualTo("https://static.harbour.example/en/story");
	}

	@Test
	void whatAPageDoesNotSayIsNull() {
		// given
		String html = "<html><head><title> </title><link rel=canonical><meta property=og:image></head><body>Hi</body></html>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page).isEqualTo(new PageInfo(null, null, null, null, false, null));
	}

	@Test
	void relativeLinksStayNullWithoutAUsablePageUrl() {
		// given
		String html = "<link rel=canonical href=/relative><link rel=amphtml href=https://harbour.example/amp>";

		// when
		PageInfo page = PageAnalyzer.analyze(utf8(html), utf8(html).length, HTML_UTF8, null);

		// then
		assertThat(page.canonical()).isNull();
		assertThat(page.ampHtml()).isEqualTo("https://harbour.example/amp");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<html amp>", "<html ⚡ lang=en>", "<HTML AMP LANG=\"en\">", "<html amp=\"\" lang=en>",
			"<html lang=\"en\" ⚡=\"\">" })
	void anAmpAttributeOnTheHtmlElementMakesAnAmpPage(String htmlTag) {
		// given
		String html = htmlTag + "<head><title>Tide record</title>"
				+ "<link rel=canonical href=/news/tide></head><body></body></html>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.amp()).isTrue();
		assertThat(page.canonical()).isEqualTo("https://harbour.example/news/tide");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<html lang=en>", "<html ⚡4email>", "<html amp4email>", "<html ⚡4ads>",
			"<html data-amp=1>", "<html><body amp>", "" })
	void pagesWithoutTheAmpAttributeOrInAnotherAmpFormatAreNotAmpPages(String start) {
		// given
		String html = start + "<head><title>Tide record</title></head><body><p>amp ⚡</p></body></html>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.amp()).isFalse();
	}

	@Test
	void theHeaderCharsetDecodesLatin1Bytes() {
		// given
		byte[] body = "<title>Café in Zürich, São Paulo</title>".getBytes(StandardCharsets.ISO_8859_1);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, "text/html; charset=ISO-8859-1", PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café in Zürich, São Paulo");
	}

	@Test
	void pagesLabelledLatin1AreDecodedAsWindows1252LikeBrowsersDo() {
		// given: 0x92 and 0x80 are ’ and € in windows-1252, and unused control codes in ISO-8859-1
		byte[] body = bytes("<title>Harbour", new byte[] { (byte) 0x92 }, "s ", new byte[] { (byte) 0x80 },
				"5 café</title>");

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, "text/html; charset=iso-8859-1", PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Harbour’s €5 café");
	}

	@ParameterizedTest
	@ValueSource(strings = { "<meta charset=\"ISO-8859-1\">", "<meta charset=windows-1252>",
			"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">",
			"<META HTTP-EQUIV=content-type CONTENT='text/html;charset=latin1'>" })
	void withoutAHeaderCharsetAMetaDeclarationDecides(String meta) {
		// given
		byte[] body = ("<!doctype html><html><head>" + meta + "<title>Café Übersee</title></head>")
			.getBytes(StandardCharsets.ISO_8859_1);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, "text/html", PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café Übersee");
	}

	@Test
	void theHeaderCharsetWinsOverAMeta() {
		// given
		byte[] body = "<meta charset=iso-8859-1><title>Café</title>".getBytes(StandardCharsets.UTF_8);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, "text/html; charset=\"UTF-8\"", PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café");
	}

	@Test
	void aMetaInsideACommentIsIgnored() {
		// given
		byte[] body = "<!-- <meta charset=iso-8859-1> --><title>Café</title>".getBytes(StandardCharsets.UTF_8);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, null, PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café");
	}

	@ParameterizedTest
	@ValueSource(strings = { "text/html; charset=no-such-charset", "text/html; charset=", "text/html; charset",
			"text/html; charset=\"utf 8\"", "text/html; charset=\u0000\u0001", "text/html; charset=x-user-defined",
			"", ";;;=;" })
	void aBadCharsetNameFallsBackToTheMetaWithoutThrowing(String contentType) {
		// given
		byte[] body = "<meta charset=windows-1252><title>Café</title>".getBytes(StandardCharsets.ISO_8859_1);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, contentType, PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café");
	}

	@Test
	void badCharsetNamesEverywhereFallBackToUtf8() {
		// given
		byte[] body = "<meta charset=x-klingon><title>Café</title>".getBytes(StandardCharsets.UTF_8);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, "text/html; charset=$$$", PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café");
	}

	@Test
	void aMetaClaimingUtf16IsReadAsUtf8() {
		// given
		byte[] body = "<meta charset=utf-16><title>Café</title>".getBytes(StandardCharsets.UTF_8);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, null, PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café");
	}

	@Test
	void aByteOrderMarkWinsAndIsNotPartOfThePage() {
		// given
		byte[] utf16 = "<html amp><title>Café</title>".getBytes(StandardCharsets.UTF_16LE);
		byte[] body = new byte[utf16.length + 2];
		body[0] = (byte) 0xFF;
		body[1] = (byte) 0xFE;
		System.arraycopy(utf16, 0, body, 2, utf16.length);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, "text/html; charset=iso-8859-1", PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Café");
		assertThat(page.amp()).isTrue();
	}

	@Test
	void onlyTheFirstLengthBytesOfTheBufferAreRead() {
		// given: a reused buffer holds stale bytes past what was read
		byte[] read = utf8("<title>Fresh</title>");
		byte[] buffer = new byte[1024];
		System.arraycopy(read, 0, buffer, 0, read.length);
		byte[] stale = utf8("<link rel=canonical href=/stale>");
		System.arraycopy(stale, 0, buffer, read.length, stale.length);

		// when
		PageInfo page = PageAnalyzer.analyze(buffer, read.length, HTML_UTF8, PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Fresh");
		assertThat(page.canonical()).isNull();
	}

	@Test
	void aBodyCutInTheMiddleOfTheHeadStillGivesWhatPrecedesTheCut() {
		// given
		String html = """
				<!doctype html><html ⚡ lang="en"><head><meta charset="utf-8">
				<title>Tide record broken – Harbour Daily</title>
				<link rel="canonical" href="/news/tide">
				<meta property="og:image" content="/img/tide.jpg">
				<link rel="amphtml" href="/amp/news/tide">
				</head><body><h1>Tide record broken</h1><p>Long article…</p></body></html>
				""";
		byte[] body = utf8(html);
		int cut = html.indexOf("<link rel=\"amphtml\"") + "<link rel=\"amph".length();

		// when
		PageInfo page = PageAnalyzer.analyze(body, cut, HTML_UTF8, PAGE_URL);

		// then
		assertThat(page).isEqualTo(new PageInfo("Tide record broken – Harbour Daily",
				"https://harbour.example/news/tide", null, "https://harbour.example/img/tide.jpg", true, null));
	}

	@Test
	void aBodyCutInsideTheTitleOrAMultiByteCharacterStillGivesTheTitleStart() {
		// given
		byte[] body = utf8("<html><head><title>Zürich tide records ä");
		int cut = body.length - 1;

		// when
		PageInfo page = PageAnalyzer.analyze(body, cut, HTML_UTF8, PAGE_URL);

		// then
		assertThat(page.title()).startsWith("Zürich tide records");
		assertThat(page.soft404()).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "Page not found – Harbour Daily", "Page Not Found | Harbour Daily", "404",
			"404 Not Found", "Error 404 | Harbour Daily", "404 Error", "HTTP 404", "404 - Page not found | Harbour Daily",
			"Error 404 (Not Found)!!1", "NOT FOUND", "Not Found · Harbour", "Page not found » Harbour Daily",
			"This page doesn’t exist", "The page you were looking for doesn't exist (404)", "Page does not exist",
			"Sorry, this article is no longer available", "Content no longer available – Harbour Daily",
			"Oops! That page can’t be found.", "The requested page cannot be found",
			"Sorry, we couldn't find that page", "We could not find the page you requested",
			"Seite nicht gefunden – Harbour Daily", "Fehler 404: Seite nicht gefunden", "Diese Seite existiert nicht",
			"Page introuvable - Harbour Daily", "Erreur 404 - Page non trouvée", "Cette page n’existe pas",
			"Página no encontrada | Harbour Daily", "PÁGINA NO ENCONTRADA", "Error 404: página no encontrada",
			"Pagina non trovata – Harbour Daily", "Errore 404 - Pagina non trovata",
			"Página não encontrada | Harbour Daily", "Erro 404 - Página não encontrada",
			"Pagina niet gevonden | Harbour Daily", "Fout 404 - Pagina niet gevonden" })
	void aTitleThatIsANotFoundPhraseMakesASoft404(String title) {
		// given
		String html = "<html><head><title>" + title + "</title></head><body><p>Home</p></body></html>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isEqualTo("title \"" + title + "\"");
	}

	@Test
	void decomposedAccentsMatchToo() {
		// given: "página" with a combining acute accent, as some systems write it
		String title = "Pa\u0301gina no encontrada";

		// when
		PageInfo page = analyze("<title>" + title + "</title>");

		// then
		assertThat(page.soft404()).isEqualTo("title \"" + title + "\"");
	}

	@ParameterizedTest
	@ValueSource(strings = { "Oops! That page can’t be found.", "404", "Page not found", "Seite nicht gefunden",
			"Page introuvable", "Pagina niet gevonden" })
	void aFirstHeadingThatIsANotFoundPhraseMakesASoft404(String heading) {
		// given
		String html = "<html><head><title>Harbour Daily</title></head><body>"
				+ "<nav><a href=/>Home</a></nav><h1 class=page-title>" + heading + "</h1>"
				+ "<h1>Tide record broken</h1></body></html>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isEqualTo("first h1 \"" + heading + "\"");
	}

	@Test
	void onlyTheFirstHeadingCounts() {
		// given
		String html = "<title>Harbour Daily</title><h1>Tide record broken</h1><h1>Page not found</h1>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isNull();
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { "noindex; Sorry, the page you requested could not be found.;"
			+ "page you requested could not be found",
			"noindex, follow; <b>Error 404</b> Go back to the home page.; error 404",
			"NOINDEX,NOFOLLOW; We couldn’t find the page you were looking for.; couldn't find the page",
			"none; Die angeforderte Seite wurde leider nicht gefunden.; seite wurde leider nicht gefunden",
			"noindex; Désolé, cette page n’existe pas.; page n'existe pas",
			"noindex; La página que buscas no existe.; página que buscas no existe" })
	void aNoindexPageWhoseTextSaysThePageIsMissingIsASoft404(String robots, String text, String phrase) {
		// given
		String html = "<html><head><title>Harbour Daily</title><meta name=robots content='" + robots
				+ "'></head><body><nav>Home News Sport</nav><div class=error><h2>Oops</h2><p>" + text
				+ "</p></div></body></html>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isEqualTo("robots noindex and text \"" + phrase + "\"");
	}

	@Test
	void aMissingPageTextWithoutNoindexIsNotEnough() {
		// given
		String html = "<title>Harbour Daily</title><body><p>Sorry, the page you requested could not be found.</p>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isNull();
	}

	@Test
	void aNoindexArticleThatMentionsSomethingNotFoundIsNotASoft404() {
		// given
		String html = """
				<title>Missing hikers: search called off – Harbour Daily</title>
				<meta name="robots" content="noindex">
				<h1>Missing hikers: search called off</h1>
				<p>The two hikers were not found after three days. Their car could not be found either,
				and police say the trail map no longer exists. Error rates in the 404 area code rose.</p>
				""";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isNull();
	}

	@Test
	void aNotFoundPhraseFarDownANoindexPageDoesNotCount() {
		// given
		String html = "<title>Tide tables</title><meta name=robots content=noindex><p>" + "Tide data. ".repeat(300)
				+ "</p><p>Page not found</p>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isNull();
	}

	/*
	 * An article about 404 errors, a headline that contains "found" or "not found", a number that
	 * contains 404, a paginated archive at page 404: all are live pages. A title counts only when it
	 * is the phrase (with error-page filler words) plus at most a site-name suffix.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "Found", "Found – Harbour Daily", "Missing hikers found",
			"Missing hikers not found after three days", "Missing hikers not found", "Lost and found | Harbour Daily",
			"Article 14040", "Harbour Daily 4040", "Route 404 reopens", "How to fix a 404 error",
			"How to fix a 404 error – Harbour Daily", "What does “page not found” mean?",
			"404: the number of homes lost to the flood", "Not found: the lost city of Z",
			"The 404 page is dead, long live the 404 page", "Page 404 – Harbour Daily", "News – Page 404 – Harbour Daily",
			"Article 404 of the penal code", "404 Media", "Tide record broken | 404 Media",
			"Police cannot find the suspect",
			"Offer no longer available", "God does not exist, says new book", "Vermisste Wanderer nicht gefunden",
			"Le suspect reste introuvable", "Los excursionistas no encontrados", "Errore di calcolo",
			"Harbour Daily" })
	void headlinesNumbersAndArticlesAbout404AreNotSoft404s(String title) {
		// given
		String html = "<html><head><title>" + title + "</title></head><body><h1>" + title
				+ "</h1><p>Text.</p></body></html>";

		// when
		PageInfo page = analyze(html);

		// then
		assertThat(page.soft404()).isNull();
	}

	@Test
	void aLongNotFoundTitleIsShortenedInTheReason() {
		// given
		String title = "Sorry " + "sorry ".repeat(100) + "page not found";

		// when
		PageInfo page = analyze("<title>" + title + "</title>");

		// then
		assertThat(page.soft404()).startsWith("title \"Sorry sorry").endsWith("…\"").hasSizeLessThan(140);
	}

	@Test
	void anEmptyOrMissingBodyGivesNothing() {
		// given
		PageInfo none = new PageInfo(null, null, null, null, false, null);

		// when / then
		assertThat(PageAnalyzer.analyze(new byte[0], 0, HTML_UTF8, PAGE_URL)).isEqualTo(none);
		assertThat(PageAnalyzer.analyze(null, 100, null, null)).isEqualTo(none);
		assertThat(PageAnalyzer.analyze(utf8("<title>x</title>"), -5, HTML_UTF8, PAGE_URL)).isEqualTo(none);
	}

	@Test
	void aLengthBeyondTheBufferReadsTheWholeBuffer() {
		// given
		byte[] body = utf8("<title>Tide</title>");

		// when
		PageInfo page = PageAnalyzer.analyze(body, Integer.MAX_VALUE, HTML_UTF8, PAGE_URL);

		// then
		assertThat(page.title()).isEqualTo("Tide");
	}

	@Test
	void binaryGarbageNeverThrows() {
		// given
		Random random = new Random(404);
		String[] contentTypes = { null, "text/html", "text/html; charset=utf-16", "text/html; charset=shift_jis",
				"text/html; charset=utf-32be", "image/png" };

		// when / then
		for (int i = 0; i < 60; i++) {
			byte[] body = new byte[random.nextInt(64 * 1024)];
			random.nextBytes(body);
			String contentType = contentTypes[i % contentTypes.length];
			assertThatNoException().isThrownBy(() -> PageAnalyzer.analyze(body, body.length, contentType, PAGE_URL));
		}
	}

	@Test
	void hugeAttributeValuesAndDeepNestingNeverThrow() {
		// given
		String huge = "a".repeat(200_000);
		String html = "<html " + "x".repeat(50_000) + "=1 amp><head><title>" + "t ".repeat(50_000) + "</title>"
				+ "<link rel=\"canonical " + huge + "\" href=\"/" + huge + "\">"
				+ "<meta property=og:image content=\"https://cdn.example/" + huge + "\">"
				+ "<meta charset=\"" + huge + "\"></head><body>" + "<div><span><b>".repeat(5_000) + "deep"
				+ "<h1>" + "404 ".repeat(10_000) + "</h1>";
		byte[] body = utf8(html);

		// when
		PageInfo page = PageAnalyzer.analyze(body, body.length, "text/html; charset=" + huge, "https://" + huge);

		// then
		assertThat(page.amp()).isTrue();
		assertThat(page.canonical()).endsWith(huge);
		assertThat(page.ogImage()).isEqualTo("https://cdn.example/" + huge);
	}

	@ParameterizedTest
	@ValueSource(strings = { "<!--", "<title>", "<html ⚡", "<meta charset=", "<link rel=canonical href=\"",
			"<h1>Page not fou", "<![CDATA[", "<script>", "<svg><title>404</title>", "\u0000\u0000\u0000", "<<<<>>>>" })
	void fragmentsNeverThrow(String fragment) {
		// given
		byte[] body = utf8(fragment);

		// when / then
		assertThatNoException().isThrownBy(() -> PageAnalyzer.analyze(body, body.length, HTML_UTF8, PAGE_URL));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', nullValues = "NULL", value = { "text/html | true", "TEXT/HTML; charset=UTF-8 | true",
			"' text/html ;charset=utf-8' | true", "application/xhtml+xml | true", "text/plain | false",
			"application/json | false", "image/png | false", "text/htmlx | false", "'' | false", "NULL | false" })
	void htmlIsTextHtmlOrXhtml(String contentType, boolean html) {
		// when / then
		assertThat(PageAnalyzer.isHtml(contentType)).isEqualTo(html);
	}

	private static PageInfo analyze(String html) {
		byte[] body = utf8(html);
		return PageAnalyzer.analyze(body, body.length, HTML_UTF8, PAGE_URL);
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] bytes(Object... parts) {
		Charset latin1 = StandardCharsets.ISO_8859_1;
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (Object part : parts) {
			byte[] chunk = (part instanceof byte[] raw) ? raw : part.toString().getBytes(latin1);
			out.writeBytes(chunk);
		}
		return out.toByteArray();
	}

}
