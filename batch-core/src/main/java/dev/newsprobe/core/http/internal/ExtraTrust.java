package dev.newsprobe.core.http.internal;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathBuilderException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trusts what the JDK's default trust store trusts and, in addition, the authorities of one more trust store
 * (an enterprise CA, or a test CA). A chain neither accepts fails with the more telling of the two refusals:
 * "expired" or "wrong host" from one beats "no path to a trusted authority" from the other.
 */
public final class ExtraTrust extends X509ExtendedTrustManager {

	private final X509ExtendedTrustManager system;

	private final X509ExtendedTrustManager extra;

	private ExtraTrust(X509ExtendedTrustManager system, X509ExtendedTrustManager extra) {
		this.system = system;
		this.extra = extra;
	}

	/**
	 * A client TLS context trusting the default authorities and those of {@code trustStore}.
	 * @param trustStore the extra trusted certificates
	 */
	public static SSLContext clientContext(KeyStore trustStore) {
		try {
			SSLContext context = SSLContext.getInstance("TLS");
			context.init(null, new TrustManager[] { new ExtraTrust(managerOf(null), managerOf(trustStore)) }, null);
			return context;
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalArgumentException("cannot use the extra trust store: " + ex.getMessage(), ex);
		}
	}

	private static X509ExtendedTrustManager managerOf(KeyStore store) throws GeneralSecurityException {
		TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		factory.init(store);
		return Arrays.stream(factory.getTrustManagers())
			.filter(X509ExtendedTrustManager.class::isInstance)
			.map(X509ExtendedTrustManager.class::cast)
			.findFirst()
			.orElseThrow(() -> new GeneralSecurityException("no X.509 trust manager"));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		check((manager) -> manager.checkServerTrusted(chain, authType, engine));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
		check((manager) -> manager.checkServerTrusted(chain, authType, socket));
	}

	@Override
	public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		check((manager) -> manager.checkServerTrusted(chain, authType));
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
			throws CertificateException {
		throw new CertificateException("the prober is a client only");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
		throw new CertificateException("the prober is a client only");
	}

	@Override
	public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
		throw new CertificateException("the prober is a client only");
	}

	@Override
	public X509Certificate[] getAcceptedIssuers() {
		X509Certificate[] system = this.system.getAcceptedIssuers();
		X509Certificate[] extra = this.extra.getAcceptedIssuers();
		X509Certificate[] all = Arrays.copyOf(system, system.length + extra.length);
		System.arraycopy(extra, 0, all, system.length, extra.length);
		return all;
	}

	private void check(Check check) throws CertificateException {
		CertificateException refusedBySystem;
		try {
			check.against(this.system);
			return;
		}
		catch (CertificateException ex) {
			refusedBySystem = ex;
		}
		try {
			check.against(this.extra);
		}
		catch (CertificateException refusedByExtra) {
			throw noPath(refusedByExtra) ? refusedBySystem : refusedByExtra;
		}
	}

	private static boolean noPath(Throwable error) {
		for (Throwable cause = error; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof CertPathBuilderException) {
				return true;
			}
		}
		return false;
	}

	@FunctionalInterface
	private interface Check {

		void against(X509ExtendedTrustManager manager) throws CertificateException;

	}

}
