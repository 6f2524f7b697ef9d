package dev.newsprobe.core.probe.internal;

import dev.newsprobe.core.probe.ImageInfo;

/**
 * A reader of the first bytes of a response that tells whether they start an image of a known
 * format (JPEG, PNG, GIF, WebP, BMP, ICO, AVIF/HEIF, SVG) and, where those bytes reach it, the
 * image's width and height in pixels.
 * <p>
 * The bytes are usually a prefix (the prober asks for a range), so a header cut short yields the
 * format with {@code null} dimensions rather than a failure. Input may be truncated, corrupt or
 * hostile: every read is bounds-checked and every loop advances through the prefix, so sniffing
 * never throws and takes time linear in the prefix length. Dimensions are the stored pixel size;
 * orientation metadata (EXIF orientation, HEIF {@code irot}) is not applied.
 */
public final class ImageSniffer {

	private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };

	private ImageSniffer() {
	}

	/**
	 * Sniffs the format and size of an image from its first bytes.
	 * @param bytes the buffer holding the first bytes of the response
	 * @param length how many bytes of {@code bytes} were read; clamped to the buffer
	 * @return the format and, where the bytes reach them, the dimensions; {@code null} when the
	 * bytes are not an image of a known format
	 */
	public static ImageInfo sniff(byte[] bytes, int length) {
		if (bytes == null) {
			return null;
		}
		Prefix in = new Prefix(bytes, Math.max(0, Math.min(length, bytes.length)));
		if (in.startsWith(0, 0xFF, 0xD8, 0xFF)) {
			return jpeg(in);
		}
		if (in.startsWith(0, PNG_SIGNATURE)) {
			return png(in);
		}
		if (in.startsWithAscii(0, "GIF87a") || in.startsWithAscii(0, "GIF89a")) {
			return gif(in);
		}
		if (in.startsWithAscii(0, "RIFF") && in.startsWithAscii(8, "WEBP")) {
			return webp(in);
		}
		if (in.startsWithAscii(0, "BM")) {
			return bmp(in);
		}
		if (in.startsWith(0, 0x00, 0x00, 0x01, 0x00)) {
			return ico(in);
		}
		if (in.startsWithAscii(4, "ftyp")) {
			return isoBaseMedia(in);
		}
		return svg(in);
	}

	// JPEG: markers and segments up to the first start-of-frame, ITU T.81 B.1.1 and Table B.1.
	private static ImageInfo jpeg(Prefix in) {
		int pos = 2;
		while (pos < in.length) {
			if (in.u8(pos) != 0xFF) {
				// libjpeg would skip stray bytes with a warning; before the first frame they mean
				// this is not a JPEG at all, e.g. an HTML error page that happens to start with FF D8.
				return null;
			}
			while (pos < in.length && in.u8(pos) == 0xFF) {
				pos++;
			}
			if (pos >= in.length) {
				break;
			}
			int marker = in.u8(pos++);
			if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
				continue;
			}
			if (marker == 0xD9 || marker == 0xDA || marker < 0xC0) {
				// End of image or scan data before any frame, or a reserved marker: no decodable image.
				return null;
			}
			int segmentLength = in.u16be(pos);
			if (segmentLength < 0) {
				break;
			}
			if (segmentLength < 2) {
				return null;
			}
			if (isStartOfFrame(marker)) {
				if (segmentLength < 8) {
					return null;
				}
				int width = in.u16be(pos + 5);
				if (width == 0) {
					return null;
				}
				// A zero height is legal: a DNL marker after the first scan defines it.
				return new ImageInfo("jpeg", positiveOrNull(width), positiveOrNull(in.u16be(pos + 3)));
			}
			if (segmentLength > in.length - pos) {
				break;
			}
			pos += segmentLength;
		}
		return new ImageInfo("jpeg", null, null);
	}

	private static boolean isStartOfFrame(int marker) {
		return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
	}

	// PNG: IHDR must be the first chunk (also true of APNG, whose acTL follows it).
	private static ImageInfo png(Prefix in) {
		if (in.length < 16) {
			return new ImageInfo("png", null, null);
		}
		if (in.u32be(8) != 13 || !in.startsWithAscii(12, "IHDR")) {
			return null;
		}
		long width = in.u32be(16);
		long height = in.u32be(20);
		if (width == 0 || height == 0 || width > Integer.MAX_VALUE || height > Integer.MAX_VALUE) {
			return null;
		}
		return new ImageInfo("png", positiveOrNull(width), positiveOrNull(height));
	}

	// GIF: the logical screen size; zero is seen in the wild and left to the frames to define.
	private static ImageInfo gif(Prefix in) {
		return new ImageInfo("gif", positiveOrNull(in.u16le(6)), positiveOrNull(in.u16le(8)));
	}

	// WebP: the first chunk after the RIFF header decides the layout, per the WebP container spec.
	private static ImageInfo webp(Prefix in) {
		if (in.length < 16) {
			return new ImageInfo("webp", null, null);
		}
		if (in.startsWithAscii(12, "VP8 ")) {
			// Frame tag (3 bytes), then a key frame's start code and 14-bit sizes with 2-bit scales.
			if (in.length < 26) {
				return new ImageInfo("webp", null, null);
			}
			if ((in.u8(20) & 0x01) != 0 || !in.startsWith(23, 0x9D, 0x01, 0x2A)) {
				return null;
			}
			int width = in.u16le(26);
			int height = in.u16le(28);
			return new ImageInfo("webp", positiveOrNull(width < 0 ? -1 : width & 0x3FFF),
					positiveOrNull(height < 0 ? -1 : height & 0x3FFF));
		}
		if (in.startsWithAscii(12, "VP8L")) {
			if (in.length < 21) {
				return new ImageInfo("webp", null, null);
			}
			if (in.u8(20) != 0x2F) {
				return null;
			}
			long bits = in.u32le(21);
			if (bits < 0) {
				return new ImageInfo("webp", null, null);
			}
			if ((bits >>> 29) != 0) {
				return null;
			}
			return new ImageInfo("webp", (int) (bits & 0x3FFF) + 1, (int) ((bits >>> 14) & 0x3FFF) + 1);
		}
		if (in.startsWithAscii(12, "VP8X")) {
			int width = in.u24le(24);
			int height = in.u24le(27);
			return new ImageInfo("webp", width < 0 ? null : width + 1, height < 0 ? null : height + 1);
		}
		return null;
	}

	// BMP: the two-byte magic is weak ("BM" starts plenty of text), so the DIB header size and
	// plane count must be those of a real bitmap before the bytes count as one.
	private static ImageInfo bmp(Prefix in) {
		long headerSize = in.u32le(14);
		if (headerSize == 12) {
			if (in.length >= 24 && in.u16le(22) != 1) {
				return null;
			}
			return new ImageInfo("bmp", positiveOrNull(in.u16le(18)), positiveOrNull(in.u16le(20)));
		}
		if (headerSize != 16 && headerSize != 40 && headerSize != 52 && headerSize != 56
				&& headerSize != 64 && headerSize != 108 && headerSize != 124) {
			return null;
		}
		if (in.length >= 28 && in.u16le(26) != 1) {
			return null;
		}
		Integer width = null;
		Integer height = null;
		if (in.length >= 22) {
			int w = in.s32le(18);
			if (w <= 0) {
				return null;
			}
			width = w;
		}
		if (in.length >= 26) {
			int h = in.s32le(22);
			// A negative height marks a top-down bitmap.
			if (h == 0 || h == Integer.MIN_VALUE) {
				return null;
			}
			height = Math.abs(h);
		}
		return new ImageInfo("bmp", width, height);
	}

	// ICO: a directory of images; the first entry is reported, with 0 meaning 256.
	private static ImageInfo ico(Prefix in) {
		// Four zero-led bytes are a weak magic, so the directory must look like one.
		if (in.u16le(4) <= 0 || (in.length >= 10 && in.u8(9) != 0) || in.u16le(10) > 1) {
			return null;
		}
		int width = in.u8(6);
		int height = in.u8(7);
		return new ImageInfo("ico", width < 0 ? null : width == 0 ? 256 : width,
				height < 0 ? null : height == 0 ? 256 : height);
	}

	// AVIF and HEIF: the ftyp box's major and compatible brands; the size lives deep in the meta
	// box (and may be rotated by irot), so only the format is reported.
	private static ImageInfo isoBaseMedia(Prefix in) {
		long boxSize = in.u32be(0);
		if (boxSize < 16) {
			return null;
		}
		int end = (int) Math.min(boxSize, in.length);
		boolean heif = false;
		for (int pos = 8; pos + 4 <= end; pos += 4) {
			if (pos == 12) {
				continue; // the minor version, not a brand
			}
			if (in.startsWithAscii(pos, "avif") || in.startsWithAscii(pos, "avis")) {
				return new ImageInfo("avif", null, null);
			}
			heif |= in.startsWithAscii(pos, "heic") || in.startsWithAscii(pos, "heix")
					|| in.startsWithAscii(pos, "mif1") || in.startsWithAscii(pos, "msf1");
		}
		return heif ? new ImageInfo("heif", null, null) : null;
	}

	// SVG: XML text whose root element is svg, read as ASCII since only markup characters matter.
	private static ImageInfo svg(Prefix in) {
		int pos = in.startsWith(0, 0xEF, 0xBB, 0xBF) ? 3 : 0;
		while (true) {
			pos = skipWhitespace(in, pos);
			if (in.startsWithAscii(pos, "<?")) {
				pos = indexOf(in, pos + 2, "?>");
			}
			else if (in.startsWithAscii(pos, "<!--")) {
				pos = indexOf(in, pos + 4, "-->");
			}
			else if (in.startsWithAscii(pos, "<!DOCTYPE")) {
				pos = endOfDoctype(in, pos + 9);
			}
			else {
				break;
			}
			if (pos < 0) {
				return null;
			}
		}
		if (!in.startsWithAscii(pos, "<svg")) {
			return null;
		}
		pos += 4;
		if (pos < in.length && !isWhitespace(in.u8(pos)) && in.u8(pos) != '>' && in.u8(pos) != '/') {
			return null;
		}
		return svgSize(in, pos);
	}

	private static ImageInfo svgSize(Prefix in, int pos) {
		Integer width = null;
		Integer height = null;
		while (true) {
			pos = skipWhitespace(in, pos);
			if (pos >= in.length || in.u8(pos) == '>' || in.u8(pos) == '/') {
				break;
			}
			int nameStart = pos;
			while (pos < in.length && isNameChar(in.u8(pos))) {
				pos++;
			}
			String name = in.ascii(nameStart, pos);
			pos = skipWhitespace(in, pos);
			if (name.isEmpty() || pos >= in.length || in.u8(pos) != '=') {
				break;
			}
			pos = skipWhitespace(in, pos + 1);
			if (pos >= in.length || (in.u8(pos) != '"' && in.u8(pos) != '\'')) {
				break;
			}
			int quote = in.u8(pos);
			int valueStart = pos + 1;
			int valueEnd = valueStart;
			while (valueEnd < in.length && in.u8(valueEnd) != quote) {
				valueEnd++;
			}
			if (valueEnd >= in.length) {
				break;
			}
			if (name.equals("width")) {
				width = svgLength(in.ascii(valueStart, valueEnd));
			}
			else if (name.equals("height")) {
				height = svgLength(in.ascii(valueStart, valueEnd));
			}
			pos = valueEnd + 1;
		}
		return new ImageInfo("svg", width, height);
	}

	// Only plain integers and pixels map to a size; percentages, em and friends depend on layout.
	private static Integer svgLength(String value) {
		String digits = value.strip();
		if (digits.endsWith("px")) {
			digits = digits.substring(0, digits.length() - 2);
		}
		if (digits.isEmpty() || digits.length() > 9) {
			return null;
		}
		for (int i = 0; i < digits.length(); i++) {
			if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
				return null;
			}
		}
		return positiveOrNull(Integer.parseInt(digits));
	}

	private static int endOfDoctype(Prefix in, int pos) {
		boolean internalSubset = false;
		int quote = 0;
		for (; pos < in.length; pos++) {
			int c = in.u8(pos);
			if (quote != 0) {
				quote = c == quote ? 0 : quote;
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '[') {
				internalSubset = true;
			}
			else if (c == ']') {
				internalSubset = false;
			}
			else if (c == '>' && !internalSubset) {
				return pos + 1;
			}
		}
		return -1;
	}

	private static int indexOf(Prefix in, int from, String text) {
		for (int pos = from; pos + text.length() <= in.length; pos++) {
			if (in.startsWithAscii(pos, text)) {
				return pos + text.length();
			}
		}
		return -1;
	}

	private static int skipWhitespace(Prefix in, int pos) {
		while (pos < in.length && isWhitespace(in.u8(pos))) {
			pos++;
		}
		return pos;
	}

	private static boolean isWhitespace(int c) {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n';
	}

	private static boolean isNameChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| c == '-' || c == '_' || c == ':' || c == '.';
	}

	private static Integer positiveOrNull(long value) {
		return value > 0 && value <= Integer.MAX_VALUE ? (int) value : null;
	}

	/**
	 * The bytes read so far; every accessor returns {@code -1} (or {@code false}) instead of
	 * reading past them.
	 */
	private static final class Prefix {

		private final byte[] bytes;

		private final int length;

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

	}

}
