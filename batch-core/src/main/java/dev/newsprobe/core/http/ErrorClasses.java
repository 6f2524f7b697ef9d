package dev.newsprobe.core.http;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.function.Predicate;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * Names what went wrong in a probe in newsprobe's own short, stable terms ({@code tls.expired},
 * {@code connect.refused}, ...), whatever library class carried the error: these are what a probe result's
 * {@code errorClass} holds, what analysts group by, and what stays the same when the HTTP client changes.
 * The README's "Probing" section lists them.
 */
public final class ErrorClasses {

	/** The name resolved to an address the guard refuses; nothing was contacted. */
	public static final String FORBIDDEN = "address.forbidden";

	/** The name does not resolve. */
	public static final String UNKNOWN_HOST = "dns.unknown-host";

	/** The certificate chain leads to no trusted authority (self-signed, or an unknown CA). */
	public static final String TLS_UNTRUSTED = "tls.untrusted";

	/** The certificate (or one of its chain) has expired. */
	public static final String TLS_EXPIRED = "tls.expired";

	/** The certificate (or one of its chain) is not valid yet. */
	public static final String TLS_NOT_YET_VALID = "tls.not-yet-valid";

	/** The certificate is for other names than the URL's host. */
	public static final String TLS_HOSTNAME = "tls.hostname";

	/** An https URL leads to a server that answers without TLS (plain HTTP on that port). */
	public static final String TLS_NOT_TLS = "tls.not-tls";

	/** An http URL leads to a server that answers in TLS only. */
	public static final String TLS_EXPECTED = "tls.expected";

	/** Any other failed TLS handshake (no common protocol version or cipher, an alert from the server). */
	public static final String TLS_HANDSHAKE = "tls.handshake";

	/** Nothing listens on the port (the connection was refused). */
	public static final String CONNECT_REFUSED = "connect.refused";

	/** The server reset the connection. */
	public static final String CONNECT_RESET = "connect.reset";

	/** The server closed the connection before a complete answer. */
	public static final String CONNECT_CLOSED = "connect.closed";

	/** Any other failure to connect or to exchange bytes. */
	public static final String CONNECT_FAILED = "connect.failed";

	/** The connection did not open within the connect timeout. */
	public static final String TIMEOUT_CONNECT = "timeout.connect";

	/** The server stayed silent longer than the response timeout. */
	public static final String TIMEOUT_RESPONSE = "timeout.response";

	/** No verdict within the total timeout per URL, retries and redirects included. */
	public static final String TIMEOUT_TOTAL = "timeout.total";

	/** The answer is not well-formed HTTP (a malformed status line or header). */
	public static final String HTTP_MALFORMED = "http.malformed";

	/** newsprobe itself failed on the answer; a bug to report. */
	public static final String INTERNAL = "internal";

	private ErrorClasses() {
	}

	/**
	 * The error class of a failure, judged on its whole chain of causes.
	 * @param error the failure
	 * @return one of the constants of this class
	 */
	public static String of(Throwable error) {
		if (any(error, ForbiddenAddressException.class::isInstance)) {
			return FORBIDDEN;
		}
		if (any(error, UnknownHostException.class::isInstance)) {
			return UNKNOWN_HOST;
		}
		if (any(error, CertificateExpiredException.class::isInstance)) {
			return TLS_EXPIRED;
		}
		if (any(error, CertificateNotYetValidException.class::isInstance)) {
			return TLS_NOT_YET_VALID;
		}
		if (any(error, ErrorClasses::isHostnameMismatch)) {
			return TLS_HOSTNAME;
		}
		if (any(error, (e) -> e instanceof CertPathBuilderException || e instanceof CertPathValidatorException)) {
			return TLS_UNTRUSTED;
		}
		if (any(error, (e) -> e instanceof SSLException && message(e).contains("unrecognized ssl message"))) {
			return TLS_NOT_TLS;
		}
		if (any(error, SSLException.class::isInstance)) {
			return TLS_HANDSHAKE;
		}
		if (any(error, ErrorClasses::isTlsRecordAsHttp)) {
			return TLS_EXPECTED;
		}
		if (any(error, (e) -> e.getClass().getSimpleName().equals("ConnectTimeoutException"))) {
			return TIMEOUT_CONNECT;
		}
		if (any(error, (e) -> e instanceof SocketTimeoutException || e.getClass().getSimpleName().contains("Timeout"))) {
			return TIMEOUT_RESPONSE;
		}
		if (any(error, (e) -> e instanceof ConnectException && message(e).contains("refused"))) {
			return CONNECT_REFUSED;
		}
		if (any(error, (e) -> e instanceof SocketException && message(e).contains("reset"))) {
			return CONNECT_RESET;
		}
		if (any(error, (e) -> e.getClass().getSimpleName().equals("ConnectionClosedException"))) {
			return CONNECT_CLOSED;
		}
		if (any(error, (e) -> e.getClass().getName().startsWith("org.apache.hc.core5.http.")
				&& (e.getClass().getSimpleName().endsWith("ParseException")
						|| e.getClass().getSimpleName().endsWith("ProtocolException")))) {
			return HTTP_MALFORMED;
		}
		if (any(error, java.io.IOException.class::isInstance)) {
			return CONNECT_FAILED;
		}
		return INTERNAL;
	}

	/**
	 * The innermost cause of a failure, or the address guard's refusal when the chain holds one (what the guard
	 * said is the story; the client's wrappers around it are not).
	 * @param error the failure
	 * @return the cause to describe it by
	 */
	public static Throwable rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			if (cause instanceof ForbiddenAddressException) {
				return cause;
			}
			cause = cause.getCause();
		}
		return cause;
	}

	/**
	 * Whether a failure's innermost cause is a timeout (connect or response): it is worth another attempt, and
	 * it is called a timeout, not a connection failure.
	 * @param error the failure
	 */
	public static boolean isTimeout(Throwable error) {
		Throwable cause = rootCause(error);
		return cause instanceof SocketTimeoutException || cause.getClass().getSimpleName().contains("Timeout");
	}

	/** Whether an error class says the failure will be the same on every attempt (the guard, DNS, TLS). */
	public static boolean isPermanent(String errorClass) {
		return errorClass.equals(FORBIDDEN) || errorClass.equals(UNKNOWN_HOST) || errorClass.startsWith("tls.");
	}

	private static boolean isHostnameMismatch(Throwable error) {
		if (error instanceof SSLPeerUnverifiedException) {
			return true;
		}
		// the JDK's own endpoint check, made during the handshake
		String message = message(error);
		return error instanceof java.security.cert.CertificateException
				&& (message.startsWith("no subject alternative") || message.startsWith("no name matching"));
	}

	/**
	 * Whether the answer to a plain HTTP request began like a TLS record (an alert: {@code 0x15 0x03}): the
	 * server speaks TLS only. The client reports it as an unreadable status line, quoting those bytes as
	 * {@code <[0x15][0x03]...>}.
	 */
	private static boolean isTlsRecordAsHttp(Throwable error) {
		String message = (error.getMessage() != null) ? error.getMessage() : "";
		return error.getClass().getName().startsWith("org.apache.hc.core5.http.")
				&& (message.contains("<[0x15][0x03]") || message.contains("<[0x16][0x03]"));
	}

	private static String message(Throwable error) {
		return (error.getMessage() != null) ? error.getMessage().toLowerCase(Locale.ROOT) : "";
	}

	private static boolean any(Throwable error, Predicate<Throwable> test) {
		Throwable current = error;
		for (int depth = 0; current != null && depth < 20; depth++) {
			if (test.test(current)) {
				return true;
			}
			if (current.getCause() == current) {
				break;
			}
			current = current.getCause();
		}
		return false;
	}

}
