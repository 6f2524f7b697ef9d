package dev.newsprobe.core.image;

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
			return Jpeg.read(in);
		}
		if (in.startsWith(0, PNG_SIGNATURE)) {
			return FixedHeaders.png(in);
		}
		if (in.startsWithAscii(0, "GIF87a") || in.startsWithAscii(0, "GIF89a")) {
			return FixedHeaders.gif(in);
		}
		if (in.startsWithAscii(0, "RIFF") && in.startsWithAscii(8, "WEBP")) {
			return FixedHeaders.webp(in);
		}
		if (in.startsWithAscii(0, "BM")) {
			return FixedHeaders.bmp(in);
		}
		if (in.startsWith(0, 0x00, 0x00, 0x01, 0x00)) {
			return FixedHeaders.ico(in);
		}
		if (in.startsWithAscii(4, "ftyp")) {
			return Heif.read(in);
		}
		return Svg.read(in);
	}

}
