package dev.newsprobe.core.url;

import java.io.ByteArrayOutputStream;
import java.net.IDN;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Reads the host of an http(s) URL as browsers do (the WHATWG URL standard's host parser), then holds it to
 * what may be asked of DNS:
 * <ol>
 * <li>{@code [...]} is an IPv6 address ({@link IpLiterals#ipv6}), or invalid;</li>
 * <li>otherwise percent-escapes are decoded (UTF-8), the name converted to ASCII (IDNA) and lower-cased; a
 * forbidden code point ({@code % # / : < > ? @ [ \ ] ^ |}, spaces, controls) makes it invalid;</li>
 * <li>a host whose last label is a number is an IPv4 address in any of its spellings ({@code 0177.0.0.02},
 * {@code 0x7f000002}, {@code 017700000002}, {@code 127.1}, {@code 2130706433.}), or invalid (a part over
 * 255, a value past 2^32, five parts) — never a name;</li>
 * <li>a name loses one trailing dot ({@code localhost.} is {@code localhost}) and must be a host name DNS
 * could answer: labels of 1 to 63 letters, digits, hyphens (not first or last) or underscores, 253 characters
 * in all, the last label not starting with a digit (RFC 1123).</li>
 * </ol>
 * Anything invalid is refused before any lookup, so nothing that is not a valid host name ever reaches DNS.
 */
public final class HostParser {

	/** What a host is. */
	public enum Kind {
		/** A domain name, to be resolved (through the address guard). */
		NAME,
		/** An IPv4 literal. */
		IPV4,
		/** An IPv6 literal. */
		IPV6
	}

	/**
	 * A host as parsed.
	 *
	 * @param text its serialised form: a lower-case ASCII name, dotted decimal, or a bracketed IPv6 address;
	 * {@code null} when invalid
	 * @param kind what it is; {@code null} when invalid
	 * @param address the bytes of a literal (4 or 16), {@code null} for a name or when invalid
	 * @param problem why it is invalid, or {@code null}
	 */
	public record Host(String text, Kind kind, byte[] address, String problem) {

		static Host invalid(String problem) {
			return new Host(null, null, null, problem);
		}

		/** Whether the host may be asked for (after the address guard has its say). */
		public boolean valid() {
			return this.text != null;
		}

	}

	private static final String FORBIDDEN = "\u0000\t\n\r #%/:<>?@[\\]^|\u007f";

	private HostParser() {
	}

	/**
	 * Parses a host as written in a URL's authority (brackets included for IPv6).
	 * @param written the host, may carry percent-escapes and non-ASCII characters
	 * @return the host, or why it is invalid
	 */
	public static Host parse(String written) {
		if (written.isEmpty()) {
			return Host.invalid("the URL has no host");
		}
		if (written.charAt(0) == '[') {
			if (written.charAt(written.length() - 1) != ']') {
				return Host.invalid("unclosed '[' in the host");
			}
			byte[] address = IpLiterals.ipv6(written.substring(1, written.length() - 1));
			return (address != null) ? new Host(IpLiterals.ipv6Text(address), Kind.IPV6, address, null)
					: Host.invalid("host '" + written + "' is not a valid IPv6 address");
		}
		String domain = percentDecoded(written);
		if (domain == null) {
			return Host.invalid("host '" + written + "' has an escape that is not UTF-8");
		}
		String ascii;
		try {
			ascii = ascii(domain);
		}
		catch (IllegalArgumentException ex) {
			return Host.invalid("host '" + written + "' is not a valid domain name");
		}
		for (int i = 0; i < ascii.length(); i++) {
			char c = ascii.charAt(i);
			if (c < 0x20 || FORBIDDEN.indexOf(c) >= 0 || c > 0x7e) {
				return Host.invalid(Character.isWhitespace(c) ? "a space in the host '" + written + "'"
						: "host '" + written + "' is not a valid domain name");
			}
		}
		if (IpLiterals.endsInANumber(ascii)) {
			byte[] address = IpLiterals.ipv4(ascii);
			return (address != null) ? new Host(IpLiterals.ipv4Text(address), Kind.IPV4, address, null)
					: Host.invalid("host '" + written + "' is not a valid IPv4 address");
		}
		String name = (ascii.length() > 1 && ascii.endsWith(".")) ? ascii.substring(0, ascii.length() - 1) : ascii;
		String problem = nameProblem(name);
		return (problem == null) ? new Host(name, Kind.NAME, null, null)
				: Host.invalid("host '" + written + "' " + problem);
	}

	/** Why a name is not one DNS could answer, or {@code null}. */
	private static String nameProblem(String name) {
		if (name.length() > 253) {
			return "is longer than 253 characters";
		}
		int start = 0;
		while (start <= name.length()) {
			int dot = name.indexOf('.', start);
			int end = (dot < 0) ? name.length() : dot;
			if (end - start < 1 || end - start > 63) {
				return "is not a valid domain name";
			}
			for (int i = start; i < end; i++) {
				char c = name.charAt(i);
				boolean ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'
						|| (c == '-' && i != start && i != end - 1);
				if (!ok) {
					return "is not a valid domain name";
				}
			}
			if (end == name.length() && name.charAt(start) >= '0' && name.charAt(start) <= '9') {
				// RFC 1123 2.1: the top-level label is alphabetic (no top-level domain starts with a digit)
				return "is not a valid domain name: its last label starts with a digit";
			}
			start = end + 1;
		}
		return null;
	}

	/** IDN conversion is costly and changes nothing in an ASCII name but its case. */
	private static String ascii(String domain) {
		for (int i = 0; i < domain.length(); i++) {
			if (domain.charAt(i) >= 128) {
				return IDN.toASCII(domain, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
			}
		}
		return domain.toLowerCase(Locale.ROOT);
	}

	/** The host with its percent-escapes decoded as UTF-8, or {@code null} when they are not UTF-8. */
	private static String percentDecoded(String host) {
		if (host.indexOf('%') < 0) {
			return host;
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(host.length());
		for (int i = 0; i < host.length(); i++) {
			char c = host.charAt(i);
			if (c == '%' && i + 2 < host.length() && Character.digit(host.charAt(i + 1), 16) >= 0
					&& Character.digit(host.charAt(i + 2), 16) >= 0) {
				bytes.write(Character.digit(host.charAt(i + 1), 16) * 16 + Character.digit(host.charAt(i + 2), 16));
				i += 2;
			}
			else {
				int count = (Character.isHighSurrogate(c) && i + 1 < host.length()) ? 2 : 1;
				byte[] encoded = host.substring(i, i + count).getBytes(StandardCharsets.UTF_8);
				bytes.write(encoded, 0, encoded.length);
				i += count - 1;
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
