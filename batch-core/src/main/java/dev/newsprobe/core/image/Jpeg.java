package dev.newsprobe.core.image;

/**
 * JPEG: markers and segments up to the first start-of-frame (ITU T.81 B.1.1 and Table B.1). Camera and
 * Photoshop files put EXIF, ICC, XMP and Photoshop segments (up to 64 KiB each, several of them) before
 * the frame header; when it lies past the bytes read, the walk says at which file offset the next segment
 * starts, so that a read from there goes on with it ({@link ImageSizes}).
 */
final class Jpeg {

	private Jpeg() {
	}

	static ImageInfo read(Prefix in) {
		return walk(in, 2, 0).image();
	}

	/**
	 * Walks the segments.
	 * @param in the bytes
	 * @param start where the walk starts: just after the SOI marker of a whole file, or 0 for bytes read on
	 * from a segment boundary
	 * @param base the file offset of {@code in}'s first byte
	 */
	static ImageSizes.Reading walk(Prefix in, int start, long base) {
		int pos = start;
		while (pos < in.length) {
			int markerStart = pos;
			if (in.u8(pos) != 0xFF) {
				// libjpeg would skip stray bytes with a warning; before the first frame they mean
				// this is not a JPEG at all, e.g. an HTML error page that happens to start with FF D8.
				return ImageSizes.Reading.none(null);
			}
			while (pos < in.length && in.u8(pos) == 0xFF) {
				pos++;
			}
			if (pos >= in.length) {
				return unknown(base + markerStart);
			}
			int marker = in.u8(pos++);
			if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) {
				continue;
			}
			if (marker == 0xD9 || marker == 0xDA || marker < 0xC0) {
				// End of image or scan data before any frame, or a reserved marker: no decodable image.
				return ImageSizes.Reading.none(null);
			}
			int segmentLength = in.u16be(pos);
			if (segmentLength < 0) {
				return unknown(base + markerStart);
			}
			if (segmentLength < 2) {
				return ImageSizes.Reading.none(null);
			}
			if (isStartOfFrame(marker)) {
				if (segmentLength < 8) {
					return ImageSizes.Reading.none(null);
				}
				if (in.u16be(pos + 5) < 0) {
					return unknown(base + markerStart);
				}
				int width = in.u16be(pos + 5);
				if (width == 0) {
					return ImageSizes.Reading.none(null);
				}
				// A zero height is legal: a DNL marker after the first scan defines it.
				return new ImageSizes.Reading(
						new ImageInfo("jpeg", Prefix.positiveOrNull(width), Prefix.positiveOrNull(in.u16be(pos + 3))), -1);
			}
			if (segmentLength > in.length - pos) {
				return unknown(base + pos + segmentLength);
			}
			pos += segmentLength;
		}
		return unknown(base + pos);
	}

	private static ImageSizes.Reading unknown(long readOnAt) {
		return new ImageSizes.Reading(new ImageInfo("jpeg", null, null), readOnAt);
	}

	static boolean isStartOfFrame(int marker) {
		return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
	}

}
