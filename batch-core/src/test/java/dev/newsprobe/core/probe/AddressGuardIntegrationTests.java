package dev.newsprobe.core.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for the prober's guard against server-side request forgery: with the production default
 * (no allowed networks), a URL or a redirect that leads to loopback or another private address is
 * {@link Verdict#FORBIDDEN_ADDRESS} and never contacted.
 * <p>
 * A real server listens where each forbidden URL points, so that a request that got through would be seen:
 * every test asserts the server saw nothing, not even a connection. Only {@code 127.0.0.0/8} and {@code ::1}
 * are ever addressed.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AddressGuardIntegrationTests {

	private final FixtureWeb web = FixtureWeb.start();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
		this.web.close();
	}

	@Test
	void aLoopbackAddressIsForbiddenByDefault() {
		// given
		this.web.fallback(Fixtures.page().title("Internal admin").response());
		String url = this.web.url("/x");

		// when
		ProbeResult result = probe(prober(TestPolicy.noAllowedNetworks()), ProbeRequest.page(url));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).isEqualTo("127.0.0.1 is a loopback address; not contacted");
		assertThat(result.statusCode()).isZero();
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 0, null, null));
		assertThat(result.requests()).isZero();
		assertNothingReached(this.web);
	}

	@Test
	void theIpv6LoopbackAddressIsForbiddenByDefault() {
		// given a server on ::1 where the machine has one (the verdict is asserted either way)
		FixtureWeb server = FixtureWeb.ipv6LoopbackAvailable() ? FixtureWeb.startIpv6() : this.web;
		if (server != this.web) {
			this.closeables.add(server);
		}
		String url = "http://[::1]:" + server.port() + "/x";

		// when
		ProbeResult result = probe(prober(TestPolicy.noAllowedNetworks()), ProbeRequest.page(url));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).contains("[::1]").contains("loopback").contains("not contacted");
		assertThat(result.requests()).isZero();
		assertNothingReached(server);
	}

	@Test
	void aLoopbackAddressWrittenAsOneDecimalNumberIsForbidden() {
		// given 2130706433 = 127.0.0.1, a classic way around naive filters
		String url = "http://2130706433:" + this.web.port() + "/x";

		// when
		ProbeResult result = probe(prober(TestPolicy.noAllowedNetworks()), ProbeRequest.page(url));

		// then it is read as browsers read it (issue 13: the number is written as the address it is)
		assertThat(result.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).isEqualTo("127.0.0.1 is a loopback address; not contacted");
		assertThat(result.finalUrl()).isEqualTo("http://127.0.0.1:" + this.web.port() + "/x");
		assertNothingReached(this.web);
	}

	@Test
	void aHostNameThatResolvesToLoopbackIsForbidden() {
		// given a name, so the check is made on the address it resolves to (localhost: from /etc/hosts)
		String url = "http://localhost:" + this.web.port() + "/x";

		// when
		ProbeResult result = probe(prober(TestPolicy.noAllowedNetworks()), ProbeRequest.page(url));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).startsWith("localhost resolves to ").contains("loopback").endsWith("not contacted");
		assertThat(result.errorClass()).isEqualTo("address.forbidden");
		assertThat(result.statusCode()).isZero();
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 0, null, null));
		assertNothingReached(this.web);
	}

	@Test
	void aRedirectToAnAddressOutsideTheAllowedNetworksIsForbidden() {
		// given an allowed server that redirects to a second one on 127.0.0.2, which is not allowed
		FixtureWeb forbidden = FixtureWeb.start("127.0.0.2");
		this.closeables.add(forbidden);
		forbidden.fallback(Fixtures.page().title("Metadata").response());
		String target = forbidden.url("/latest/meta-data/");
		this.web.route("/story", Response.redirect(302, target));
		String url = this.web.url("/story");

		// when
		ProbeResult result = probe(prober(TestPolicy.loopback().allowedNetworks("127.0.0.1/32")),
				ProbeRequest.page(url));

		// then the hop to the allowed server is recorded, and the chain stops where it would have left
		assertThat(result.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).isEqualTo("127.0.0.2 is a loopback address; not contacted");
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 302, target, "127.0.0.1"),
				new Hop(target, "GET", 0, null, null));
		assertThat(result.finalUrl()).isEqualTo(target);
		assertThat(result.requests()).isEqualTo(1);
		assertThat(this.web.hits("/story")).isEqualTo(1);
		assertNothingReached(forbidden);
	}

	@Test
	void aRedirectToALoopbackNameIsForbiddenWhenLoopbackIsNotAllowed() {
		// given a host that is allowed (by its own range) redirecting to a name that resolves to loopback
		FixtureWeb allowed = FixtureWeb.start("127.0.0.3");
		this.closeables.add(allowed);
		String target = "http://localhost:" + this.web.port() + "/x";
		allowed.route("/story", Response.redirect(301, target));

		// when
		ProbeResult result = probe(prober(TestPolicy.loopback().allowedNetworks("127.0.0.3/32")),
				ProbeRequest.page(allowed.url("/story")));

		// then
		assertThat(result.verdict()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).startsWith("localhost resolves to ").contains("loopback");
		assertThat(result.hops()).extracting(Hop::url).containsExactly(allowed.url("/story"), target);
		assertThat(result.finalUrl()).isEqualTo(target);
		assertNothingReached(this.web);
	}

	private HttpProber prober(TestPolicy policy) {
		HttpProber prober = policy.prober();
		this.closeables.add(prober);
		return prober;
	}

	private static void assertNothingReached(FixtureWeb server) {
		assertThat(server.totalRequests()).as("requests that reached " + server).isZero();
		assertThat(server.connectionsOpened()).as("connections made to " + server).isZero();
	}

}
