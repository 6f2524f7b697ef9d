package dev.newsprobe.core.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Integration tests for {@link HttpProber} against a real local server ({@link FixtureWeb}): each verdict,
 * with the evidence an analyst sees next to it, and the HTTP behaviours behind them (redirects, HEAD
 * fallback, retries, {@code Retry-After}, rate limits, conditional requests).
 * <p>
 * Hostile servers, politeness and the address guard have test classes of their own.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HttpProberIntegrationTests {

	private final FixtureWeb web = FixtureWeb.start();

	private final HttpProber prober = TestPolicy.loopback().prober();

	@AfterEach
	void close() {
		this.prober.close();
		this.web.close();
	}

	// ---------------------------------------------------------------- OK

	@Test
	void aPageAnswering200IsOkWithItsHeadRead() {
		// given
		String url = this.web.url("/news/harbour");
		this.web.route("/news/harbour", Fixtures.page()
			.title("Harbour reopens after storm")
			.canonical(url)
			.ogImage("/img/harbour.jpg")
			.response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(url));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.finalUrl()).isEqualTo(url);
		assertThat(result.contentType()).startsWith("text/html");
		assertThat(result.page().title()).isEqualTo("Harbour reopens after storm");
		assertThat(result.page().canonical()).isEqualTo(url);
		assertThat(result.page().ogImage()).isEqualTo(this.web.url("/img/harbour.jpg"));
		assertThat(result.page().soft404()).isNull();
		assertThat(result.reason()).contains("Harbour reopens after storm");
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 200, null, "127.0.0.1"));
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.requests()).isEqualTo(1);
		assertThat(result.errorClass()).isNull();
		assertThat(this.web.requestHeaders("/news/harbour")).containsEntry("User-Agent",
				"newsprobe-tests/0.1 (+https://newsprobe.dev/tests)");
	}

	@Test
	void aGzippedPageIsInflatedBeforeItsHeadIsRead() {
		// given
		this.web.route("/gz", Fixtures.page().title("Compressed story").response().gzip());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/gz")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.page().title()).isEqualTo("Compressed story");
		assertThat(this.web.requestHeaders("/gz").get("Accept-Encoding")).contains("gzip");
	}

	@Test
	void aGzippedPageCutAtTheBodyCapStillHasItsHeadRead() {
		// given a page that hardly compresses (inline random data), so its gzip stream is longer than the cap
		byte[] noise = new byte[TestPolicy.PAGE_BODY_CAP * 2];
		new Random(42).nextBytes(noise);
		String html = Fixtures.page().title("Big story").body("<!-- " + new String(noise, StandardCharsets.ISO_8859_1) + " -->")
			.build();
		this.web.route("/big", Response.ok("text/html; charset=iso-8859-1", html.getBytes(StandardCharsets.ISO_8859_1)).gzip());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/big")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.page().title()).isEqualTo("Big story");
	}

	@Test
	void anImageOfItsDeclaredSizeIsOkAfterOneRangedGet() {
		// given
		byte[] jpeg = Fixtures.jpeg(640, 480);
		this.web.route("/img/photo.jpg", Response.image(jpeg, "image/jpeg"));
		String url = this.web.url("/img/photo.jpg");

		// when
		ProbeResult result = probe(this.prober, image(url, 640, 480));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.statusCode()).isEqualTo(206);
		assertThat(result.imageWidth()).isEqualTo(640);
		assertThat(result.imageHeight()).isEqualTo(480);
		assertThat(result.contentType()).isEqualTo("image/jpeg");
		assertThat(result.contentLength()).isEqualTo(jpeg.length);
		assertThat(result.reason()).contains("jpeg").contains("640x480");
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 206, null, "127.0.0.1"));
		assertThat(result.requests()).isEqualTo(1);
		assertThat(this.web.hits("/img/photo.jpg", "GET")).isEqualTo(1);
		assertThat(this.web.hits("/img/photo.jpg", "HEAD")).isZero();
		assertThat(this.web.requestHeaders("/img/photo.jpg")).containsEntry("Range",
				"bytes=0-" + (TestPolicy.IMAGE_SNIFF_BYTES - 1));
	}

	@Test
	void anImageWithoutADeclaredSizeIsOkOnItsHeadAlone() {
		// given
		this.web.route("/img/logo.png", Response.image(Fixtures.png(120, 40), "image/png"));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.image(this.web.url("/img/logo.png")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.contentType()).isEqualTo("image/png");
		assertThat(result.hops()).extracting(Hop::method).containsExactly("HEAD");
		assertThat(result.requests()).isEqualTo(1);
		assertThat(this.web.hits("/img/logo.png", "GET")).isZero();
	}

	@Test
	void aGzippedSvgIsInflatedBeforeItIsSniffed() {
		// given an SVG served compressed, as many CDNs do when the client accepts gzip
		String svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"120\" height=\"40\"><rect width=\"120\" height=\"40\"/></svg>";
		this.web.route("/img/logo.svg", Response.ok("image/svg+xml", svg).gzip());

		// when
		ProbeResult result = probe(this.prober, image(this.web.url("/img/logo.svg"), 120, 40));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.imageWidth()).isEqualTo(120);
		assertThat(result.imageHeight()).isEqualTo(40);
		assertThat(result.reason()).contains("svg");
	}

	// ---------------------------------------------------------------- images that are not what they claim

	@Test
	void anImageOfAnotherSizeThanDeclaredIsASizeMismatchNamingBothSizes() {
		// given
		this.web.route("/img/photo.png", Response.image(Fixtures.png(640, 480), "image/png"));

		// when
		ProbeResult result = probe(this.prober, image(this.web.url("/img/photo.png"), 700, 415));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.SIZE_MISMATCH);
		assertThat(result.reason()).contains("700x415").contains("640x480").contains("png");
		assertThat(result.imageWidth()).isEqualTo(640);
		assertThat(result.imageHeight()).isEqualTo(480);
		assertThat(result.statusCode()).isEqualTo(206);
		assertThat(result.requests()).isEqualTo(1);
	}

	@Test
	void htmlServedAtAnImageUrlIsNotAnImage() {
		// given an error page served with 200 where an image was expected
		this.web.route("/img/gone.jpg", Fixtures.page().title("Our image library").response());
		String url = this.web.url("/img/gone.jpg");

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.image(url));

		// then the HEAD's text/html is not trusted: the bytes decide
		assertThat(result.verdict()).isEqualTo(Verdict.NOT_AN_IMAGE);
		assertThat(result.reason()).contains("not an image").contains("text/html");
		assertThat(result.contentType()).startsWith("text/html");
		assertThat(result.imageWidth()).isNull();
		assertThat(result.hops()).extracting(Hop::method, Hop::statusCode)
			.containsExactly(tuple("HEAD", 200), tuple("GET", 200));
		assertThat(result.requests()).isEqualTo(2);
	}

	@Test
	void anImageServerRefusingHeadIsCheckedWithARangedGet() {
		// given
		this.web.route("/img/cdn.png", "HEAD", Response.status(405))
			.route("/img/cdn.png", Response.image(Fixtures.png(320, 200), "image/png"));
		String url = this.web.url("/img/cdn.png");

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.image(url));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.imageWidth()).isEqualTo(320);
		assertThat(result.imageHeight()).isEqualTo(200);
		assertThat(result.hops()).containsExactly(new Hop(url, "HEAD", 405, null, "127.0.0.1"),
				new Hop(url, "GET", 206, null, "127.0.0.1"));
		assertThat(result.requests()).isEqualTo(2);
		assertThat(this.web.requestHeaders("/img/cdn.png")).containsKey("Range");
	}

	@Test
	void anImageWhoseHeadSaysNotFoundButWhoseGetServesItIsOk() {
		// given a server that answers HEAD wrongly, as some image hosts do
		this.web.route("/img/liar.gif", "HEAD", Response.status(404))
			.route("/img/liar.gif", "GET", Response.image(Fixtures.gif(48, 48), "image/gif"));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.image(this.web.url("/img/liar.gif")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.imageWidth()).isEqualTo(48);
		assertThat(result.hops()).extracting(Hop::method, Hop::statusCode)
			.containsExactly(tuple("HEAD", 404), tuple("GET", 206));
		assertThat(result.requests()).isEqualTo(2);
	}

	// ---------------------------------------------------------------- redirects

	@Test
	void aPermanentRedirectIsMovedToItsNewLocation() {
		// given
		String oldUrl = this.web.url("/2019/old-slug");
		String newUrl = this.web.url("/2019/new-slug");
		this.web.route("/2019/old-slug", Response.redirect(301, "/2019/new-slug"))
			.route("/2019/new-slug", Fixtures.page().title("The story").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(oldUrl));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.MOVED);
		assertThat(result.finalUrl()).isEqualTo(newUrl);
		assertThat(result.reason()).contains(newUrl).contains("update");
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.hops()).containsExactly(new Hop(oldUrl, "GET", 301, "/2019/new-slug", "127.0.0.1"),
				new Hop(newUrl, "GET", 200, null, "127.0.0.1"));
		assertThat(result.requests()).isEqualTo(2);
		assertThat(result.page().title()).isEqualTo("The story");
	}

	@Test
	void aTemporaryRedirectIsOkAndEndsAtItsTarget() {
		// given
		String url = this.web.url("/latest");
		this.web.route("/latest", Response.redirect(302, this.web.url("/2024/05/story")))
			.route("/2024/05/story", Fixtures.page().title("Latest story").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(url));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.finalUrl()).isEqualTo(this.web.url("/2024/05/story"));
		assertThat(result.hops()).extracting(Hop::statusCode).containsExactly(302, 200);
		assertThat(result.requests()).isEqualTo(2);
	}

	@Test
	void aRedirectLoopIsBrokenAndEachHopIsRequestedOnce() {
		// given
		String a = this.web.url("/a");
		String b = this.web.url("/b");
		this.web.route("/a", Response.redirect(302, "/b")).route("/b", Response.redirect(302, "/a"));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(a));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.BROKEN);
		assertThat(result.reason()).contains("loop").contains(a).contains(b);
		assertThat(result.hops()).extracting(Hop::url).containsExactly(a, b);
		assertThat(result.requests()).isEqualTo(2);
		assertThat(this.web.hits("/a")).isEqualTo(1);
		assertThat(this.web.hits("/b")).isEqualTo(1);
	}

	@Test
	void tenRedirectsAreFollowed() {
		// given /r0 -> /r1 -> ... -> /r10, a page
		chainOfRedirects(10);

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/r0")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.finalUrl()).isEqualTo(this.web.url("/r10"));
		assertThat(result.hops()).hasSize(11);
	}

	@Test
	void moreThanTenRedirectsAreBroken() {
		// given /r0 -> /r1 -> ... -> /r11, a page
		chainOfRedirects(11);

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/r0")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.BROKEN);
		assertThat(result.reason()).contains("more than 10 redirects");
		assertThat(result.hops()).hasSize(11).extracting(Hop::statusCode).containsOnly(302);
		assertThat(result.requests()).isEqualTo(11);
		assertThat(this.web.hits("/r11")).isZero();
	}

	@Test
	void aSeeOtherAfterAGetIsFollowedWithAGet() {
		// given
		this.web.route("/search", Response.redirect(303, "/results"))
			.route("/results", Fixtures.page().title("Results").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/search")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.hops()).extracting(Hop::method).containsExactly("GET", "GET");
		assertThat(this.web.hits("/results", "GET")).isEqualTo(1);
	}

	// ---------------------------------------------------------------- not OK

	@ParameterizedTest(name = "{0} {1}")
	@CsvSource({ "404, Not Found", "410, Gone" })
	void aMissingResourceIsBrokenAtOnce(int status, String phrase) {
		// given
		this.web.route("/deleted", Response.status(status));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/deleted")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.BROKEN);
		assertThat(result.statusCode()).isEqualTo(status);
		assertThat(result.reason()).isEqualTo(status + " " + phrase);
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.requests()).isEqualTo(1);
	}

	@Test
	void anInternalServerErrorIsAServerErrorWithoutRetries() {
		// given a 500, which the design does not count as transient (only 502, 503 and 504 are retried)
		this.web.route("/crash", Response.status(500));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/crash")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.SERVER_ERROR);
		assertThat(result.statusCode()).isEqualTo(500);
		assertThat(result.reason()).contains("500");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(this.web.hits("/crash")).isEqualTo(1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 502, 503, 504 })
	void aGatewayOrAvailabilityErrorOnEveryAttemptIsAServerError(int status) {
		// given
		this.web.route("/down", Response.status(status));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/down")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.SERVER_ERROR);
		assertThat(result.statusCode()).isEqualTo(status);
		assertThat(result.reason()).contains(status + " on each of " + TestPolicy.MAX_ATTEMPTS + " attempts");
		assertThat(result.attempts()).isEqualTo(TestPolicy.MAX_ATTEMPTS);
		assertThat(result.requests()).isEqualTo(TestPolicy.MAX_ATTEMPTS);
		assertThat(this.web.hits("/down")).isEqualTo(TestPolicy.MAX_ATTEMPTS);
	}

	@ParameterizedTest
	@ValueSource(ints = { 401, 403 })
	void anAccessRefusalIsBlockedNotBroken(int status) {
		// given
		this.web.route("/paywall", Response.status(status));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/paywall")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
		assertThat(result.statusCode()).isEqualTo(status);
		assertThat(result.reason()).contains(String.valueOf(status)).contains("inconclusive");
		assertThat(result.attempts()).isEqualTo(1);
	}

	@Test
	void tooManyRequestsOnEveryAttemptIsBlocked() {
		// given
		this.web.route("/throttled", Response.status(429));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/throttled")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
		assertThat(result.statusCode()).isEqualTo(429);
		assertThat(result.reason()).contains("429 on each of " + TestPolicy.MAX_ATTEMPTS + " attempts");
		assertThat(result.attempts()).isEqualTo(TestPolicy.MAX_ATTEMPTS);
		assertThat(this.web.hits("/throttled")).isEqualTo(TestPolicy.MAX_ATTEMPTS);
	}

	@Test
	void aNotFoundPageServedWith200IsASoft404() {
		// given
		this.web.route("/2020/lost", Fixtures.page().title("Page not found – Harbour Daily").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/2020/lost")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.SOFT_404);
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.reason()).contains("Page not found – Harbour Daily");
		assertThat(result.page().soft404()).contains("title");
	}

	@Test
	void aRedirectToTheHomePageIsASoft404() {
		// given a site that sends every dead link to its front page
		this.web.route("/2020/removed-story", Response.redirect(302, "/"))
			.route("/", Fixtures.page().title("Harbour Daily – News").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/2020/removed-story")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.SOFT_404);
		assertThat(result.reason()).contains("home page");
		assertThat(result.finalUrl()).isEqualTo(this.web.url("/"));
		assertThat(result.hops()).extracting(Hop::statusCode).containsExactly(302, 200);
	}

	@Test
	void aHostUnderTheInvalidTopLevelDomainIsADnsErrorWithoutALookup() {
		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page("http://newsprobe-fixture.invalid/story"));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.DNS_ERROR);
		assertThat(result.reason()).contains("newsprobe-fixture.invalid").contains("does not resolve");
		assertThat(result.errorClass()).isEqualTo("dns.unknown-host");
		assertThat(result.statusCode()).isZero();
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.hops()).containsExactly(new Hop("http://newsprobe-fixture.invalid/story", "GET", 0, null, null));
	}

	@Test
	void anInternationalHostNameIsProbedInItsAsciiForm() {
		// when a host written in Unicode, as articles do (.invalid, so no lookup is made)
		ProbeResult result = probe(this.prober, ProbeRequest.page("http://bücher.invalid/"));

		// then it is looked up (and fails) like any other name, not refused as a missing host
		assertThat(result.verdict()).isEqualTo(Verdict.DNS_ERROR);
		assertThat(result.reason()).contains("xn--bcher-kva.invalid");
		assertThat(result.url()).isEqualTo("http://bücher.invalid/");
	}

	@Test
	void aClosedPortIsAConnectErrorAfterEveryAttempt() {
		// given a port nothing listens on any more
		FixtureWeb gone = FixtureWeb.start();
		String url = gone.url("/story");
		gone.close();

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(url));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.CONNECT_ERROR);
		assertThat(result.reason()).contains("connection failed").contains("attempt 3 of 3");
		assertThat(result.reason()).contains("refused");
		assertThat(result.errorClass()).isEqualTo("connect.refused");
		assertThat(result.errorMessage()).contains("refused");
		assertThat(result.statusCode()).isZero();
		assertThat(result.attempts()).isEqualTo(TestPolicy.MAX_ATTEMPTS);
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 0, null, null));
	}

	@Test
	void httpsToAServerThatSpeaksPlainHttpIsATlsError() {
		// given the fixture speaks plain HTTP only; it answers the TLS ClientHello with a 400
		String url = "https://" + this.web.authority() + "/story";

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(url));

		// then the handshake fails: a protocol mismatch, which is what TLS_ERROR means
		assertThat(result.verdict()).isEqualTo(Verdict.TLS_ERROR);
		assertThat(result.reason())
			.isEqualTo("the server does not speak TLS on port " + this.web.port() + " (plain HTTP behind an https URL?)");
		assertThat(result.errorClass()).isEqualTo("tls.not-tls");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(result.statusCode()).isZero();
		assertThat(this.web.totalRequests()).isZero();
	}

	@Test
	void aMalformedUrlIsInvalidAndNeverRequested() {
		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page("http://exa mple.com/story"));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.INVALID_URL);
		assertThat(result.reason()).contains("space");
		assertThat(result.statusCode()).isZero();
		assertThat(result.hops()).isEmpty();
		assertThat(result.requests()).isZero();
	}

	@Test
	void aUrlThatIsNotHttpIsInvalid() {
		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page("ftp://" + this.web.authority() + "/file"));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.INVALID_URL);
		assertThat(result.reason()).contains("ftp");
		assertThat(result.requests()).isZero();
		assertThat(this.web.totalRequests()).isZero();
	}

	@Test
	void aServerSilentBeyondTheResponseTimeoutIsATimeout() {
		// given
		this.web.route("/slow", Response.html("<title>late</title>").latency(Duration.ofSeconds(30)));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/slow")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.TIMEOUT);
		assertThat(result.reason()).contains("timeout");
		// three response timeouts of 2 s do not fit in the total timeout of 5 s: the total timeout ends it
		assertThat(result.errorClass()).isEqualTo("timeout.total");
		assertThat(result.errorMessage()).as("the response timeout that failed the earlier attempts").isNotNull();
		assertThat(result.statusCode()).isZero();
		assertThat(result.hops()).containsExactly(new Hop(this.web.url("/slow"), "GET", 0, null, null));
		assertThat(result.elapsedMillis()).isLessThanOrEqualTo(TestPolicy.BOUNDED_COST.toMillis());
		assertThat(this.web.hits("/slow")).isBetween(2, TestPolicy.MAX_ATTEMPTS);
	}

	@Test
	void aServerSilentBeyondTheResponseTimeoutOnTheOnlyAttemptIsAResponseTimeout() {
		// given one attempt only, so the response timeout (2 s) ends the probe before the total timeout (5 s)
		this.web.route("/slow", Response.html("<title>late</title>").latency(Duration.ofSeconds(30)));

		// when
		ProbeResult result;
		try (HttpProber once = TestPolicy.loopback().maxAttempts(1).prober()) {
			result = probe(once, ProbeRequest.page(this.web.url("/slow")));
		}

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.TIMEOUT);
		assertThat(result.reason()).startsWith("timed out").contains("attempt 1 of 1");
		assertThat(result.errorClass()).isEqualTo("timeout.response");
		assertThat(result.errorMessage()).isNotBlank();
		assertThat(this.web.hits("/slow")).isEqualTo(1);
	}

	// ---------------------------------------------------------------- retries

	@Test
	void aServiceUnavailableThenOkIsOkOnTheSecondAttempt() {
		// given
		this.web.sequence("/flaky", Response.status(503), Fixtures.page().title("Back").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/flaky")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(result.requests()).isEqualTo(2);
		assertThat(result.hops()).extracting(Hop::statusCode).containsExactly(200);
		assertThat(this.web.hits("/flaky")).isEqualTo(2);
	}

	@Test
	void tooManyRequestsWithRetryAfterInSecondsIsRetriedNoSoonerThanAsked() {
		// given
		this.web.sequence("/busy", Response.status(429).header("Retry-After", "1"),
				Fixtures.page().title("Finally").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/busy")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(gapBetweenFirstTwo("/busy")).isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void retryAfterAsAnHttpDateIsHonoured() {
		// given a date two seconds ahead, which HTTP dates round down to the second: at least one second's wait
		String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.now().plusSeconds(2).atZone(ZoneOffset.UTC));
		this.web.sequence("/busy", Response.status(503).header("Retry-After", date),
				Fixtures.page().title("Finally").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/busy")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(gapBetweenFirstTwo("/busy")).isGreaterThanOrEqualTo(Duration.ofMillis(900));
	}

	@Test
	void aRetryAfterLongerThanTheCapEndsTheRetriesAtOnce() {
		// given
		this.web.route("/later", Response.status(429).header("Retry-After", "120"));

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/later")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.BLOCKED);
		assertThat(result.reason()).contains("retry after 120 s").contains("cap of 3 s");
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(this.web.hits("/later")).isEqualTo(1);
	}

	@Test
	void aRateLimitResetIsWaitedForBeforeTheNextRequestToThatHost() {
		// given a host that says its window is used up for one more second
		this.web.route("/first", Fixtures.page().title("First").response()
			.header("RateLimit-Remaining", "0")
			.header("RateLimit-Reset", "1"));
		this.web.route("/second", Fixtures.page().title("Second").response());

		// when
		ProbeResult first = probe(this.prober, ProbeRequest.page(this.web.url("/first")));
		ProbeResult second = probe(this.prober, ProbeRequest.page(this.web.url("/second")));

		// then
		assertThat(first.verdict()).isEqualTo(Verdict.OK);
		assertThat(second.verdict()).isEqualTo(Verdict.OK);
		Duration gap = Duration.between(this.web.requestTimes("/first").get(0), this.web.requestTimes("/second").get(0));
		assertThat(gap).isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	@Test
	void tooManyRequestsWithARateLimitResetIsRetriedAfterTheReset() {
		// given
		this.web.sequence("/api", Response.status(429).header("RateLimit-Remaining", "0").header("RateLimit-Reset", "1"),
				Fixtures.page().title("Open again").response());

		// when
		ProbeResult result = probe(this.prober, ProbeRequest.page(this.web.url("/api")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.attempts()).isEqualTo(2);
		assertThat(gapBetweenFirstTwo("/api")).isGreaterThanOrEqualTo(Duration.ofMillis(950));
	}

	// ---------------------------------------------------------------- conditional requests

	@Test
	void knownValidatorsAreSentAndA304IsAnOkRefresh() {
		// given
		String lastModified = "Wed, 01 May 2024 08:00:00 GMT";
		this.web.route("/cached", Response.status(304).header("ETag", "\"v7\""));
		ProbeRequest request = new ProbeRequest(this.web.url("/cached"), false, null, null, null, "\"v7\"", lastModified);

		// when
		ProbeResult result = probe(this.prober, request);

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.notModified()).isTrue();
		assertThat(result.statusCode()).isEqualTo(304);
		assertThat(result.etag()).isEqualTo("\"v7\"");
		assertThat(result.reason()).contains("not modified");
		assertThat(this.web.requestHeaders("/cached")).containsEntry("If-None-Match", "\"v7\"")
			.containsEntry("If-Modified-Since", lastModified);
	}

	@Test
	void aChangedResourceAnswersAConditionalRequestWithItsNewValidators() {
		// given
		this.web.route("/cached", Fixtures.page().title("Updated").response().header("ETag", "\"v8\""));
		ProbeRequest request = new ProbeRequest(this.web.url("/cached"), false, null, null, null, "\"v7\"", null);

		// when
		ProbeResult result = probe(this.prober, request);

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.notModified()).isFalse();
		assertThat(result.etag()).isEqualTo("\"v8\"");
		assertThat(this.web.requestHeaders("/cached")).containsEntry("If-None-Match", "\"v7\"")
			.doesNotContainKey("If-Modified-Since");
	}

	@Test
	void anUnchangedImageIsRevalidatedWithOneConditionalHeadAndNoBody() {
		// given
		String lastModified = "Wed, 01 May 2024 08:00:00 GMT";
		this.web.route("/logo.png", Response.image(Fixtures.png(40, 30), "image/png")
			.header("ETag", "\"img1\"")
			.header("Last-Modified", lastModified)
			.header("Cache-Control", "max-age=86400")
			.validated());
		ProbeRequest request = new ProbeRequest(this.web.url("/logo.png"), true, null, null, null, "\"img1\"",
				lastModified);

		// when
		ProbeResult result = probe(this.prober, request);

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.notModified()).isTrue();
		assertThat(result.cacheControl()).isEqualTo("max-age=86400");
		assertThat(this.web.hits("/logo.png")).as("a 304 to HEAD needs no ranged GET").isEqualTo(1);
		assertThat(this.web.hits("/logo.png", "HEAD")).isEqualTo(1);
		assertThat(this.web.requestHeaders("/logo.png")).containsEntry("If-None-Match", "\"img1\"")
			.containsEntry("If-Modified-Since", lastModified);
	}

	@Test
	void anUnchangedImageOfDeclaredSizeIsRevalidatedBeforeItsRangeIsRead() {
		// given
		this.web.route("/photo.jpg",
				Response.image(Fixtures.jpeg(640, 480), "image/jpeg").header("ETag", "W/\"p9\"").validated());
		ProbeRequest request = new ProbeRequest(this.web.url("/photo.jpg"), true, 640, 480, null, "W/\"p9\"", null);

		// when
		ProbeResult result = probe(this.prober, request);

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.notModified()).isTrue();
		assertThat(result.statusCode()).isEqualTo(304);
		assertThat(this.web.hits("/photo.jpg", "GET")).isEqualTo(1);
		assertThat(this.web.requestHeaders("/photo.jpg")).containsKey("Range").containsEntry("If-None-Match", "W/\"p9\"");
	}

	@Test
	void onlyTheLastModifiedDateIsEnoughForA304() {
		// given
		String lastModified = "Wed, 01 May 2024 08:00:00 GMT";
		this.web.route("/dated", Fixtures.page().title("Dated").response().header("Last-Modified", lastModified).validated());
		ProbeRequest request = new ProbeRequest(this.web.url("/dated"), false, null, null, null, null, lastModified);

		// when
		ProbeResult result = probe(this.prober, request);

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.notModified()).isTrue();
		assertThat(result.page()).as("no body was read").isNull();
		assertThat(this.web.requestHeaders("/dated")).containsEntry("If-Modified-Since", lastModified)
			.doesNotContainKey("If-None-Match");
	}

	// ---------------------------------------------------------------- helpers


	private static ProbeRequest image(String url, int width, int height) {
		return new ProbeRequest(url, true, width, height, null, null, null);
	}

	private void chainOfRedirects(int redirects) {
		for (int i = 0; i < redirects; i++) {
			this.web.route("/r" + i, Response.redirect(302, "/r" + (i + 1)));
		}
		this.web.route("/r" + redirects, Fixtures.page().title("End of the chain").response());
	}

	private Duration gapBetweenFirstTwo(String path) {
		List<Instant> times = this.web.requestTimes(path);
		assertThat(times).hasSizeGreaterThanOrEqualTo(2);
		return Duration.between(times.get(0), times.get(1));
	}

}
