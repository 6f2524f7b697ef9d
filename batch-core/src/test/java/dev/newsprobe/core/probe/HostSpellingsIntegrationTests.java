package dev.newsprobe.core.probe;

import java.net.InetAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.http.HostResolver;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every way of writing an address that the SSRF payload lists use, read as browsers read it: a trap server
 * listens on {@code 127.0.0.2} at the port each URL names, and it must see nothing, not even a connection;
 * the verdict is {@link Verdict#FORBIDDEN_ADDRESS} or {@link Verdict#INVALID_URL}, never a connect or DNS
 * error; and no name that is not a valid host name is ever looked up (a counting resolver stands in for DNS).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HostSpellingsIntegrationTests {

	private final FixtureWeb trap = FixtureWeb.start("127.0.0.2");

	private final FixtureWeb allowed = FixtureWeb.start();

	private final Set<String> lookedUp = ConcurrentHashMap.newKeySet();

	private final HostResolver countingDns = host -> {
		this.lookedUp.add(host);
		return InetAddress.getAllByName(host);
	};

	private final HttpProber guarded = new HttpProber(TestPolicy.noAllowedNetworks().maxAttempts(1).build(), null,
			this.countingDns);

	@AfterEach
	void close() {
		this.guarded.close();
		this.trap.close();
		this.allowed.close();
	}

	/** Spellings of 127.0.0.2, the trap, and of other loopback addresses. */
	@ParameterizedTest
	@ValueSource(strings = { "0177.0.0.02", "0x7f000002", "017700000002", "2130706434.", "2130706434", "127.0.0.2.",
			"0x7f.0.0.2", "127.2", "0x7F.0x0.0.0x2", "%31%32%37.0.0.2", "１２７.０.０.２", "[::ffff:127.0.0.2]",
			"[::ffff:7f00:2]", "[::ffff:0:7f00:2]", "[64:ff9b::127.0.0.2]", "[2002:7f00:2::]", "[2002:7f00:2:1::1]",
			"[2001:0:7f00:2::]", "[2001:0:4136:e378:8000:63bf:80ff:fffd]", "[::127.0.0.2]", "user:pass@127.0.0.2",
			"127.0.0.2:80@127.0.0.2" })
	void anAddressInAnySpellingIsForbiddenAndNeverContacted(String host) {
		ProbeResult result = probe(this.guarded, ProbeRequest.page("http://" + host + ":" + this.trap.port() + "/admin"));

		assertThat(result.verdict()).as(host + ": " + result.reason()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.requests()).as("requests sent").isZero();
		assertTrapUntouched();
		assertThat(this.lookedUp).as("names looked up").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "localhost.", "LOCALHOST", "LocalHost." })
	void aLoopbackNameWithOrWithoutItsTrailingDotIsLookedUpAsItselfAndForbidden(String host) {
		ProbeResult result = probe(this.guarded, ProbeRequest.page("http://" + host + ":" + this.trap.port() + "/admin"));

		assertThat(result.verdict()).as(host + ": " + result.reason()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).startsWith("localhost resolves to ");
		assertTrapUntouched();
		assertThat(this.lookedUp).as("names looked up: never 'localhost.', which goes past /etc/hosts to DNS")
			.containsExactly("localhost");
	}

	/** Digit-and-dot hosts that are no address, and names DNS could not answer. */
	@ParameterizedTest
	@ValueSource(strings = { "4294967298", "99999999999999999999", "0x1000000000", "127.0.0.2.5", "999.0.0.2", "127.0.0.0x2g",
			"127.0.0.256", "1.2.3.4.5.6", "08.0.0.1", "127..0.2", "[::ffff:127.0.0.02]", "[fe80::1%25lo]", "[::1",
			"local host", "local%00host", "a..b", "-x.example" })
	void aMalformedHostIsInvalidAndNeitherLookedUpNorContacted(String host) {
		ProbeResult result = probe(this.guarded, ProbeRequest.page("http://" + host + ":" + this.trap.port() + "/admin"));

		assertThat(result.verdict()).as(host + ": " + result.reason()).isEqualTo(Verdict.INVALID_URL);
		assertTrapUntouched();
		assertThat(this.lookedUp).as("names looked up").isEmpty();
	}

	@Test
	void aRedirectToAnySpellingIsRefusedWithoutContactingIt() {
		// given a server the policy allows, redirecting to the trap written in ways naive filters miss
		List<String> hosts = List.of("0177.0.0.02", "0x7f000002", "2130706434.", "[::ffff:0:7f00:2]", "[2002:7f00:2::]",
				"4294967298", "127.0.0.2.5");
		try (HttpProber prober = new HttpProber(TestPolicy.noAllowedNetworks().allowedNetworks("127.0.0.1/32")
			.maxAttempts(1)
			.build(), null, this.countingDns)) {
			for (String host : hosts) {
				String path = "/to/" + host.replaceAll("[^0-9a-z]", "_");
				this.allowed.route(path, Response.redirect(302, "http://" + host + ":" + this.trap.port() + "/admin"));

				ProbeResult result = probe(prober, ProbeRequest.page(this.allowed.url(path)));

				// a readable address is forbidden; an unreadable one cannot be followed (BROKEN, as any bad Location)
				assertThat(result.verdict()).as(host + ": " + result.reason())
					.isIn(Verdict.FORBIDDEN_ADDRESS, Verdict.BROKEN);
				assertThat(result.reason()).contains((result.verdict() == Verdict.BROKEN) ? "cannot be probed" : "not contacted");
			}
		}
		assertTrapUntouched();
		assertThat(this.lookedUp).isEmpty();
	}

	@Test
	void credentialsAreNeitherSentNorKept() {
		this.allowed.fallback(Fixtures.page().title("Members").response());
		try (HttpProber prober = new HttpProber(TestPolicy.loopback().build())) {
			ProbeResult result = probe(prober,
					ProbeRequest.page("http://reader:s3cret@127.0.0.1:" + this.allowed.port() + "/members"));

			assertThat(result.verdict()).isEqualTo(Verdict.OK);
			assertThat(result.finalUrl()).isEqualTo(this.allowed.url("/members")).doesNotContain("s3cret");
			assertThat(result.hops()).allSatisfy(hop -> assertThat(hop.url()).doesNotContain("reader"));
			assertThat(this.allowed.requestHeaders("/members")).doesNotContainKey("Authorization");
		}
	}

	private void assertTrapUntouched() {
		assertThat(this.trap.connectionsOpened()).as("connections to the trap").isZero();
		assertThat(this.trap.totalRequests()).as("requests to the trap").isZero();
	}

}
