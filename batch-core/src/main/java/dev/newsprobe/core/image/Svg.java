package dev.newsprobe.core.image;

/**
 * SVG: XML text whose root element is {@code svg}, its size read from that element's {@code width},
 * {@code height} and {@code viewBox} ({@link SvgSize}); read as ASCII, since only markup characters matter.
 */
final class Svg {

	private Svg() {
	}

	static ImageInfo read(Prefix in) {
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

	static ImageInfo svgSize(Prefix in, int pos) {
		String width = null;
		String height = null;
		String viewBox = null;
		boolean complete = false;
		while (true) {
			pos = skipWhitespace(in, pos);
			if (pos >= in.length) {
				break;
			}
			if (in.u8(pos) == '>' || in.u8(pos) == '/') {
				complete = true;
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
				width = in.ascii(valueStart, valueEnd);
			}
			else if (name.equals("height")) {
				height = in.ascii(valueStart, valueEnd);
			}
			else if (name.equals("viewBox")) {
				viewBox = in.ascii(valueStart, valueEnd);
			}
			pos = valueEnd + 1;
		}
		return SvgSize.of(width, height, viewBox, complete);
	}

	static int endOfDoctype(Prefix in, int pos) {
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

	static int indexOf(Prefix in, int from, String text) {
		for (int pos = from; pos + text.length() <= in.length; pos++) {
			if (in.startsWithAscii(pos, text)) {
				return pos + text.length();
			}
		}
		return -1;
	}

	static int skipWhitespace(Prefix in, int pos) {
		while (pos < in.length && isWhitespace(in.u8(pos))) {
			pos++;
		}
		return pos;
	}

	static boolean isWhitespace(int c) {
		return c == ' ' || c == '\t' || c == '\r' || c == '\n';
	}

	static boolean isNameChar(int c) {
		return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
				|| c == '-' || c == '_' || c == ':' || c == '.';
	}

}
