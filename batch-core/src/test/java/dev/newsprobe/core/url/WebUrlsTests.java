package dev.newsprobe.core.url;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link WebUrls}: which URLs can be probed, the one spelling each is stored under,
 * and the reason given for the ones that cannot.
 */
class WebUrlsTests {

	// ---------------------------------------------------------------- normalisation

	@Test
	void schemeAndHostAreLowerCasedButThePathIsNot() {
		assertThat(normalized("HTTPS://WWW.Example.COM/News/Story?Id=A")).isEqualTo("https://www.example.com/News/Story?Id=A");
	}

	@Test
	void theDefaultPortIsDroppedAndAnyOtherPortKept() {
		assertThat(normalized("https://www.example.com:443/a")).isEqualTo("https://www.example.com/a");
		assertThat(normalized("http://www.example.com:80/a")).isEqualTo("http://www.example.com/a");
		assertThat(normalized("http://www.example.com:443/a")).isEqualTo("http://www.example.com:443/a");
		assertThat(normalized("https://www.example.com:8443/a")).isEqualTo("https://www.example.com:8443/a");
	}

	@Test
	void theFragmentIsDroppedBecauseItIsNeverSent() {
		assertThat(normalized("https://www.example.com/story#comments")).isEqualTo("https://www.example.com/story");
		assertThat(normalized("https://www.example.com/story?page=2#top")).isEqualTo("https://www.example.com/story?page=2");
		assertThat(normalized("https://www.example.com#top")).isEqualTo("https://www.example.com/");
	}

	@Test
	void anEmptyPathBecomesASlash() {
		assertThat(normalized("https://www.example.com")).isEqualTo("https://www.example.com/");
		assertThat(normalized("https://www.example.com?q=1")).isEqualTo("https://www.example.com/?q=1");
		assertThat(normalized("http://www.example.com:8080")).isEqualTo("http://www.example.com:8080/");
	}

	@Test
	void anInternationalHostBecomesItsPunycodeForm() {
		assertThat(normalized("https://www.zeitung-müller.example/region/2024/bergdorf"))
			.isEqualTo("https://www.xn--zeitung-mller-4ob.example/region/2024/bergdorf");
		assertThat(normalized("https://點看.com")).isEqualTo("https://xn--c1yn36f.com/");
		assertThat(normalized("https://BÜCHER.ch/")).isEqualTo("https://xn--bcher-kva.ch/");
	}

	@Test
	void nonAsciiCharactersOfThePathAndQueryArePercentEncodedAsUtf8() {
		assertThat(normalized("https://www.example.com/café?q=é")).isEqualTo("https://www.example.com/caf%C3%A9?q=%C3%A9");
		assertThat(normalized("https://www.example.com/caf%C3%A9")).isEqualTo("https://www.example.com/caf%C3%A9");
	}

	@Test
	void surroundingWhitespaceIsIgnoredAndTheRawTextKept() {
		// when
		CheckedUrl checked = WebUrls.check("  https://www.example.com/a \n");

		// then
		assertThat(checked.valid()).isTrue();
		assertThat(checked.normalized()).isEqualTo("https://www.example.com/a");
		assertThat(checked.raw()).isEqualTo("  https://www.example.com/a \n");
		assertThat(checked.problem()).isNull();
	}

	@Test
	void normalisingTwiceChangesNothing() {
		for (String url : new String[] { "HTTPS://WWW.Example.COM:443/A?b#c", "https://www.zeitung-müller.example/ü",
				"http://[2001:DB8::1]:80/x", "https://example.com?q" }) {
			String once = normalized(url);
			assertThat(normalized(once)).as(url).isEqualTo(once);
		}
	}

	@Test
	void ipv4AndIpv6LiteralsAreAccepted() {
		assertThat(normalized("http://192.168.1.10/status")).isEqualTo("http://192.168.1.10/status");
		assertThat(normalized("http://[2001:DB8::1]:8080/x")).isEqualTo("http://[2001:db8::1]:8080/x");
		assertThat(normalized("https://[::1]")).isEqualTo("https://[::1]/");
	}

	@Test
	void credentialsAreNeverRequestedStoredNorShown() {
		// issue 13: user info used to be kept, and so were passwords in stored and logged URLs
		assertThat(normalized("https://reader@www.example.com/feed")).isEqualTo("https://www.example.com/feed");
		assertThat(normalized("https://reader:s3cret@www.example.com/feed")).isEqualTo("https://www.example.com/feed");
		assertThat(normalized("https://a@b:c@www.example.com/")).isEqualTo("https://www.example.com/");
		CheckedUrl invalid = WebUrls.check("https://reader:s3cret@www.exa mple.com/feed");
		assertThat(invalid.valid()).isFalse();
		assertThat(invalid.raw()).isEqualTo("https://***@www.exa mple.com/feed").doesNotContain("s3cret");
		assertThat(WebUrls.check("https://reader:s3cret@www.example.com/feed").raw()).doesNotContain("s3cret");
	}

	@Test
	void aUrlOfExactlyTheMaximumLengthIsAccepted() {
		// given
		String prefix = "https://www.example.com/";
		String url = prefix + "p".repeat(WebUrls.MAX_LENGTH - prefix.length());

		// when / then
		assertThat(url).hasSize(2048);
		assertThat(WebUrls.check(url).valid()).isTrue();
	}

	// ---------------------------------------------------------------- rejections

	@Test
	void otherSchemesAreRefusedByName() {
		assertThat(problem("ftp://files.example.com/x.jpg")).isEqualTo("scheme 'ftp' is not http or https");
		assertThat(problem("mailto:desk@example.com")).isEqualTo("scheme 'mailto' is not http or https");
		assertThat(problem("javascript:alert(1)")).isEqualTo("scheme 'javascript' is not http or https");
	}

	@Test
	void relativeAndSchemeRelativeUrlsAreNotAbsolute() {
		assertThat(problem("/news/story")).isEqualTo("not an absolute http(s) URL");
		assertThat(problem("//www.example.com/story")).isEqualTo("not an absolute http(s) URL");
		assertThat(problem("www.example.com/story")).isEqualTo("not an absolute http(s) URL");
	}

	@Test
	void missingSlashesAfterTheSchemeAreNamed() {
		assertThat(problem("https:www.example.com/x")).isEqualTo("missing '//' after 'https:'");
		assertThat(problem("http:/www.example.com/x")).isEqualTo("missing '//' after 'http:'");
	}

	@Test
	void aUrlWithoutHostIsRefused() {
		assertThat(problem("https:///story")).isEqualTo("the URL has no host");
		assertThat(problem("https://:8080/story")).isEqualTo("the URL has no host");
	}

	@Test
	void aSpaceInTheHostIsNamed() {
		assertThat(problem("https://bad host.example/x")).isEqualTo("a space in the host 'bad host.example'");
	}

	@Test
	void aSpaceInThePathMustBeEncoded() {
		assertThat(problem("https://www.example.com/my story")).isEqualTo("a space in the path or query; it must be written %20");
		assertThat(normalized("https://www.example.com/my%20story")).isEqualTo("https://www.example.com/my%20story");
	}

	@Test
	void aBadPortIsNamed() {
		assertThat(problem("https://www.example.com:99999/")).isEqualTo("port '99999' is not a number from 1 to 65535");
		assertThat(problem("https://www.example.com:0/")).isEqualTo("port '0' is not a number from 1 to 65535");
		assertThat(problem("https://www.example.com:http/")).isEqualTo("port 'http' is not a number from 1 to 65535");
	}

	@Test
	void aUrlLongerThanTheMaximumIsRefusedWithItsLength() {
		// given
		String url = "https://www.example.com/" + "p".repeat(2025);

		// when / then
		assertThat(url).hasSize(2049);
		assertThat(problem(url)).isEqualTo("the URL is 2049 characters long; at most 2048 are accepted");
	}

	@Test
	void aUrlThatOnlyGrowsPastTheMaximumOnceEncodedIsRefused() {
		// given 1100 'é', two bytes each, six characters once percent-encoded
		String url = "https://www.example.com/" + "é".repeat(1100);

		// when / then
		assertThat(url.length()).isLessThan(WebUrls.MAX_LENGTH);
		assertThat(problem(url)).contains("characters long once encoded").contains("at most 2048");
	}

	@Test
	void invalidHostNamesAreNamed() {
		assertThat(problem("https://-north.example/")).isEqualTo("host '-north.example' is not a valid domain name");
		assertThat(problem("https://north..example/")).isEqualTo("host 'north..example' is not a valid domain name");
		assertThat(problem("https://a<b.example/")).isEqualTo("host 'a<b.example' is not a valid domain name");
		assertThat(problem("https://" + "a".repeat(64) + ".example/")).contains("is not a valid domain name");
	}

	@Test
	void invalidIpLiteralsAreRefused() {
		assertThat(problem("http://999.1.1.1/")).isEqualTo("host '999.1.1.1' is not a valid IPv4 address");
		assertThat(problem("http://[::1/")).isEqualTo("unclosed '[' in the host");
		assertThat(problem("http://[::1]x/")).isEqualTo("unexpected text after the IPv6 host");
		assertThat(problem("http://[not-an-address]/")).isEqualTo("host '[not-an-address]' is not a valid IPv6 address");
	}

	@Test
	void anEmptyUrlIsRefused() {
		assertThat(problem(null)).isEqualTo("the URL is empty");
		assertThat(problem("   ")).isEqualTo("the URL is empty");
		assertThat(WebUrls.check(null).valid()).isFalse();
	}

	// ---------------------------------------------------------------- resolving body links

	@Test
	void relativeLinksAreResolvedAgainstTheArticleUrl() {
		String base = "https://www.example.com/news/2024/story";

		assertThat(WebUrls.resolve(base, "other")).isEqualTo("https://www.example.com/news/2024/other");
		assertThat(WebUrls.resolve(base, "../2023/older?x=1")).isEqualTo("https://www.example.com/news/2023/older?x=1");
		assertThat(WebUrls.resolve(base, "/about")).isEqualTo("https://www.example.com/about");
		assertThat(WebUrls.resolve(base, "//cdn.example.com/i.png")).isEqualTo("https://cdn.example.com/i.png");
		assertThat(WebUrls.resolve(base, " my file.pdf ")).isEqualTo("https://www.example.com/news/2024/my%20file.pdf");
	}

	@Test
	void aQueryOnlyLinkKeepsTheArticlePathAsABrowserWould() {
		assertThat(WebUrls.resolve("https://www.example.com/news/2024/story", "?page=2"))
			.isEqualTo("https://www.example.com/news/2024/story?page=2");
	}

	@Test
	void absoluteLinksAreReturnedAsWrittenWithOrWithoutABase() {
		assertThat(WebUrls.resolve(null, "https://other.example/x")).isEqualTo("https://other.example/x");
		assertThat(WebUrls.resolve("https://www.example.com/", " HTTPS://Other.example/x ")).isEqualTo("HTTPS://Other.example/x");
		assertThat(WebUrls.resolve("https://www.example.com/", "javascript:alert(1)")).isEqualTo("javascript:alert(1)");
	}

	@Test
	void aRelativeLinkWithoutABaseCannotBeResolved() {
		assertThat(WebUrls.resolve(null, "/about")).isNull();
		assertThat(WebUrls.resolve(null, "../older")).isNull();
	}

	private static String normalized(String url) {
		CheckedUrl checked = WebUrls.check(url);
		assertThat(checked.valid()).as("'%s' should be valid, but: %s", url, checked.problem()).isTrue();
		return checked.normalized();
	}

	private static String problem(String url) {
		CheckedUrl checked = WebUrls.check(url);
		assertThat(checked.valid()).as("'%s' should be invalid, but normalised to %s", url, checked.normalized()).isFalse();
		assertThat(checked.normalized()).isNull();
		return checked.problem();
	}

}
