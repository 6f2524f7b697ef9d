package dev.newsprobe.core.probe;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.ImageFiles;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Image sizes that are hard to read, probed against a real server, each with the size an article declares
 * right and wrong: AVIF and HEIF (the primary item's {@code ispe}), SVG (units, percentages of the
 * {@code viewBox}, the {@code viewBox} alone) and JPEGs whose frame header lies behind large metadata (read on
 * with ranged GETs). A size that still cannot be read is said to be unknown, and a declared size unverified:
 * never a silent OK.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ImageSizeIntegrationTests {

	private final FixtureWeb web = FixtureWeb.start();

	private final HttpProber prober = TestPolicy.loopback().prober();

	@AfterEach
	void close() {
		this.prober.close();
		this.web.close();
	}

	@ParameterizedTest
	@CsvSource({ "avif, image/avif, 1920, 1080", "heic, image/heic, 4032, 3024" })
	void anAvifOrHeifOfTheDeclaredSizeIsOkAndOfAnotherIsASizeMismatch(String kind, String type, int width, int height) {
		byte[] file = kind.equals("avif") ? ImageFiles.avif(width, height) : ImageFiles.heic(width, height);
		this.web.route("/photo." + kind, Response.image(file, type).rangeable());

		ProbeResult right = probe(this.prober, image("/photo." + kind, width, height));
		ProbeResult wrong = probe(this.prober, image("/photo." + kind, 160, 120));

		assertThat(right.verdict()).as(right.reason()).isEqualTo(Verdict.OK);
		assertThat(right.imageWidth()).isEqualTo(width);
		assertThat(right.imageHeight()).isEqualTo(height);
		assertThat(right.sizeKnown()).isTrue();
		assertThat(wrong.verdict()).isEqualTo(Verdict.SIZE_MISMATCH);
		assertThat(wrong.reason()).contains("declared 160x120", width + "x" + height);
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { "width='4in' height='3in'; 384; 288",
			"width='100%' height='50%' viewBox='0 0 800 600'; 800; 300", "viewBox='0 0 1200 630'; 1200; 630",
			"width='600' viewBox='0 0 1200 630'; 600; 315", "width='1.2e3' height='6.3E2'; 1200; 630" })
	void anSvgSizedByUnitsPercentagesOrItsViewBoxIsCheckedAgainstItsDeclaredSize(String attributes, int width,
			int height) {
		String svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\" " + attributes.replace('\'', '"')
				+ "><rect width=\"10\" height=\"10\"/></svg>";
		this.web.route("/logo.svg", Response.ok("image/svg+xml", svg.getBytes(StandardCharsets.UTF_8)).rangeable());

		ProbeResult right = probe(this.prober, image("/logo.svg", width, height));
		ProbeResult wrong = probe(this.prober, image("/logo.svg", width + 1, height));

		assertThat(right.verdict()).as(right.reason()).isEqualTo(Verdict.OK);
		assertThat(right.imageWidth()).isEqualTo(width);
		assertThat(right.imageHeight()).isEqualTo(height);
		assertThat(wrong.verdict()).isEqualTo(Verdict.SIZE_MISMATCH);
	}

	@Test
	void aJpegWhoseFrameLiesBehind300KiBOfMetadataIsReadOnWithRangedRequests() {
		byte[] jpeg = ImageFiles.jpegBehindMetadata(3000, 2000, 300_000);
		this.web.route("/camera.jpg", Response.image(jpeg, "image/jpeg").rangeable());

		ProbeResult right = probe(this.prober, image("/camera.jpg", 3000, 2000));
		ProbeResult wrong = probe(this.prober, image("/camera.jpg", 1500, 1000));

		assertThat(right.verdict()).as(right.reason()).isEqualTo(Verdict.OK);
		assertThat(right.imageWidth()).isEqualTo(3000);
		assertThat(right.sizeKnown()).isTrue();
		assertThat(right.requests()).as("one ranged GET and the reads on (64, 128, 256 KiB)").isBetween(2, 4);
		assertThat(right.hops()).allSatisfy(hop -> assertThat(hop.statusCode()).isEqualTo(206));
		assertThat(right.contentLength()).isEqualTo(jpeg.length);
		assertThat(wrong.verdict()).isEqualTo(Verdict.SIZE_MISMATCH);
		assertThat(this.web.requests("/camera.jpg")).allSatisfy(request -> assertThat(request.header("Range"))
			.startsWith("bytes="));
	}

	@Test
	void aServerThatIgnoresRangesIsReadFromTheStartUpToTheSameLimit() {
		byte[] jpeg = ImageFiles.jpegBehindMetadata(800, 600, 150_000);
		this.web.route("/norange.jpg", Response.image(jpeg, "image/jpeg"));

		ProbeResult result = probe(this.prober, image("/norange.jpg", 800, 600));

		assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK);
		assertThat(result.imageWidth()).isEqualTo(800);
		assertThat(result.sizeKnown()).isTrue();
	}

	@Test
	void aJpegWhoseFramePassesTheLimitHasItsDeclaredSizeUnverifiedNeverASilentOk() {
		byte[] jpeg = ImageFiles.jpegBehindMetadata(3000, 2000, 1_300_000);
		this.web.route("/huge-exif.jpg", Response.image(jpeg, "image/jpeg").rangeable());

		ProbeResult result = probe(this.prober, image("/huge-exif.jpg", 3000, 2000));

		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.sizeKnown()).isFalse();
		assertThat(result.imageWidth()).isNull();
		assertThat(result.reason()).contains("size could not be read", "1048576 bytes", "declared 3000x2000 is unverified");
		assertThat(result.requests()).as("the first GET and four reads on, no more").isEqualTo(5);
	}

	@Test
	void anSvgSizedRelativelyWithoutAViewBoxHasItsDeclaredSizeUnverified() {
		this.web.route("/fluid.svg", Response.ok("image/svg+xml",
				"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100%\" height=\"100%\"/>".getBytes(StandardCharsets.UTF_8)));

		ProbeResult result = probe(this.prober, image("/fluid.svg", 640, 480));

		assertThat(result.verdict()).isEqualTo(Verdict.OK);
		assertThat(result.sizeKnown()).isFalse();
		assertThat(result.reason()).contains("unverified");
		assertThat(result.requests()).isEqualTo(1);
	}

	@Test
	void anImageOfKnownSizeWithoutADeclaredOneSaysItsSize() {
		this.web.route("/photo.avif", Response.image(ImageFiles.avif(1200, 800), "image/avif").rangeable());

		ProbeResult result = probe(this.prober, new ProbeRequest(this.web.url("/photo.avif"), true, 1200, null, null,
				null, null));

		assertThat(result.reason()).isEqualTo("a avif of 1200x800");
		assertThat(result.sizeKnown()).isTrue();
	}

	private ProbeRequest image(String path, int width, int height) {
		return new ProbeRequest(this.web.url(path), true, width, height, null, null, null);
	}

}
