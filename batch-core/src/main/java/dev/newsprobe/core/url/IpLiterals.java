package dev.newsprobe.core.url;

/**
 * IPv4 and IPv6 host literals read and written as the WHATWG URL standard says (what browsers, and
 * through them curl and glibc for IPv4, do): an IPv4 host may be one to four parts, each decimal, octal
 * (a leading {@code 0}) or hexadecimal ({@code 0x}), the last filling the bytes left ({@code 127.1} is
 * {@code 127.0.0.1}, {@code 2130706433} is too); an IPv6 host has no zone and at most one {@code ::}.
 * Only digits are looked at: nothing here ever asks DNS.
 */
public final class IpLiterals {

	/** What a part past every IPv4 address counts as: a number still, but one no address may have. */
	private static final long TOO_LARGE = 1L << 40;

	private IpLiterals() {
	}

	/**
	 * Whether a host "ends in a number" (WHATWG): its last label (a trailing dot aside) is all digits or a
	 * {@code 0x} number. Such a host is an IPv4 address or invalid, never a name to look up.
	 * @param host an ASCII host, lower case
	 */
	public static boolean endsInANumber(String host) {
		int end = host.length();
		if (end > 0 && host.charAt(end - 1) == '.') {
			end--;
		}
		int start = host.lastIndexOf('.', end - 1) + 1;
		if (start >= end) {
			return false;
		}
		boolean digits = true;
		for (int i = start; i < end && digits; i++) {
			digits = isDigit(host.charAt(i));
		}
		return digits || ipv4Number(host, start, end) >= 0;
	}

	/**
	 * Parses an IPv4 host.
	 * @param host an ASCII host that {@linkplain #endsInANumber ends in a number}
	 * @return the four bytes, or {@code null} when it is no IPv4 address (a part that is not a number, more
	 * than four parts, a part over 255 before the last, a value past what the last part may fill)
	 */
	public static byte[] ipv4(String host) {
		int end = host.length();
		if (end > 1 && host.charAt(end - 1) == '.') {
			end--;
		}
		long[] numbers = new long[4];
		int count = 0;
		int start = 0;
		while (start <= end) {
			int dot = host.indexOf('.', start);
			int partEnd = (dot < 0 || dot > end) ? end : dot;
			if (count == 4) {
				return null;
			}
			long number = ipv4Number(host, start, partEnd);
			if (number < 0) {
				return null;
			}
			numbers[count++] = number;
			start = partEnd + 1;
		}
		for (int i = 0; i < count - 1; i++) {
			if (numbers[i] > 255) {
				return null;
			}
		}
		long last = numbers[count - 1];
		if (last >= (1L << (8 * (5 - count)))) {
			return null;
		}
		long address = last;
		for (int i = 0; i < count - 1; i++) {
			address += numbers[i] << (8 * (3 - i));
		}
		return new byte[] { (byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address };
	}

	/**
	 * One part of an IPv4 host: decimal, octal after a leading 0, hex after 0x; -1 when it is no number,
	 * {@link #TOO_LARGE} when it is one past every IPv4 address.
	 */
	private static long ipv4Number(String text, int start, int end) {
		if (start >= end) {
			return -1;
		}
		int radix = 10;
		if (end - start >= 2 && text.charAt(start) == '0'
				&& (text.charAt(start + 1) == 'x' || text.charAt(start + 1) == 'X')) {
			radix = 16;
			start += 2;
		}
		else if (end - start >= 2 && text.charAt(start) == '0') {
			radix = 8;
			start += 1;
		}
		long value = 0;
		for (int i = start; i < end; i++) {
			char c = text.charAt(i);
			int digit = (isHex(c)) ? Character.digit(c, radix) : -1;
			if (digit < 0) {
				return -1;
			}
			value = value * radix + digit;
			if (value > 0xFFFF_FFFFL) {
				value = TOO_LARGE;
			}
		}
		return value;
	}

	/** Dotted decimal, as browsers write an IPv4 host. */
	public static String ipv4Text(byte[] address) {
		return (address[0] & 0xFF) + "." + (address[1] & 0xFF) + "." + (address[2] & 0xFF) + "." + (address[3] & 0xFF);
	}

	/**
	 * Parses the inside of a bracketed IPv6 host ({@code ::1}, {@code 2001:db8::1}, {@code ::ffff:127.0.0.1}), as
	 * the WHATWG IPv6 parser does.
	 * @return the sixteen bytes, or {@code null} when it is no IPv6 address (a zone, {@code ::} twice, a
	 * piece of five hex digits, an embedded IPv4 part that is not strict dotted decimal, ...)
	 */
	public static byte[] ipv6(String text) {
		int[] address = new int[8];
		int piece = 0;
		int compress = -1;
		int pos = 0;
		int length = text.length();
		if (length > 0 && text.charAt(0) == ':') {
			if (length < 2 || text.charAt(1) != ':') {
				return null;
			}
			pos = 2;
			compress = ++piece;
		}
		while (pos < length) {
			if (piece == 8) {
				return null;
			}
			if (text.charAt(pos) == ':') {
				if (compress >= 0) {
					return null;
				}
				pos++;
				compress = ++piece;
				continue;
			}
			int value = 0;
			int digits = 0;
			while (digits < 4 && pos < length && isHex(text.charAt(pos))) {
				value = value * 16 + Character.digit(text.charAt(pos), 16);
				pos++;
				digits++;
			}
			if (pos < length && text.charAt(pos) == '.') {
				if (digits == 0 || piece > 6) {
					return null;
				}
				int[] ipv4 = embeddedIpv4(text, pos - digits);
				if (ipv4 == null) {
					return null;
				}
				address[piece++] = ipv4[0];
				address[piece++] = ipv4[1];
				pos = length;
				break;
			}
			if (pos < length) {
				if (text.charAt(pos) != ':') {
					return null;
				}
				pos++;
				if (pos == length) {
					return null;
				}
			}
			address[piece++] = value;
		}
		if (compress >= 0) {
			int swaps = piece - compress;
			for (int index = 7; index != 0 && swaps > 0; index--, swaps--) {
				int other = compress + swaps - 1;
				int kept = address[index];
				address[index] = address[other];
				address[other] = kept;
			}
		}
		else if (piece != 8) {
			return null;
		}
		byte[] bytes = new byte[16];
		for (int i = 0; i < 8; i++) {
			bytes[2 * i] = (byte) (address[i] >>> 8);
			bytes[2 * i + 1] = (byte) address[i];
		}
		return bytes;
	}

	/** The two pieces of a strict dotted-decimal IPv4 address ending an IPv6 one (no leading zeros), or {@code null}. */
	private static int[] embeddedIpv4(String text, int pos) {
		int[] bytes = new int[4];
		int count = 0;
		int length = text.length();
		while (pos < length) {
			if (count > 0) {
				if (text.charAt(pos) != '.' || count == 4) {
					return null;
				}
				pos++;
			}
			if (pos >= length || !isDigit(text.charAt(pos))) {
				return null;
			}
			int value = -1;
			while (pos < length && isDigit(text.charAt(pos))) {
				if (value == 0) {
					return null;
				}
				value = (value < 0) ? text.charAt(pos) - '0' : value * 10 + (text.charAt(pos) - '0');
				if (value > 255) {
					return null;
				}
				pos++;
			}
			bytes[count++] = value;
		}
		return (count == 4) ? new int[] { (bytes[0] << 8) | bytes[1], (bytes[2] << 8) | bytes[3] } : null;
	}

	/** An IPv6 address in brackets, as browsers write it: lower-case hex, the longest run of zeros as {@code ::}. */
	public static String ipv6Text(byte[] address) {
		int[] pieces = new int[8];
		for (int i = 0; i < 8; i++) {
			pieces[i] = ((address[2 * i] & 0xFF) << 8) | (address[2 * i + 1] & 0xFF);
		}
		int bestStart = -1;
		int bestLength = 1;
		for (int i = 0; i < 8;) {
			if (pieces[i] != 0) {
				i++;
				continue;
			}
			int run = i;
			while (run < 8 && pieces[run] == 0) {
				run++;
			}
			if (run - i > bestLength) {
				bestStart = i;
				bestLength = run - i;
			}
			i = run;
		}
		StringBuilder out = new StringBuilder(41).append('[');
		for (int i = 0; i < 8; i++) {
			if (i == bestStart) {
				out.append((i == 0) ? "::" : ":");
				i += bestLength - 1;
				continue;
			}
			out.append(Integer.toHexString(pieces[i]));
			if (i < 7) {
				out.append(':');
			}
		}
		return out.append(']').toString();
	}

	private static boolean isHex(char c) {
		return isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
