package dev.newsprobe.core.probe.internal;

import java.net.URI;
import java.util.List;

import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.probe.PageInfo;
import dev.newsprobe.core.probe.Verdict;
import dev.newsprobe.core.url.SamePage;

/**
 * The verdict of a page that answered 2xx: a soft 404 (a "not found" page, a redirect to the home page, or an
 * AMP URL that serves no AMP page of the article: not AMP, or its canonical is another page), or a page that
 * works. The canonical and the article's web URL are the same page when {@link SamePage} says so: a query
 * (tracking parameters) or a trailing slash make no difference.
 */
public final class PageVerdict {

	private PageVerdict() {
	}

	/**
	 * Whether redirects led a deep link to the home page, the usual way a site says "gone" with a 200.
	 * @param hops the requests made
	 * @param finalUrl the URL that answered
	 * @param target the URL first requested
	 * @return a {@link Verdict#SOFT_404} judgement, or {@code null}
	 */
	public static Judgement redirectedHome(List<Hop> hops, String finalUrl, String target) {
		if (hops.size() < 2) {
			// not redirected: no URL to parse
			return null;
		}
		URI last = URI.create(finalUrl);
		if (isHomePage(last) && !isHomePage(URI.create(target))) {
			return new Judgement(Verdict.SOFT_404, "redirects to the home page " + last);
		}
		return null;
	}

	/**
	 * The verdict of a page's content.
	 * @param contentType the answer's {@code Content-Type}
	 * @param page what was read from the page's head, or {@code null} when it is not HTML
	 * @param ampCanonical the article's normalised web URL when the page is its AMP page, else {@code null}
	 */
	public static Judgement of(String contentType, PageInfo page, String ampCanonical) {
		if (page == null) {
			return new Judgement(Verdict.OK, contentType);
		}
		if (page.soft404() != null) {
			return new Judgement(Verdict.SOFT_404, "200 but a not-found page: " + page.soft404());
		}
		if (ampCanonical != null) {
			// an AMP URL that answers 200 with something else than the article's AMP page: for this article, its
			// AMP page is not there (a soft 404, not BROKEN, which is a 4xx); the canonical found is the evidence
			if (!page.amp()) {
				return new Judgement(Verdict.SOFT_404, "the AMP URL serves a page that is not an AMP document");
			}
			if (!SamePage.test(page.canonical(), ampCanonical)) {
				return new Judgement(Verdict.SOFT_404, "the AMP page's canonical is "
						+ ((page.canonical() != null) ? "'" + page.canonical() + "', another page" : "missing")
						+ ", not the article's webUrl '" + ampCanonical + "'");
			}
		}
		return new Judgement(Verdict.OK,
				"an HTML page" + ((page.title() != null) ? " titled \"" + shorten(page.title()) + "\"" : ""));
	}

	private static boolean isHomePage(URI uri) {
		String path = uri.getRawPath();
		return (path == null || path.isEmpty() || path.equals("/")) && uri.getRawQuery() == null;
	}

	private static String shorten(String text) {
		return (text.length() <= 80) ? text : text.substring(0, 77) + "...";
	}

}
