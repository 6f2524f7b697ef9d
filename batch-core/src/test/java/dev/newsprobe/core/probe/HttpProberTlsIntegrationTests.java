package dev.newsprobe.core.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.TestCertificates;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for probing https URLs against TLS fixture servers on loopback, with certificates made for
 * the run by {@link TestCertificates}: a bad certificate is {@link Verdict#TLS_ERROR} with a reason a person
 * understands and a short error class, before any request is sent; a good one (its CA trusted through the
 * prober's extra trust store) is read like any page. A protocol mismatch (plain HTTP behind an https URL, TLS
 * behind an http URL) is named as such.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class HttpProberTlsIntegrationTests {

	@TempDir
	static Path certificateDirectory;

	private static TestCertificates certificates;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@BeforeAll
	static void makeCertificates() {
		certificates = TestCertificates.generate(certificateDirectory);
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void aCertificateSignedByATrustedAuthorityForTheHostIsOk() {
		// given
		FixtureWeb web = tlsServer(certificates.good());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());
		String url = web.url("/story");

		// when
		ProbeResult result = probe(trustingTestCa(), ProbeRequest.page(url));

		// then
		assertThat(url).startsWith("https://127.0.0.1:");
		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.page().title()).isEqualTo("Harbour reopens");
		assertThat(result.errorClass()).isNull();
		assertThat(web.hits("/story")).isEqualTo(1);
	}

	@Test
	void aSelfSignedCertificateIsNotTrusted() {
		// given
		FixtureWeb web = tlsServer(certificates.selfSigned());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());

		// when
		ProbeResult result = probe(trustingTestCa(), ProbeRequest.page(web.url("/story")));

		// then
		assertTlsError(result, web, "tls.untrusted");
		assertThat(result.reason()).startsWith("certificate not trusted");
	}

	@Test
	void aCertificateOfAnAuthorityNobodyTrustsIsNotTrusted() {
		// given a certificate the prober would accept with the test CA trusted, but it is not
		FixtureWeb web = tlsServer(certificates.good());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());

		// when
		ProbeResult result = probe(prober(TestPolicy.loopback().prober()), ProbeRequest.page(web.url("/story")));

		// then
		assertTlsError(result, web, "tls.untrusted");
		assertThat(result.reason()).startsWith("certificate not trusted");
	}

	@Test
	void anExpiredCertificateIsSaidToBeExpired() {
		// given a certificate of the trusted test CA whose validity ended 30 days ago
		FixtureWeb web = tlsServer(certificates.expired());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());

		// when
		ProbeResult result = probe(trustingTestCa(), ProbeRequest.page(web.url("/story")));

		// then
		assertTlsError(result, web, "tls.expired");
		assertThat(result.reason()).isEqualTo("certificate expired");
	}

	@Test
	void aCertificateNotValidYetIsSaidToBe() {
		// given a certificate of the trusted test CA whose validity starts in 30 days
		FixtureWeb web = tlsServer(certificates.notYetValid());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());

		// when
		ProbeResult result = probe(trustingTestCa(), ProbeRequest.page(web.url("/story")));

		// then
		assertTlsError(result, web, "tls.not-yet-valid");
		assertThat(result.reason()).isEqualTo("certificate not valid yet");
	}

	@Test
	void aCertificateForAnotherHostDoesNotMatchTheHost() {
		// given a valid certificate of the trusted test CA, for 127.0.0.9 and elsewhere.newsprobe.test
		FixtureWeb web = tlsServer(certificates.wrongHost());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());

		// when
		ProbeResult result = probe(trustingTestCa(), ProbeRequest.page(web.url("/story")));

		// then
		assertTlsError(result, web, "tls.hostname");
		assertThat(result.reason()).isEqualTo("certificate does not match host 127.0.0.1");
	}

	@Test
	void anHttpsUrlToAServerThatSpeaksPlainHttpIsAProtocolMismatch() {
		// given
		FixtureWeb web = server(FixtureWeb.start());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());
		String url = "https://" + web.authority() + "/story";

		// when
		ProbeResult result = probe(trustingTestCa(), ProbeRequest.page(url));

		// then
		assertTlsError(result, web, "tls.not-tls");
		assertThat(result.reason()).isEqualTo(
				"the server does not speak TLS on port " + web.port() + " (plain HTTP behind an https URL?)");
	}

	@Test
	void anHttpUrlToAServerThatSpeaksOnlyTlsIsAProtocolMismatch() {
		// given
		FixtureWeb web = tlsServer(certificates.good());
		web.route("/story", Fixtures.page().title("Harbour reopens").response());
		String url = "http://" + web.authority() + "/story";

		// when
		ProbeResult result = probe(trustingTestCa(), ProbeRequest.page(url));

		// then
		assertTlsError(result, web, "tls.expected");
		assertThat(result.reason()).isEqualTo("the server speaks TLS only on port " + web.port()
				+ " (an https server behind an http URL: the URL should be https)");
	}

	private static void assertTlsError(ProbeResult result, FixtureWeb web, String errorClass) {
		assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.TLS_ERROR);
		assertThat(result.errorClass()).as(result.errorMessage()).isEqualTo(errorClass);
		assertThat(result.errorMessage()).isNotBlank();
		// nothing was read: no status, no headers, no page, and the server never saw a request
		assertThat(result.statusCode()).isZero();
		assertThat(result.contentType()).isNull();
		assertThat(result.page()).isNull();
		assertThat(result.attempts()).isEqualTo(1);
		assertThat(web.totalRequests()).isZero();
		assertThat(web.connectionsOpened()).isEqualTo(1);
	}

	private HttpProber trustingTestCa() {
		return prober(new HttpProber(TestPolicy.loopback().build(), certificates.trustStore(), null));
	}

	private HttpProber prober(HttpProber prober) {
		this.closeables.add(prober);
		return prober;
	}

	private FixtureWeb tlsServer(javax.net.ssl.SSLContext context) {
		return server(FixtureWeb.startTls("127.0.0.1", context));
	}

	private FixtureWeb server(FixtureWeb web) {
		this.closeables.add(web);
		return web;
	}

}
