package dev.newsprobe.core.url;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link AmpCacheUrls}. Expected values come from real archive files (the seed article)
 * and from the reference implementation's own test vectors (ampproject/amp-toolbox,
 * {@code packages/cache-url/spec/AmpUrlSpec.js}), so they are what the Google AMP cache serves.
 */
class AmpCacheUrlsTests {

	// ---------------------------------------------------------------- whole URLs

	@Test
	void theSeedArticleAmpUrlGivesTheCacheUrlItsFileDeclares() {
		assertThat(AmpCacheUrls.cacheUrlOf("https://www.india.com/viral/amid-protests-against-george-floyds-murder-amazon-"
				+ "bans-police-use-of-its-facial-recognition-technology-for-1-year-4055138/amp/"))
			.isEqualTo("https://www-india-com.cdn.ampproject.org/c/s/www.india.com/viral/amid-protests-against-george-"
					+ "floyds-murder-amazon-bans-police-use-of-its-facial-recognition-technology-for-1-year-4055138/amp/");
	}

	@Test
	void theSeedRelatedAmpUrlsGiveTheCacheUrlsTheirEntriesDeclare() {
		assertThat(AmpCacheUrls.cacheUrlOf(
				"https://mspoweruser.com/unlike-amazon-microsoft-never-sold-facial-recognition-technology-to-police-forces/amp/"))
			.isEqualTo("https://mspoweruser-com.cdn.ampproject.org/c/s/mspoweruser.com/unlike-amazon-microsoft-never-sold-"
					+ "facial-recognition-technology-to-police-forces/amp/");
		assertThat(AmpCacheUrls.cacheUrlOf("https://www.law360.com/amp/articles/1281930"))
			.isEqualTo("https://www-law360-com.cdn.ampproject.org/c/s/www.law360.com/amp/articles/1281930");
	}

	@Test
	void anHttpOriginHasNoSecureMarkerInTheCachePath() {
		assertThat(AmpCacheUrls.cacheUrlOf("http://archive.quayside.example/amp/2023/gull-point-first-winter"))
			.isEqualTo("https://archive-quayside-example.cdn.ampproject.org/c/archive.quayside.example/amp/2023/gull-point-first-winter");
		assertThat(AmpCacheUrls.cacheUrlOf("http://www.example.com/"))
			.isEqualTo("https://www-example-com.cdn.ampproject.org/c/www.example.com/");
	}

	@Test
	void theQueryStringIsKept() {
		assertThat(AmpCacheUrls.cacheUrlOf("https://example.com/g?value=Hello%20World"))
			.isEqualTo("https://example-com.cdn.ampproject.org/c/s/example.com/g?value=Hello%20World");
		assertThat(AmpCacheUrls.cacheUrlOf("https://news.tidewire.example/amp/energy/tidal-4411?outputType=amp"))
			.isEqualTo("https://news-tidewire-example.cdn.ampproject.org/c/s/news.tidewire.example/amp/energy/tidal-4411?outputType=amp");
	}

	@Test
	void aPortIsKeptInThePathButNotInTheSubdomain() {
		assertThat(AmpCacheUrls.cacheUrlOf("https://www.example.com:8443/amp/x"))
			.isEqualTo("https://www-example-com.cdn.ampproject.org/c/s/www.example.com:8443/amp/x");
	}

	@Test
	void anInternationalHostGivesAPunycodeSubdomain() {
		assertThat(AmpCacheUrls.cacheUrlOf("https://xn--c1yn36f.com/"))
			.isEqualTo("https://xn---com-k47jg78q.cdn.ampproject.org/c/s/xn--c1yn36f.com/");
	}

	// ---------------------------------------------------------------- subdomains

	@Test
	void dotsBecomeDashesAndTheHostIsLowerCased() {
		assertThat(AmpCacheUrls.subdomainOf("something.com")).isEqualTo("something-com");
		assertThat(AmpCacheUrls.subdomainOf("SOMETHING.COM")).isEqualTo("something-com");
		assertThat(AmpCacheUrls.subdomainOf("www.india.com")).isEqualTo("www-india-com");
	}

	@Test
	void dashesAreDoubled() {
		assertThat(AmpCacheUrls.subdomainOf("hello-world.com")).isEqualTo("hello--world-com");
		assertThat(AmpCacheUrls.subdomainOf("hello--world.com")).isEqualTo("hello----world-com");
		assertThat(AmpCacheUrls.subdomainOf("north-star-herald.example")).isEqualTo("north--star--herald-example");
	}

	@Test
	void aLabelWithDashesInThirdAndFourthPlaceIsWrappedInZeroes() {
		// "en-us" gives "en--us": a label with "--" at positions 3-4 is reserved for IDNA, so the cache wraps it
		assertThat(AmpCacheUrls.subdomainOf("en-us.example.com")).isEqualTo("0-en--us-example-com-0");
		assertThat(AmpCacheUrls.subdomainOf("a--b.example")).isEqualTo("0-a----b-example-0");
		assertThat(AmpCacheUrls.subdomainOf("ab-.example")).isEqualTo("0-ab---example-0");
		assertThat(AmpCacheUrls.subdomainOf("www.en-us.example")).isEqualTo("www-en--us-example");
	}

	@Test
	void aPunycodeHostIsDecodedFirstSoItsXnPrefixIsNotWrapped() {
		assertThat(AmpCacheUrls.subdomainOf("xn--bcher-kva.ch")).isEqualTo("xn--bcher-ch-65a");
		assertThat(AmpCacheUrls.subdomainOf("bücher.ch")).isEqualTo("xn--bcher-ch-65a");
		assertThat(AmpCacheUrls.subdomainOf("點看.com")).isEqualTo("xn---com-k47jg78q");
		assertThat(AmpCacheUrls.subdomainOf("xn--c1yn36f.com")).isEqualTo("xn---com-k47jg78q");
	}

	@Test
	void aWhollyRightToLeftHostKeepsAReadableSubdomain() {
		assertThat(AmpCacheUrls.subdomainOf("xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c"))
			.isEqualTo("xn-------i5fvcbaopc6fkc0de0d9jybegt6cd");
	}

	@Test
	void aHostMixingLeftToRightAndRightToLeftFallsBackToTheHash() {
		assertThat(AmpCacheUrls.subdomainOf("hello.xn--4gbrim.xn----rmckbbajlc6dj7bxne2c.xn--wgbh1c"))
			.isEqualTo("a6h5moukddengbsjm77rvbosevwuduec2blkjva4223o4bgafgla");
	}

	@Test
	void aHostWhoseLabelWouldExceedSixtyThreeCharactersFallsBackToTheBase32Hash() {
		// given
		String host = "itwasadarkandstormynight.therainfellintorrents.exceptatoccasionalintervalswhenitwascheckedby."
				+ "aviolentgustofwindwhichsweptupthestreets.com";

		// when
		String subdomain = AmpCacheUrls.subdomainOf(host);

		// then
		assertThat(subdomain).isEqualTo("dgz4cnrxufaulnwku4ow5biptyqnenjievjht56hd7wqinbdbteq")
			.hasSize(52)
			.matches("[a-z2-7]{52}");
		assertThat(AmpCacheUrls.subdomainOf(host)).as("deterministic").isEqualTo(subdomain);
		assertThat(AmpCacheUrls.subdomainOf(host.toUpperCase())).as("case-insensitive").isEqualTo(subdomain);
		assertThat(AmpCacheUrls.cacheUrlOf("https://" + host + "/amp/x"))
			.isEqualTo("https://" + subdomain + ".cdn.ampproject.org/c/s/" + host + "/amp/x");
	}

	@Test
	void theSixtyThreeCharacterBoundaryIsInclusive() {
		// given hosts whose readable label is exactly 63 and 64 characters
		String fits = "a".repeat(30) + "." + "b".repeat(32);
		String tooLong = "a".repeat(30) + "." + "b".repeat(33);

		// when / then
		assertThat(AmpCacheUrls.subdomainOf(fits)).isEqualTo("a".repeat(30) + "-" + "b".repeat(32)).hasSize(63);
		assertThat(AmpCacheUrls.subdomainOf(tooLong)).hasSize(52).matches("[a-z2-7]+");
		assertThat(AmpCacheUrls.subdomainOf(tooLong)).isNotEqualTo(AmpCacheUrls.subdomainOf(tooLong + "c"));
	}

	@Test
	void aHostWithoutADotFallsBackToTheHashAsTheCacheDoes() {
		assertThat(AmpCacheUrls.subdomainOf("toplevelnohyphens")).isEqualTo("qsgpfjzulvuaxb66z77vlhb5gu2irvcnyp6t67cz6tqo5ae6fysa");
		assertThat(AmpCacheUrls.subdomainOf("no-dot-domain")).isEqualTo("4lxc7wqq7b25walg4rdiil62veijrmqui5z3ept2lyfqqwpowryq");
	}

}
