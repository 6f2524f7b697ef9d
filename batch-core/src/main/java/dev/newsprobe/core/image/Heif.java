package dev.newsprobe.core.image;

/**
 * AVIF and HEIF (ISO base media files, ISO/IEC 14496-12 and 23008-12): recognised by the brands of their
 * {@code ftyp} box, sized by the {@code ispe} property of the primary item: {@code meta} holds {@code pitm}
 * (which item is primary), and {@code iprp} its properties ({@code ipco}) and which item has which
 * ({@code ipma}). The size is the stored one: a rotation ({@code irot}) is not applied, as EXIF orientation is
 * not for JPEG. A {@code meta} box that lies (or ends) past the bytes read is read on at its start.
 */
final class Heif {

	private Heif() {
	}

	static ImageInfo read(Prefix in) {
		String format = format(in);
		return (format != null) ? walk(in, format, 0, 0).image() : null;
	}

	/** {@code avif} or {@code heif} by the ftyp brands, or {@code null} when it is neither (a video, say). */
	static String format(Prefix in) {
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
				return "avif";
			}
			heif |= in.startsWithAscii(pos, "heic") || in.startsWithAscii(pos, "heix")
					|| in.startsWithAscii(pos, "mif1") || in.startsWithAscii(pos, "msf1");
		}
		return heif ? "heif" : null;
	}

	/**
	 * Walks the top-level boxes from {@code start} to the {@code meta} box and sizes the primary item.
	 * @param base the file offset of {@code in}'s first byte
	 */
	static ImageSizes.Reading walk(Prefix in, String format, int start, long base) {
		int pos = start;
		while (pos + 8 <= in.length) {
			long size = in.u32be(pos);
			int header = 8;
			if (size == 1) {
				long large = ((long) in.u32be(pos + 8) << 32) | in.u32be(pos + 12);
				if (in.u32be(pos + 12) < 0) {
					return unknown(format, base + pos);
				}
				size = large;
				header = 16;
			}
			if (size == 0) {
				// a box to the end of the file (mdat): no meta after it
				return unknown(format, -1);
			}
			if (size < header) {
				return unknown(format, -1);
			}
			if (in.startsWithAscii(pos + 4, "meta")) {
				if (size > in.length - pos) {
					return unknown(format, base + pos);
				}
				return new ImageSizes.Reading(primarySize(in, format, pos + header + 4, (int) (pos + size)), -1);
			}
			if (size > in.length - pos) {
				return unknown(format, base + pos + size);
			}
			pos += (int) size;
		}
		return unknown(format, base + pos);
	}

	/** The size in {@code ispe} of the primary item, from the children of a meta box in {@code [from, to)}. */
	private static ImageInfo primarySize(Prefix in, String format, int from, int to) {
		long primary = -1;
		int ipco = -1;
		int ipcoEnd = -1;
		int ipma = -1;
		int ipmaEnd = -1;
		for (int pos = from; pos + 8 <= to;) {
			long size = in.u32be(pos);
			if (size < 8 || size > to - pos) {
				break;
			}
			if (in.startsWithAscii(pos + 4, "pitm")) {
				primary = (in.u8(pos + 8) == 0) ? in.u16be(pos + 12) : in.u32be(pos + 12);
			}
			else if (in.startsWithAscii(pos + 4, "iprp")) {
				for (int child = pos + 8; child + 8 <= pos + size;) {
					long childSize = in.u32be(child);
					if (childSize < 8 || childSize > pos + size - child) {
						break;
					}
					if (in.startsWithAscii(child + 4, "ipco")) {
						ipco = child + 8;
						ipcoEnd = (int) (child + childSize);
					}
					else if (in.startsWithAscii(child + 4, "ipma")) {
						ipma = child;
						ipmaEnd = (int) (child + childSize);
					}
					child += (int) childSize;
				}
			}
			pos += (int) size;
		}
		if (primary < 0 || ipco < 0 || ipma < 0) {
			return new ImageInfo(format, null, null);
		}
		int version = in.u8(ipma + 8);
		boolean wideIndexes = (in.u8(ipma + 11) & 1) != 0;
		long entries = in.u32be(ipma + 12);
		int pos = ipma + 16;
		for (long e = 0; e < entries && pos < ipmaEnd; e++) {
			long item = (version < 1) ? in.u16be(pos) : in.u32be(pos);
			pos += (version < 1) ? 2 : 4;
			int associations = in.u8(pos++);
			for (int a = 0; a < associations && pos < ipmaEnd; a++) {
				int index = wideIndexes ? in.u16be(pos) & 0x7FFF : in.u8(pos) & 0x7F;
				pos += wideIndexes ? 2 : 1;
				if (item == primary) {
					ImageInfo sized = ispe(in, format, ipco, ipcoEnd, index);
					if (sized != null) {
						return sized;
					}
				}
			}
		}
		return new ImageInfo(format, null, null);
	}

	/** The {@code ispe} that is property {@code index} (from 1) of the container, or {@code null}. */
	private static ImageInfo ispe(Prefix in, String format, int from, int to, int index) {
		int pos = from;
		for (int i = 1; pos + 8 <= to; i++) {
			long size = in.u32be(pos);
			if (size < 8 || size > to - pos) {
				return null;
			}
			if (i == index) {
				if (!in.startsWithAscii(pos + 4, "ispe") || size < 20) {
					return null;
				}
				Integer width = Prefix.positiveOrNull(in.u32be(pos + 12));
				Integer height = Prefix.positiveOrNull(in.u32be(pos + 16));
				return (width != null && height != null) ? new ImageInfo(format, width, height) : null;
			}
			pos += (int) size;
		}
		return null;
	}

	private static ImageSizes.Reading unknown(String format, long readOnAt) {
		return new ImageSizes.Reading(new ImageInfo(format, null, null), readOnAt);
	}

}
