package dev.newsprobe.core.article.internal;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;

/** Decodes article files, which must be UTF-8, and says where one is not. */
public final class Utf8Text {

	private Utf8Text() {
	}

	/**
	 * The text of a file's bytes.
	 * @throws Rejection ({@code NOT_UTF8}) naming the first invalid byte, its line and column
	 */
	public static String decode(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			return decoder.decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			int bad = firstInvalidUtf8(bytes);
			int line = 1;
			int lineStart = 0;
			for (int i = 0; i < bad; i++) {
				if (bytes[i] == '\n') {
					line++;
					lineStart = i + 1;
				}
			}
			throw new Rejection(new Finding(FindingCode.NOT_UTF8, line, bad - lineStart + 1, String.format(java.util.Locale.ROOT,
					"byte 0x%02X is not valid UTF-8; the file must be saved as UTF-8 (is it Latin-1 or Windows-1252?)",
					bytes[bad] & 0xff)));
		}
	}

	private static int firstInvalidUtf8(byte[] bytes) {
		int i = 0;
		while (i < bytes.length) {
			int b = bytes[i] & 0xff;
			int length = (b < 0x80) ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
			if (length == 0 || i + length > bytes.length) {
				return i;
			}
			// the second byte's range is narrower after these leads: no overlong forms, no surrogates, nothing past U+10FFFF
			int second = bytes[i + Math.min(1, length - 1)] & 0xff;
			int low = (b == 0xE0) ? 0xA0 : (b == 0xF0) ? 0x90 : 0x80;
			int high = (b == 0xED) ? 0x9F : (b == 0xF4) ? 0x8F : 0xBF;
			if (length > 1 && (second < low || second > high)) {
				return i;
			}
			for (int k = 1; k < length; k++) {
				if ((bytes[i + k] & 0xC0) != 0x80) {
					return i;
				}
			}
			i += length;
		}
		return Math.max(0, bytes.length - 1);
	}

}
