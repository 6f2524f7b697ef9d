package dev.newsprobe.core.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IP addresses in CIDR notation, e.g. {@code 127.0.0.1/32} or {@code fd00::/8}.
 *
 * @param network the network's address bytes
 * @param prefixLength how many leading bits must match
 */
public record NetworkRange(byte[] network, int prefixLength) {

	/**
	 * Parses {@code ADDRESS/BITS} (or a bare address, meaning that one address).
	 * @param cidr the text; only IP literals, never host names
	 * @return the range
	 * @throws IllegalArgumentException when the text is not a CIDR block
	 */
	public static NetworkRange parse(String cidr) {
		String text = cidr.strip();
		int slash = text.indexOf('/');
		String address = (slash < 0) ? text : text.substring(0, slash);
		if (!address.matches("[0-9.]+") && !address.contains(":")) {
			throw new IllegalArgumentException("'" + cidr + "' is not an IP network (ADDRESS/BITS); host names are not allowed");
		}
		byte[] bytes;
		try {
			bytes = InetAddress.getByName(address).getAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalArgumentException("'" + cidr + "' is not an IP network: " + ex.getMessage(), ex);
		}
		int bits = (slash < 0) ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
		if (bits < 0 || bits > bytes.length * 8) {
			throw new IllegalArgumentException("'" + cidr + "' has a prefix length outside 0.." + bytes.length * 8);
		}
		return new NetworkRange(bytes, bits);
	}

	/** Whether an address lies in this range. */
	public boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int full = this.prefixLength / 8;
		for (int i = 0; i < full; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.prefixLength % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return (candidate[full] & mask) == (this.network[full] & mask);
	}

	@Override
	public String toString() {
		try {
			return InetAddress.getByAddress(this.network).getHostAddress() + "/" + this.prefixLength;
		}
		catch (UnknownHostException ex) {
			return "?/" + this.prefixLength;
		}
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof NetworkRange range && range.prefixLength == this.prefixLength
				&& java.util.Arrays.equals(range.network, this.network);
	}

	@Override
	public int hashCode() {
		return 31 * java.util.Arrays.hashCode(this.network) + this.prefixLength;
	}

}
