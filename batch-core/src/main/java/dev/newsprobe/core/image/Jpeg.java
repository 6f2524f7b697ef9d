package dev.newsprobe.core.image;

/**
 * JPEG: markers and segments up to the first start-of-frame (ITU T.81 B.1.1 and Table B.1).
 */
final class Jpeg {

	private Jpeg() {
	}

	static ImageInfo read(Prefix in) {
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
				return new ImageInfo("jpeg", Prefix.positiveOrNull(width), Prefix.positiveOrNull(in.u16be(pos + 3)));
			}
			if (segmentLength > in.length - pos) {
				break;
			}
			pos += segmentLength;
		}
		return new ImageInfo("jpeg", null, null);
	}

	static boolean isStartOfFrame(int marker) {
		return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
	}

}
