package dev.newsprobe.core.probe.internal;

import java.util.List;

import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.probe.PageInfo;
import dev.newsprobe.core.probe.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What a page that answered 2xx is, from what its head says and where the redirects led. */
class PageVerdictTests {

	static final String ARTICLE = "https://news.example/2026/harbour";

	@Test
	void aPageThatIsNotHtmlIsOkOnItsType() {
		assertThat(PageVerdict.of("application/pdf", null, null)).isEqualTo(new Judgement(Verdict.OK, "application/pdf"));
	}

	@Test
	void anHtmlPageIsOkWithItsTitleShortened() {
		String title = "A".repeat(100);
		assertThat(PageVerdict.of("text/html", page(title, null, false, null), null))
			.isEqualTo(new Judgement(Verdict.OK, "an HTML page titled \"" + "A".repeat(77) + "...\""));
		assertThat(PageVerdict.of("text/html", page(null, null, false, null), null))
			.isEqualTo(new Judgement(Verdict.OK, "an HTML page"));
	}

	@Test
	void aNotFoundPageServedWith200IsASoft404() {
		assertThat(PageVerdict.of("text/html", page("Oops", null, false, "title \"Page not found\""), null))
			.isEqualTo(new Judgement(Verdict.SOFT_404, "200 but a not-found page: title \"Page not found\""));
	}

	@Test
	void anAmpUrlServingNoAmpDocumentIsASoft404() {
		// issue 13: a 200 page is not BROKEN (a 4xx); for the article, its AMP page is not there
		assertThat(PageVerdict.of("text/html", page("Harbour", ARTICLE, false, null), ARTICLE))
			.isEqualTo(new Judgement(Verdict.SOFT_404, "the AMP URL serves a page that is not an AMP document"));
	}

	@Test
	void aCanonicalThatDiffersOnlyByItsQuerySlashOrSchemeIsTheArticle() {
		String webUrl = "http://news.example/2026/harbour?utm_source=feed&case=x";
		for (String canonical : List.of("https://news.example/2026/harbour", "https://NEWS.example/2026/harbour/",
				"http://news.example:80/2026/harbour#top", "https://news.example/2026/%68arbour?page=1")) {
			assertThat(PageVerdict.of("text/html", page("Harbour", canonical, true, null), webUrl).verdict()).as(canonical)
				.isEqualTo(Verdict.OK);
		}
	}

	@Test
	void aCanonicalToAnotherPageIsASoft404NamingBoth() {
		assertThat(PageVerdict.of("text/html", page("Other", "https://news.example/2026/other-story", true, null), ARTICLE))
			.isEqualTo(new Judgement(Verdict.SOFT_404, "the AMP page's canonical is 'https://news.example/2026/other-story',"
					+ " another page, not the article's webUrl '" + ARTICLE + "'"));
	}

	@Test
	void anAmpPageNamingTheArticleAsItsCanonicalIsOk() {
		assertThat(PageVerdict.of("text/html", page("Harbour", ARTICLE, true, null), ARTICLE).verdict())
			.isEqualTo(Verdict.OK);
	}

	@Test
	void anAmpPageWithoutACanonicalSaysSo() {
		assertThat(PageVerdict.of("text/html", page("Harbour", null, true, null), ARTICLE)).isEqualTo(new Judgement(
				Verdict.SOFT_404, "the AMP page's canonical is missing, not the article's webUrl '" + ARTICLE + "'"));
	}

	@Test
	void aDeepLinkRedirectedToTheHomePageIsASoft404() {
		List<Hop> hops = List.of(new Hop(ARTICLE, "GET", 302, "/", null), new Hop("https://news.example/", "GET", 200, null, null));

		assertThat(PageVerdict.redirectedHome(hops, "https://news.example/", ARTICLE))
			.isEqualTo(new Judgement(Verdict.SOFT_404, "redirects to the home page https://news.example/"));
	}

	@Test
	void theHomePageItselfOrARedirectElsewhereIsNoSoft404() {
		List<Hop> home = List.of(new Hop("http://news.example/", "GET", 301, "https://news.example/", null),
				new Hop("https://news.example/", "GET", 200, null, null));
		List<Hop> elsewhere = List.of(new Hop(ARTICLE, "GET", 302, "/2026/harbour-2", null),
				new Hop("https://news.example/2026/harbour-2", "GET", 200, null, null));

		assertThat(PageVerdict.redirectedHome(home, "https://news.example/", "http://news.example/")).isNull();
		assertThat(PageVerdict.redirectedHome(elsewhere, "https://news.example/2026/harbour-2", ARTICLE)).isNull();
		assertThat(PageVerdict.redirectedHome(List.of(new Hop("https://news.example/?page=2", "GET", 200, null, null)),
				"https://news.example/?page=2", ARTICLE)).isNull();
	}

	static PageInfo page(String title, String canonical, boolean amp, String soft404) {
		return new PageInfo(title, canonical, null, null, amp, soft404);
	}

}
