package dev.newsprobe.core.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A body as meant: inflated, never past its cap. */
class BodyDecodingTests {

	static final byte[] PAGE = "<html><title>Harbour</title></html>".repeat(100).getBytes(StandardCharsets.UTF_8);

	@Test
	void gzipAndDeflateAreInflated() throws IOException {
		assertThat(BodyDecoding.decoded(answer(gzip(PAGE), "gzip"), 1 << 20)).isEqualTo(PAGE);
		assertThat(BodyDecoding.decoded(answer(deflate(PAGE), "deflate"), 1 << 20)).isEqualTo(PAGE);
		assertThat(BodyDecoding.decoded(answer(gzip(PAGE), " GZIP "), 1 << 20)).isEqualTo(PAGE);
	}

	@Test
	void inflatingStopsAtTheCap() throws IOException {
		assertThat(BodyDecoding.decoded(answer(gzip(PAGE), "gzip"), 100)).hasSize(100);
	}

	@Test
	void aBodyCutShortGivesWhatWasInflatedUntilTheCut() throws IOException {
		StringBuilder text = new StringBuilder("<html><title>Harbour</title></html>");
		java.util.Random random = new java.util.Random(7);
		for (int i = 0; i < 20_000; i++) {
			text.append((char) ('a' + random.nextInt(26)));
		}
		byte[] gzipped = gzip(text.toString().getBytes(StandardCharsets.UTF_8));
		byte[] cut = java.util.Arrays.copyOf(gzipped, gzipped.length / 2);

		byte[] decoded = BodyDecoding.decoded(answer(cut, "gzip"), 1 << 20);

		assertThat(decoded).isNotEmpty();
		assertThat(new String(decoded, StandardCharsets.UTF_8)).startsWith("<html><title>Harbour</title></html>");
	}

	@Test
	void anIdentityOrUnknownCodingIsTheBytesAsSent() {
		assertThat(BodyDecoding.decoded(answer(PAGE, null), 10)).isEqualTo(PAGE);
		assertThat(BodyDecoding.decoded(answer(PAGE, "br"), 10)).isEqualTo(PAGE);
	}

	static Answer answer(byte[] body, String encoding) {
		BasicHttpResponse response = new BasicHttpResponse(200);
		if (encoding != null) {
			response.addHeader("Content-Encoding", encoding);
		}
		return new Answer(response, body, body.length, body.length, false, null, Answer.Stop.NONE);
	}

	static byte[] gzip(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
			gzip.write(bytes);
		}
		return out.toByteArray();
	}

	static byte[] deflate(byte[] bytes) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflate = new DeflaterOutputStream(out)) {
			deflate.write(bytes);
		}
		return out.toByteArray();
	}

}
