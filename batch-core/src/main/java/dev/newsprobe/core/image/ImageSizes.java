package dev.newsprobe.core.image;

/**
 * Reading on for an image's size when its first bytes did not hold it: JPEG frame headers behind large
 * EXIF, ICC, XMP or Photoshop segments, HEIF/AVIF {@code meta} boxes past the first bytes. {@link #readOnAt}
 * says where in the file the next bytes should come from; {@link #continueAt} reads them and says the size,
 * or where to read on again. Only the segment and box headers are walked; what lies between is skipped.
 */
public final class ImageSizes {

	/**
	 * What a walk found: the image (size or none), and where to read on.
	 *
	 * @param image the image, sized when the size was found; {@code null} when the bytes are no such image
	 * @param readOnAt the file offset the next bytes should come from, or -1 when reading on cannot help
	 */
	public record Reading(ImageInfo image, long readOnAt) {

		static Reading none(ImageInfo image) {
			return new Reading(image, -1);
		}

	}

	private ImageSizes() {
	}

	/**
	 * Where reading on could find the size of an image sniffed from its first bytes.
	 * @param image what {@link ImageSniffer#sniff} said of them
	 * @param bytes the first bytes of the file
	 * @param length how many were read
	 * @return the file offset to read on from, or -1: the size is known, or no read would find it
	 */
	public static long readOnAt(ImageInfo image, byte[] bytes, int length) {
		if (image == null || (image.width() != null && image.height() != null)) {
			return -1;
		}
		Prefix in = new Prefix(bytes, Math.max(0, Math.min(length, bytes.length)));
		return switch (image.format()) {
			case "jpeg" -> Jpeg.walk(in, 2, 0).readOnAt();
			case "avif", "heif" -> Heif.walk(in, image.format(), 0, 0).readOnAt();
			default -> -1;
		};
	}

	/**
	 * Goes on reading an image from further bytes of its file.
	 * @param image the image as known so far
	 * @param bytes bytes of the file, the first of them at {@code offset} (a segment or box boundary that
	 * {@link #readOnAt} or an earlier call named)
	 * @param length how many were read
	 * @param offset the file offset of {@code bytes[0]}
	 * @return the image, sized when the size was found, and where to read on again (-1: nowhere)
	 */
	public static Reading continueAt(ImageInfo image, byte[] bytes, int length, long offset) {
		Prefix in = new Prefix(bytes, Math.max(0, Math.min(length, bytes.length)));
		Reading reading = switch (image.format()) {
			case "jpeg" -> Jpeg.walk(in, 0, offset);
			case "avif", "heif" -> Heif.walk(in, image.format(), 0, offset);
			default -> Reading.none(image);
		};
		// bytes that do not go on as the format should leave the size unknown, not the image in doubt
		return (reading.image() != null) ? reading : Reading.none(image);
	}

}
