package dev.newsprobe.core.image;

/**
 * The bytes read so far; every accessor returns {@code -1} (or {@code false}) instead of
 * reading past them.
 */
final class Prefix {

	private final byte[] bytes;

	final int length;

	Prefix(byte[] bytes, int length) {
		this.bytes = bytes;
		this.length = length;
	}

	boolean has(int pos, int count) {
		return pos >= 0 && count >= 0 && pos <= this.length - count;
	}

	int u8(int pos) {
		return has(pos, 1) ? this.bytes[pos] & 0xFF : -1;
	}

	int u16be(int pos) {
		return has(pos, 2) ? (u8(pos) << 8) | u8(pos + 1) : -1;
	}

	int u16le(int pos) {
		return has(pos, 2) ? u8(pos) | (u8(pos + 1) << 8) : -1;
	}

	int u24le(int pos) {
		return has(pos, 3) ? u8(pos) | (u8(pos + 1) << 8) | (u8(pos + 2) << 16) : -1;
	}

	long u32be(int pos) {
		return has(pos, 4) ? ((long) u16be(pos) << 16) | u16be(pos + 2) : -1;
	}

	long u32le(int pos) {
		return has(pos, 4) ? ((long) u16le(pos + 2) << 16) | u16le(pos) : -1;
	}

	/** A signed 32-bit value; only call after checking {@link #has(int, int)}. */
	int s32le(int pos) {
		return (int) u32le(pos);
	}

	boolean startsWith(int pos, int... expected) {
		if (!has(pos, expected.length)) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (u8(pos + i) != expected[i]) {
				return false;
			}
		}
		return true;
	}

	boolean startsWith(int pos, byte[] expected) {
		if (!has(pos, expected.length)) {
			return false;
		}
		for (int i = 0; i < expected.length; i++) {
			if (this.bytes[pos + i] != expected[i]) {
				return false;
			}
		}
		return true;
	}

	boolean startsWithAscii(int pos, String expected) {
		if (!has(pos, expected.length())) {
			return false;
		}
		for (int i = 0; i < expected.length(); i++) {
			if (u8(pos + i) != expected.charAt(i)) {
				return false;
			}
		}
		return true;
	}

	String ascii(int from, int to) {
		StringBuilder text = new StringBuilder(Math.max(0, to - from));
		for (int pos = from; pos < to; pos++) {
			text.append((char) u8(pos));
		}
		return text.toString();
	}

	/** A size as an {@code Integer}: {@code null} unless it is positive and fits. */
	static Integer positiveOrNull(long value) {
		return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
	}

}
