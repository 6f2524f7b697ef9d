package dev.newsprobe.core.image;

/**
 * AVIF and HEIF (ISO base media files): recognised by the brands of their {@code ftyp} box. The size lives
 * deep in the {@code meta} box (and may be rotated by {@code irot}), so only the format is reported.
 */
final class Heif {

	private Heif() {
	}

	static ImageInfo read(Prefix in) {
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

}
