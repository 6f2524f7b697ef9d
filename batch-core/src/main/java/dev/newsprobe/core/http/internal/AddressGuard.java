package dev.newsprobe.core.http.internal;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

import dev.newsprobe.core.http.ForbiddenAddressException;
import dev.newsprobe.core.http.HostResolver;
import dev.newsprobe.core.http.NetworkRange;
import dev.newsprobe.core.url.HostParser;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Keeps the prober away from addresses it must not contact (SSRF guard): loopback, private,
 * link-local (cloud metadata), multicast, unspecified, unique-local, carrier-grade NAT, and other
 * reserved ranges, unless a configured network exempts them. An IPv6 address that carries an IPv4 one
 * (IPv4-mapped, SIIT, NAT64, 6to4, Teredo) is judged by the IPv4 address it reaches.
 * <p>
 * It is the HTTP client's only DNS resolver, so the check applies to the very addresses the
 * client connects to, on every hop: a host name that resolves to a forbidden address, or an
 * answer that changes between two lookups (DNS rebinding), cannot reach one. When any address a
 * name resolves to is forbidden, the whole name is refused.
 */
public final class AddressGuard implements DnsResolver {

	private static final List<NetworkRange> RESERVED = List.of(NetworkRange.parse("0.0.0.0/8"),
			NetworkRange.parse("100.64.0.0/10"), NetworkRange.parse("192.0.0.0/24"), NetworkRange.parse("192.0.2.0/24"),
			NetworkRange.parse("198.18.0.0/15"), NetworkRange.parse("198.51.100.0/24"), NetworkRange.parse("203.0.113.0/24"),
			NetworkRange.parse("240.0.0.0/4"), NetworkRange.parse("fc00::/7"), NetworkRange.parse("64:ff9b:1::/48"),
			NetworkRange.parse("2001:db8::/32"), NetworkRange.parse("100::/64"));

	private static final NetworkRange NAT64 = NetworkRange.parse("64:ff9b::/96");

	private static final List<String> NEVER_RESOLVE = List.of("example", "invalid", "test");

	private final List<NetworkRange> allowed;

	private final DnsResolver system = SystemDefaultDnsResolver.INSTANCE;

	private final HostResolver names;

	public AddressGuard(List<NetworkRange> allowed) {
		this(allowed, null);
	}

	/**
	 * A guard that asks {@code names} what a host name resolves to, then checks every address it answers.
	 * @param allowed networks exempt from the block
	 * @param names the resolver asked, once per lookup; {@code null} for the system resolver
	 */
	public AddressGuard(List<NetworkRange> allowed, HostResolver names) {
		this.allowed = List.copyOf(allowed);
		this.names = (names != null) ? names : this.system::resolve;
	}

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		String name = host.toLowerCase(java.util.Locale.ROOT);
		if (name.endsWith(".")) {
			name = name.substring(0, name.length() - 1);
		}
		for (String reserved : NEVER_RESOLVE) {
			if (name.equals(reserved) || name.endsWith("." + reserved)) {
				// RFC 2606 and 6761: these names never resolve, so no lookup is sent for them
				throw new UnknownHostException(host + " is under the reserved top-level domain ." + reserved);
			}
		}
		HostParser.Host parsed = HostParser.parse((host.indexOf(':') >= 0 && !host.startsWith("[")) ? "[" + host + "]" : host);
		if (!parsed.valid()) {
			// not a name DNS could answer: nothing is asked for it (nor for IP literals, whose bytes are known)
			throw new UnknownHostException(parsed.problem() + "; not looked up");
		}
		InetAddress[] addresses = (parsed.address() != null)
				? new InetAddress[] { InetAddress.getByAddress(host, parsed.address()) } : this.names.resolve(host);
		for (InetAddress address : addresses) {
			String problem = problem(address);
			if (problem != null) {
				throw new ForbiddenAddressException(host + " resolves to " + address.getHostAddress() + ", " + problem);
			}
		}
		return addresses;
	}

	@Override
	public String resolveCanonicalHostname(String host) throws UnknownHostException {
		return this.system.resolveCanonicalHostname(host);
	}

	/**
	 * Why an address must not be contacted, or {@code null} when it may be.
	 * @param address the address
	 * @return the reason, e.g. "a loopback address"
	 */
	public String problem(InetAddress address) {
		for (NetworkRange range : this.allowed) {
			if (range.contains(address)) {
				return null;
			}
		}
		for (InetAddress embedded : embeddedIpv4(address)) {
			// an IPv6 address that stands for, or tunnels to, an IPv4 one reaches that one: judge it by that one
			String problem = problem(embedded);
			if (problem != null) {
				return problem + " (as " + address.getHostAddress() + ", which stands for " + embedded.getHostAddress() + ")";
			}
		}
		if (address.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (address.isAnyLocalAddress()) {
			return "the unspecified address";
		}
		if (address.isLinkLocalAddress()) {
			return "a link-local address (e.g. cloud metadata)";
		}
		if (address.isSiteLocalAddress()) {
			return "a private address";
		}
		if (address.isMulticastAddress()) {
			return "a multicast address";
		}
		if (address instanceof Inet4Address && (address.getAddress()[0] & 0xFF) == 255) {
			return "a broadcast address";
		}
		if (address instanceof Inet6Address six && six.isIPv4CompatibleAddress()) {
			return "an IPv4-compatible IPv6 address";
		}
		for (NetworkRange range : RESERVED) {
			if (range.contains(address)) {
				return "in the reserved range " + range;
			}
		}
		return null;
	}

	/**
	 * The IPv4 addresses an IPv6 address stands for or tunnels to: IPv4-mapped ({@code ::ffff:a.b.c.d}, which the
	 * JDK leaves in IPv6 form when it comes from a resolver rather than from text), IPv4-translated (SIIT,
	 * {@code ::ffff:0:a.b.c.d}, RFC 7915), the NAT64 well-known prefix ({@code 64:ff9b::a.b.c.d}, RFC 6052),
	 * 6to4 ({@code 2002:AABB:CCDD::/48}, RFC 3056) and Teredo ({@code 2001:0::/32}, RFC 4380: the server's
	 * address, and the client's, stored inverted). Empty for any other address.
	 */
	private static List<InetAddress> embeddedIpv4(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return List.of();
		}
		byte[] bytes = address.getAddress();
		boolean zeros0to7 = Arrays.equals(bytes, 0, 8, new byte[8], 0, 8);
		boolean mapped = zeros0to7 && bytes[8] == 0 && bytes[9] == 0 && bytes[10] == (byte) 0xFF && bytes[11] == (byte) 0xFF;
		boolean translated = zeros0to7 && bytes[8] == (byte) 0xFF && bytes[9] == (byte) 0xFF && bytes[10] == 0
				&& bytes[11] == 0;
		if (mapped || translated || NAT64.contains(address)) {
			return List.of(ipv4(bytes, 12, false));
		}
		if (bytes[0] == 0x20 && bytes[1] == 0x02) {
			return List.of(ipv4(bytes, 2, false));
		}
		if (bytes[0] == 0x20 && bytes[1] == 0x01 && bytes[2] == 0 && bytes[3] == 0) {
			return List.of(ipv4(bytes, 4, false), ipv4(bytes, 12, true));
		}
		return List.of();
	}

	private static InetAddress ipv4(byte[] bytes, int from, boolean inverted) {
		byte[] ipv4 = Arrays.copyOfRange(bytes, from, from + 4);
		if (inverted) {
			for (int i = 0; i < 4; i++) {
				ipv4[i] = (byte) ~ipv4[i];
			}
		}
		try {
			return InetAddress.getByAddress(ipv4);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("four bytes are an IPv4 address", ex);
		}
	}

}
