package dev.newsprobe.core.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;

import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.core5.http.ConnectionClosedException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Unit tests for {@link ErrorClasses}, for the failures that cannot be caused on loopback (a connect timeout)
 * or are hard to cause there (a handshake alert); the others are asserted by the prober's integration tests.
 */
class ErrorClassesTests {

	@Test
	void aTlsFailureIsNamedByTheCertificateProblemDeepInItsCauses() {
		assertThat(ErrorClasses.of(handshake(new CertificateExpiredException("NotAfter: ...")))).isEqualTo("tls.expired");
		assertThat(ErrorClasses.of(handshake(new CertificateNotYetValidException("NotBefore: ..."))))
			.isEqualTo("tls.not-yet-valid");
		assertThat(ErrorClasses.of(handshake(new CertPathBuilderException("unable to find valid certification path"))))
			.isEqualTo("tls.untrusted");
		assertThat(ErrorClasses.of(new SSLPeerUnverifiedException("Certificate for <a> doesn't match")))
			.isEqualTo("tls.hostname");
		assertThat(ErrorClasses.of(handshake(new java.security.cert.CertificateException(
				"No subject alternative names matching IP address 127.0.0.1 found"))))
			.isEqualTo("tls.hostname");
		assertThat(ErrorClasses.of(new SSLHandshakeException("Received fatal alert: handshake_failure")))
			.isEqualTo("tls.handshake");
	}

	@Test
	void aNetworkFailureIsNamedByWhatHappened() {
		assertThat(ErrorClasses.of(new ForbiddenAddressException("a resolves to 10.0.0.1"))).isEqualTo("address.forbidden");
		assertThat(ErrorClasses.of(new UnknownHostException("a"))).isEqualTo("dns.unknown-host");
		assertThat(ErrorClasses.of(new ConnectTimeoutException("Connect timed out"))).isEqualTo("timeout.connect");
		assertThat(ErrorClasses.of(new SocketTimeoutException("2 SECONDS"))).isEqualTo("timeout.response");
		assertThat(ErrorClasses.of(new ConnectException("Connection refused"))).isEqualTo("connect.refused");
		assertThat(ErrorClasses.of(new SocketException("Connection reset"))).isEqualTo("connect.reset");
		assertThat(ErrorClasses.of(new ConnectionClosedException("closed"))).isEqualTo("connect.closed");
		assertThat(ErrorClasses.of(new ConnectException("No route to host"))).isEqualTo("connect.failed");
		assertThat(ErrorClasses.of(new IOException("Broken pipe"))).isEqualTo("connect.failed");
	}

	@Test
	void anythingElseIsNewsprobesOwnFailure() {
		assertThat(ErrorClasses.of(new IllegalStateException("a bug"))).isEqualTo("internal");
	}

	private static SSLHandshakeException handshake(Exception cause) {
		SSLHandshakeException handshake = new SSLHandshakeException("PKIX path validation failed");
		handshake.initCause(new java.security.cert.CertificateException("validation failed", cause));
		return handshake;
	}

}
