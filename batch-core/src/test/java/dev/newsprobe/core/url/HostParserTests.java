package dev.newsprobe.core.url;

import dev.newsprobe.core.url.HostParser.Host;
import dev.newsprobe.core.url.HostParser.Kind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hosts read as browsers read them (the WHATWG URL standard's host parser; the IPv4 cases are those of its
 * tests and of the SSRF payload lists that use them), then held to what DNS may be asked.
 */
class HostParserTests {

	@ParameterizedTest
	@CsvSource({ "0177.0.0.02, 127.0.0.2", "0x7f000002, 127.0.0.2", "017700000002, 127.0.0.2", "2130706434., 127.0.0.2",
			"2130706434, 127.0.0.2", "127.1, 127.0.0.1", "127.0.1, 127.0.0.1", "0x7f.1, 127.0.0.1", "0X7F.0.0.1, 127.0.0.1",
			"0, 0.0.0.0", "0x, 0.0.0.0", "4294967295, 255.255.255.255", "1.2.3.4, 1.2.3.4", "1.2.3.4., 1.2.3.4",
			"%31%32%37.0.0.1, 127.0.0.1", "１２７.０.０.１, 127.0.0.1", "0300.0250.0.1, 192.168.0.1",
			"0xa9.0xfe.0xa9.0xfe, 169.254.169.254", "169.254.43518, 169.254.169.254" })
	void everySpellingOfAnIpv4AddressIsThatAddress(String written, String address) {
		Host host = HostParser.parse(written);

		assertThat(host.kind()).as(written).isEqualTo(Kind.IPV4);
		assertThat(host.text()).isEqualTo(address);
	}

	@ParameterizedTest
	@ValueSource(strings = { "4294967296", "4294967297", "99999999999999999999999", "256.0.0.1", "1.2.3.4.5", "1.256.3.4",
			"1.2.65536", "1..2.3", "0x100000000", "08.0.0.1", "0x7g.0.0.1", "foo.0x10", "example.123",
			"09" })
	void aHostEndingInANumberThatIsNoIpv4AddressIsInvalidAndNeverAName(String written) {
		Host host = HostParser.parse(written);

		assertThat(host.valid()).as(written).isFalse();
		assertThat(host.problem()).contains("not a valid IPv4 address");
	}

	@ParameterizedTest
	@CsvSource({ "localhost., localhost", "Example.COM., example.com", "bücher.example, xn--bcher-kva.example",
			"a_b.example, a_b.example", "xn--bcher-kva.example, xn--bcher-kva.example", "1.example, 1.example",
			"0x1.example, 0x1.example" })
	void aNameIsLowerCaseAsciiWithoutItsTrailingDot(String written, String name) {
		Host host = HostParser.parse(written);

		assertThat(host.kind()).as(written).isEqualTo(Kind.NAME);
		assertThat(host.text()).isEqualTo(name);
	}

	@ParameterizedTest
	@ValueSource(strings = { "a b.example", "a<b.example", "a%00b.example", "a%2fb.example", "exa%mple.com", "a^b.example",
			"-a.example", "a-.example", "a..example", ".example", ".", "localhost..", "%ff.example", "a|b.example", "1.2.3.4.." })
	void aHostDnsCouldNotAnswerIsInvalid(String written) {
		assertThat(HostParser.parse(written).valid()).as(written).isFalse();
	}

	@Test
	void aLabelLongerThan63OrANameLongerThan253IsInvalid() {
		assertThat(HostParser.parse("a".repeat(64) + ".example").valid()).isFalse();
		assertThat(HostParser.parse(("a".repeat(60) + ".").repeat(5) + "example").valid()).isFalse();
		assertThat(HostParser.parse("a".repeat(63) + ".example").valid()).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "[::1], [::1]", "[0:0:0:0:0:0:0:1], [::1]", "[::ffff:127.0.0.1], [::ffff:7f00:1]",
			"[::FFFF:7F00:1], [::ffff:7f00:1]", "[2001:DB8::1], [2001:db8::1]", "[2002:7f00:2::], [2002:7f00:2::]",
			"[1:0:0:2:0:0:0:3], [1:0:0:2::3]", "[1:2:3:4:5:6:7:8], [1:2:3:4:5:6:7:8]", "[1::], [1::]",
			"[::], [::]", "[64:ff9b::127.0.0.1], [64:ff9b::7f00:1]", "[1:0:2:0:3:0:4:0], [1:0:2:0:3:0:4:0]" })
	void anIpv6AddressIsWrittenInItsOneCanonicalForm(String written, String canonical) {
		Host host = HostParser.parse(written);

		assertThat(host.kind()).as(written).isEqualTo(Kind.IPV6);
		assertThat(host.text()).isEqualTo(canonical);
	}

	@ParameterizedTest
	@ValueSource(strings = { "[::1", "[fe80::1%eth0]", "[fe80::1%25eth0]", "[1::2::3]", "[12345::]", "[1:2:3:4:5:6:7:8:9]",
			"[::ffff:127.0.0.01]", "[::ffff:127.0.0]", "[::ffff:256.0.0.1]", "[1:2:3:4:5:6:7]", "[:1]", "[1:]", "[g::]",
			"[]", "[1:2:3:4:5:6:1.2.3.4:5]" })
	void aMalformedIpv6AddressIsInvalid(String written) {
		assertThat(HostParser.parse(written).valid()).as(written).isFalse();
	}

}
