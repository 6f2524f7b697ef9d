package dev.newsprobe.core.http;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Turns the bytes of a body as sent into the bytes meant: gzip and deflate are inflated, never past a cap, so
 * a compression bomb costs the cap and no more. newsprobe asks for {@code gzip, identity} where it reads a
 * body and {@code identity} where it keeps one byte for byte (the image store).
 */
public final class BodyDecoding {

	private BodyDecoding() {
	}

	/**
	 * The body of an answer, inflated when it is compressed, at most {@code cap} bytes of it.
	 * @param answer the answer
	 * @param cap the most bytes returned
	 */
	public static byte[] decoded(Answer answer, int cap) {
		String encoding = answer.header("Content-Encoding");
		String coding = (encoding != null) ? encoding.strip().toLowerCase(Locale.ROOT) : "identity";
		byte[] raw = Arrays.copyOf(answer.body(), answer.length());
		boolean gzip = coding.contains("gzip");
		if (!gzip && !coding.equals("deflate")) {
			// identity, or a coding never asked for: the bytes are all there is to judge
			return raw;
		}
		ByteArrayOutputStream inflated = new ByteArrayOutputStream();
		try (InputStream in = gzip ? new GZIPInputStream(new ByteArrayInputStream(raw))
				: new InflaterInputStream(new ByteArrayInputStream(raw))) {
			byte[] buffer = new byte[8192];
			int read;
			while (inflated.size() < cap && (read = in.read(buffer, 0, Math.min(buffer.length, cap - inflated.size()))) > 0) {
				inflated.write(buffer, 0, read);
			}
		}
		catch (IOException ex) {
			// a body cut at the cap ends its stream early; what was inflated until then is still the body's start
		}
		return inflated.toByteArray();
	}

}
