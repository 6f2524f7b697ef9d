package dev.newsprobe.core.http.internal;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import dev.newsprobe.core.http.ForbiddenAddressException;
import dev.newsprobe.core.http.NetworkRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Tests for {@link AddressGuard}: which addresses it refuses and why, in the words the prober reports. Pure
 * unit tests: addresses are IP literals, which {@link InetAddress#getByName} parses without a lookup, and the
 * only name resolved is {@code localhost}, from the hosts file.
 */
class AddressGuardTests {

	private final AddressGuard guard = new AddressGuard(List.of());

	@ParameterizedTest(name = "{0} is {1}")
	@CsvSource(delimiter = ';', value = { "127.0.0.1; a loopback address", "127.45.6.7; a loopback address",
			"::1; a loopback address", "::ffff:127.0.0.1; a loopback address", "10.0.0.1; a private address",
			"172.16.0.1; a private address", "172.31.255.254; a private address", "192.168.1.1; a private address",
			"169.254.169.254; a link-local address (e.g. cloud metadata)",
			"fe80::1; a link-local address (e.g. cloud metadata)", "0.0.0.0; the unspecified address",
			"::; the unspecified address", "224.0.0.1; a multicast address", "ff02::1; a multicast address",
			"255.255.255.255; a broadcast address", "100.64.0.1; in the reserved range 100.64.0.0/10",
			"0.1.2.3; in the reserved range 0.0.0.0/8", "192.0.2.10; in the reserved range 192.0.2.0/24",
			"fc00::1; in the reserved range fc00:0:0:0:0:0:0:0/7", "fd12:3456::1; in the reserved range fc00:0:0:0:0:0:0:0/7",
			"2001:db8::1; in the reserved range 2001:db8:0:0:0:0:0:0/32" })
	void anAddressThatMustNotBeContactedIsRefusedWithItsKind(String literal, String problem) throws Exception {
		assertThat(this.guard.problem(InetAddress.getByName(literal))).isEqualTo(problem);
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.216.34", "8.8.8.8", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111" })
	void aPublicAddressMayBeContacted(String literal) throws Exception {
		assertThat(this.guard.problem(InetAddress.getByName(literal))).isNull();
	}

	@ParameterizedTest(name = "::ffff:{0} is {1}")
	@CsvSource(delimiter = ';', value = { "127.0.0.1; a loopback address", "10.0.0.1; a private address",
			"169.254.169.254; a link-local address (e.g. cloud metadata)" })
	void anIpv4MappedAddressInIpv6FormIsJudgedByItsIpv4Address(String ipv4, String problem) throws Exception {
		// given the form a resolver can hand over (an AAAA record of ::ffff:a.b.c.d); parsed text becomes IPv4
		Inet6Address mapped = Inet6Address.getByAddress(null, mapped(ipv4), -1);

		// when
		String found = this.guard.problem(mapped);

		// then
		assertThat(found).startsWith(problem).contains("as " + mapped.getHostAddress());
	}

	@ParameterizedTest(name = "{0} is judged as {1}")
	@CsvSource(delimiter = ';', value = { "2002:7f00:1::1; a loopback address", "2002:a9fe:a9fe::; a link-local address",
			"2002:c0a8:101:1::5; a private address", "::ffff:0:7f00:1; a loopback address", "::ffff:0:a00:1; a private address",
			"2001:0:7f00:1::; a loopback address", "2001:0:4136:e378:8000:63bf:80ff:fffe; a loopback address",
			"2001:0:4136:e378:8000:63bf:f5ff:fffe; a private address" })
	void a6to4TeredoOrSiitAddressIsJudgedByTheIpv4AddressItEmbeds(String literal, String problem) throws Exception {
		assertThat(this.guard.problem(InetAddress.getByName(literal))).startsWith(problem).contains("(as ");
	}

	@Test
	void theReasonNamesTheIpv4AddressAnIpv6OneStandsFor() throws Exception {
		assertThat(this.guard.problem(InetAddress.getByName("2002:a9fe:a9fe::1")))
			.isEqualTo("a link-local address (e.g. cloud metadata) (as 2002:a9fe:a9fe:0:0:0:0:1, which stands for 169.254.169.254)");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2002:5db8:d822::1", "2001:0:5db8:d822:8000:63bf:a247:2bdd", "::ffff:0:5db8:d822" })
	void a6to4TeredoOrSiitAddressOfAPublicIpv4AddressMayBeContacted(String literal) throws Exception {
		assertThat(this.guard.problem(InetAddress.getByName(literal))).isNull();
	}

	@Test
	void aNameThatIsNoValidHostNameIsNeverLookedUp() {
		AddressGuard counting = new AddressGuard(List.of(), host -> {
			throw new AssertionError("looked up " + host);
		});

		assertThatThrownBy(() -> counting.resolve("127.0.0.0x2g")).isInstanceOf(UnknownHostException.class)
			.hasMessageContaining("not looked up");
		assertThatThrownBy(() -> counting.resolve("1.2.3.4.5")).isInstanceOf(UnknownHostException.class)
			.hasMessageContaining("not a valid IPv4 address");
		assertThatThrownBy(() -> counting.resolve("127.0.0.1")).isInstanceOf(ForbiddenAddressException.class);
	}

	@Test
	void aNat64AddressIsJudgedByTheIpv4AddressItReaches() throws Exception {
		assertThat(this.guard.problem(InetAddress.getByName("64:ff9b::a9fe:a9fe")))
			.startsWith("a link-local address (e.g. cloud metadata)");
		assertThat(this.guard.problem(InetAddress.getByName("64:ff9b::a00:1"))).startsWith("a private address");
		assertThat(this.guard.problem(InetAddress.getByName("64:ff9b::5db8:d822"))).isNull();
	}

	@Test
	void anAllowedNetworkIsExemptAndNothingElse() throws Exception {
		// given
		AddressGuard guard = new AddressGuard(List.of(NetworkRange.parse("127.0.0.1/32"), NetworkRange.parse("10.0.0.0/8")));

		// then
		assertThat(guard.problem(InetAddress.getByName("127.0.0.1"))).isNull();
		assertThat(guard.problem(InetAddress.getByName("10.200.3.4"))).isNull();
		assertThat(guard.problem(InetAddress.getByName("127.0.0.2"))).isEqualTo("a loopback address");
		assertThat(guard.problem(InetAddress.getByName("::1"))).isEqualTo("a loopback address");
		assertThat(guard.problem(InetAddress.getByName("192.168.0.1"))).isEqualTo("a private address");
	}

	@ParameterizedTest
	@ValueSource(strings = { "story.invalid", "www.example", "EXAMPLE", "site.test.", "a.b.invalid" })
	void aNameUnderAReservedTopLevelDomainDoesNotResolve(String name) {
		assertThatThrownBy(() -> this.guard.resolve(name)).isExactlyInstanceOf(UnknownHostException.class)
			.hasMessageContaining("reserved top-level domain");
	}

	@Test
	void aNameThatResolvesToAForbiddenAddressIsRefusedAsAWhole() {
		assertThatThrownBy(() -> this.guard.resolve("localhost")).isInstanceOf(ForbiddenAddressException.class)
			.hasMessageStartingWith("localhost resolves to ")
			.hasMessageContaining("a loopback address");
	}

	private static byte[] mapped(String ipv4) throws UnknownHostException {
		byte[] four = InetAddress.getByName(ipv4).getAddress();
		byte[] bytes = new byte[16];
		bytes[10] = (byte) 0xFF;
		bytes[11] = (byte) 0xFF;
		System.arraycopy(four, 0, bytes, 12, 4);
		return bytes;
	}

}
