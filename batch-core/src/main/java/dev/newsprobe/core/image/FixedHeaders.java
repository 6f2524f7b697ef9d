package dev.newsprobe.core.image;

/**
 * The formats whose size sits at a known place in their first few dozen bytes: PNG, GIF, WebP, BMP
 * and ICO.
 */
final class FixedHeaders {

	private FixedHeaders() {
	}

	// PNG: IHDR must be the first chunk (also true of APNG, whose acTL follows it).
	static ImageInfo png(Prefix in) {
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
		return new ImageInfo("png", Prefix.positiveOrNull(width), Prefix.positiveOrNull(height));
	}

	// GIF: the logical screen size; zero is seen in the wild and left to the frames to define.
	static ImageInfo gif(Prefix in) {
		return new ImageInfo("gif", Prefix.positiveOrNull(in.u16le(6)), Prefix.positiveOrNull(in.u16le(8)));
	}

	// WebP: the first chunk after the RIFF header decides the layout, per the WebP container spec.
	static ImageInfo webp(Prefix in) {
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
			return new ImageInfo("webp", Prefix.positiveOrNull(width < 0 ? -1 : width & 0x3FFF),
					Prefix.positiveOrNull(height < 0 ? -1 : height & 0x3FFF));
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
	static ImageInfo bmp(Prefix in) {
		long headerSize = in.u32le(14);
		if (headerSize == 12) {
			if (in.length >= 24 && in.u16le(22) != 1) {
				return null;
			}
			return new ImageInfo("bmp", Prefix.positiveOrNull(in.u16le(18)), Prefix.positiveOrNull(in.u16le(20)));
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
	static ImageInfo ico(Prefix in) {
		// Four zero-led bytes are a weak magic, so the directory must look like one.
		if (in.u16le(4) <= 0 || (in.length >= 10 && in.u8(9) != 0) || in.u16le(10) > 1) {
			return null;
		}
		int width = in.u8(6);
		int height = in.u8(7);
		return new ImageInfo("ico", width < 0 ? null : width == 0 ? 256 : width,
				height < 0 ? null : height == 0 ? 256 : height);
	}

}
