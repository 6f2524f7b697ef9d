package dev.newsprobe.core.probe;

import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.http.HostResolver;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests for the address guard against DNS rebinding: a name whose answer changes between two
 * lookups, from an allowed address to a forbidden one, never leads the prober to the forbidden one.
 * <p>
 * Two fixture servers listen on the same port, one on {@code 127.0.0.2} (the only allowed network here) and
 * one on {@code 127.0.0.1} (forbidden, as loopback is by default), and a scripted resolver plays the DNS
 * server of {@value #NAME}, answering from a script lookup by lookup. The forbidden server counts every
 * connection: it must see none.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class DnsRebindingIntegrationTests {

	/** A name under the domain reserved for documentation (RFC 2606); only the scripted resolver answers it. */
	private static final String NAME = "rebind.example.com";

	private static final InetAddress ALLOWED = address(127, 0, 0, 2);

	private static final InetAddress FORBIDDEN = address(127, 0, 0, 1);

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private FixtureWeb allowed;

	private FixtureWeb forbidden;

	@BeforeEach
	void startServersOnOnePort() {
		// the forbidden server takes the allowed one's port on its own address; rarely that port is taken there
		UncheckedIOException taken = null;
		for (int tries = 0; tries < 10 && this.forbidden == null; tries++) {
			FixtureWeb candidate = FixtureWeb.start("127.0.0.2");
			try {
				this.forbidden = FixtureWeb.start("127.0.0.1", candidate.port());
				this.allowed = candidate;
			}
			catch (UncheckedIOException ex) {
				candidate.close();
				taken = ex;
			}
		}
		assertThat(this.forbidden).as("two servers on one port: " + taken).isNotNull();
		this.closeables.add(this.allowed);
		this.closeables.add(this.forbidden);
		this.forbidden.fallback(Fixtures.page().title("Internal admin").response());
	}

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.closeables) {
			closeable.close();
		}
	}

	@Test
	void theConnectionGoesToTheAddressThatWasChecked() {
		// given a name that answers the allowed address once, and the forbidden one from then on
		ScriptedResolver resolver = new ScriptedResolver(List.of(ALLOWED), List.of(FORBIDDEN));
		this.allowed.route("/story", Fixtures.page().title("Harbour reopens").response());
		String url = url("/story");

		// when
		ProbeResult result = probe(prober(resolver), ProbeRequest.page(url));

		// then the name was looked up once, checked, and that very answer was connected to
		assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK);
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 200, null, "127.0.0.2"));
		assertThat(resolver.lookups()).containsExactly(NAME);
		assertThat(this.allowed.hits("/story")).isEqualTo(1);
		assertNothingReached(this.forbidden);
	}

	@Test
	void aRedirectToTheSameNameThatNowResolvesToAForbiddenAddressIsForbidden() {
		// given the allowed server redirects to the same name and closes the connection, so the next hop needs a
		// new connection and a new lookup, which now answers the forbidden address
		ScriptedResolver resolver = new ScriptedResolver(List.of(ALLOWED), List.of(FORBIDDEN));
		String next = url("/latest/meta-data/");
		this.allowed.route("/story", Response.redirect(302, next).thenClose());
		String url = url("/story");

		// when
		ProbeResult result = probe(prober(resolver), ProbeRequest.page(url));

		// then
		assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).isEqualTo(NAME + " resolves to 127.0.0.1, a loopback address; not contacted");
		assertThat(result.errorClass()).isEqualTo("address.forbidden");
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 302, next, "127.0.0.2"),
				new Hop(next, "GET", 0, null, null));
		assertThat(result.finalUrl()).isEqualTo(next);
		assertThat(resolver.lookups()).containsExactly(NAME, NAME);
		assertThat(this.allowed.hits("/story")).isEqualTo(1);
		assertThat(this.allowed.hits("/latest/meta-data/")).isZero();
		assertNothingReached(this.forbidden);
	}

	@Test
	void aRedirectToTheSameNameOverTheKeptAliveConnectionStaysOnTheCheckedAddress() {
		// given the same rebinding name, but the allowed server keeps the connection alive after its redirect
		ScriptedResolver resolver = new ScriptedResolver(List.of(ALLOWED), List.of(FORBIDDEN));
		String next = url("/next");
		this.allowed.route("/story", Response.redirect(302, next));
		this.allowed.route("/next", Fixtures.page().title("Harbour reopens").response());
		String url = url("/story");

		// when
		ProbeResult result = probe(prober(resolver), ProbeRequest.page(url));

		// then the second hop reused the pinned connection: no new lookup, and the forbidden address never reached
		assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK);
		assertThat(result.hops()).extracting(Hop::address).containsExactly("127.0.0.2", "127.0.0.2");
		assertThat(resolver.lookups()).containsExactly(NAME);
		assertThat(this.allowed.connectionsOpened()).isEqualTo(1);
		assertThat(this.allowed.hits("/next")).isEqualTo(1);
		assertNothingReached(this.forbidden);
	}

	@Test
	void aNameWithOneForbiddenAddressAmongSeveralIsRefusedWhole() {
		// given a name that answers the allowed address and the forbidden one together
		ScriptedResolver resolver = new ScriptedResolver(List.of(ALLOWED, FORBIDDEN));
		this.allowed.route("/story", Fixtures.page().title("Harbour reopens").response());
		String url = url("/story");

		// when
		ProbeResult result = probe(prober(resolver), ProbeRequest.page(url));

		// then not even the allowed address is contacted: the client could pick either
		assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.FORBIDDEN_ADDRESS);
		assertThat(result.reason()).isEqualTo(NAME + " resolves to 127.0.0.1, a loopback address; not contacted");
		assertThat(result.hops()).containsExactly(new Hop(url, "GET", 0, null, null));
		assertThat(result.attempts()).isEqualTo(1);
		assertNothingReached(this.allowed);
		assertNothingReached(this.forbidden);
	}

	private String url(String path) {
		return "http://" + NAME + ":" + this.allowed.port() + path;
	}

	private HttpProber prober(HostResolver resolver) {
		HttpProber prober = new HttpProber(TestPolicy.loopback().allowedNetworks("127.0.0.2/32").build(), null,
				resolver);
		this.closeables.add(prober);
		return prober;
	}

	private static void assertNothingReached(FixtureWeb server) {
		assertThat(server.totalRequests()).as("requests that reached " + server).isZero();
		assertThat(server.connectionsOpened()).as("connections made to " + server).isZero();
	}

	private static InetAddress address(int a, int b, int c, int d) {
		try {
			return InetAddress.getByAddress(new byte[] { (byte) a, (byte) b, (byte) c, (byte) d });
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Answers {@value #NAME} from a script, the i-th lookup with the i-th answer, the last repeating; any other
	 * name does not resolve (so nothing is ever asked of a real DNS server). Records every lookup.
	 */
	private static final class ScriptedResolver implements HostResolver {

		private final List<List<InetAddress>> answers;

		private final List<String> lookups = new CopyOnWriteArrayList<>();

		@SafeVarargs
		ScriptedResolver(List<InetAddress>... answers) {
			this.answers = Arrays.asList(answers);
		}

		@Override
		public InetAddress[] resolve(String host) throws UnknownHostException {
			this.lookups.add(host);
			if (!host.equals(NAME)) {
				throw new UnknownHostException(host + " is not in the script");
			}
			int index = Math.min(this.lookups.size() - 1, this.answers.size() - 1);
			return this.answers.get(index).toArray(InetAddress[]::new);
		}

		List<String> lookups() {
			return List.copyOf(this.lookups);
		}

	}

}
