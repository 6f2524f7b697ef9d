package dev.newsprobe.core.image;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Tests for {@link ImageSniffer}: the format and size it reads from the first bytes of real
 * images written by ImageIO and of headers built by hand per each format's spec, and what it
 * makes of truncated, corrupt and non-image bytes.
 */
class ImageSnifferTests {

	// ---------------------------------------------------------------- PNG

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3", "3,4001" })
	void pngDimensionsComeFromTheIhdrChunk(int width, int height) {
		// given
		byte[] png = imageIo("png", width, height);

		// when
		ImageInfo info = sniff(png);

		// then
		assertThat(info).isEqualTo(new ImageInfo("png", width, height));
	}

	@Test
	void anAnimatedPngIsAPngWithTheSizeOfItsIhdr() {
		// given an acTL chunk right after IHDR, which is what marks an APNG
		byte[] png = imageIo("png", 320, 200);
		byte[] actl = pngChunk("acTL", new byte[] { 0, 0, 0, 2, 0, 0, 0, 0 });
		byte[] apng = concat(Arrays.copyOf(png, 33), actl, Arrays.copyOfRange(png, 33, png.length));

		// when
		ImageInfo info = sniff(apng);

		// then
		assertThat(info).isEqualTo(new ImageInfo("png", 320, 200));
	}

	@Test
	void aPngCutShortBeforeItsHeaderIsAPngOfUnknownSize() {
		// given
		byte[] png = imageIo("png", 700, 415);

		// when
		ImageInfo info = ImageSniffer.sniff(png, 12);

		// then
		assertThat(info).isEqualTo(new ImageInfo("png", null, null));
	}

	// ---------------------------------------------------------------- JPEG

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3", "3,4001" })
	void jpegDimensionsComeFromTheBaselineStartOfFrame(int width, int height) {
		// given
		byte[] jpeg = imageIo("jpeg", width, height);

		// when
		ImageInfo info = sniff(jpeg);

		// then
		assertThat(info).isEqualTo(new ImageInfo("jpeg", width, height));
	}

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3" })
	void progressiveJpegDimensionsComeFromTheSof2Marker(int width, int height) {
		// given
		byte[] jpeg = progressiveJpeg(width, height);
		assertThat(indexOfMarker(jpeg, 0xC2)).isPositive();
		assertThat(indexOfMarker(jpeg, 0xC0)).isNegative();

		// when
		ImageInfo info = sniff(jpeg);

		// then
		assertThat(info).isEqualTo(new ImageInfo("jpeg", width, height));
	}

	@Test
	void aLargeExifSegmentBeforeTheFrameIsWalkedOverWhenTheBytesReachTheFrame() {
		// given
		byte[] jpeg = withExif(imageIo("jpeg", 700, 415), 40_000);
		assertThat(indexOfMarker(jpeg, 0xC0)).as("the 9x9 EXIF thumbnail's frame comes first").isLessThan(1024);

		// when
		ImageInfo info = sniff(jpeg);

		// then
		assertThat(info).isEqualTo(new ImageInfo("jpeg", 700, 415));
	}

	@Test
	void aJpegWhoseFrameLiesBeyondTheBytesReadIsAJpegOfUnknownSize() {
		// given
		byte[] jpeg = withExif(imageIo("jpeg", 700, 415), 40_000);

		// when
		ImageInfo info = ImageSniffer.sniff(jpeg, 1024);

		// then
		assertThat(info).isEqualTo(new ImageInfo("jpeg", null, null));
	}

	@Test
	void onlyTheBytesReadCountNotWhatFollowsThemInTheBuffer() {
		// given a 64 KiB buffer of which the server sent only the first 200 bytes
		byte[] jpeg = withExif(imageIo("jpeg", 700, 415), 100);
		byte[] buffer = Arrays.copyOf(jpeg, 64 * 1024);
		int frame = indexOfMarker(jpeg, 0xC0);

		// when
		ImageInfo beforeTheFrame = ImageSniffer.sniff(buffer, 200);
		ImageInfo inTheFrame = ImageSniffer.sniff(buffer, frame + 6);
		ImageInfo pastTheFrame = ImageSniffer.sniff(buffer, frame + 9);

		// then
		assertThat(frame).isGreaterThan(200);
		assertThat(beforeTheFrame).isEqualTo(new ImageInfo("jpeg", null, null));
		assertThat(inTheFrame).isEqualTo(new ImageInfo("jpeg", null, null));
		assertThat(pastTheFrame).isEqualTo(new ImageInfo("jpeg", 700, 415));
	}

	@Test
	void fillBytesAndStandaloneMarkersBeforeTheFrameAreSkipped() {
		// given SOI, fill bytes, a TEM and an RST marker, a DHT segment (C4 is not a frame), then SOF1
		byte[] jpeg = bytes(0xFF, 0xD8, 0xFF, 0xFF, 0xFF, 0x01, 0xFF, 0xD3, 0xFF, 0xC4, 0x00, 0x04, 0x00, 0x00,
				0xFF, 0xFF, 0xC1, 0x00, 0x0B, 0x08, 0x01, 0x9F, 0x02, 0xBC, 0x01, 0x01, 0x11, 0x00);

		// when
		ImageInfo info = sniff(jpeg);

		// then
		assertThat(info).isEqualTo(new ImageInfo("jpeg", 700, 415));
	}

	// ---------------------------------------------------------------- GIF

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3" })
	void gifDimensionsComeFromTheLogicalScreen(int width, int height) {
		// given
		byte[] gif = imageIo("gif", width, height);

		// when
		ImageInfo info = sniff(gif);

		// then
		assertThat(info).isEqualTo(new ImageInfo("gif", width, height));
	}

	@Test
	void aGif87aIsAGifToo() {
		// given a hand-built GIF87a: a 321x123 screen holding one 1x1 frame
		byte[] gif = concat("GIF87a".getBytes(StandardCharsets.US_ASCII),
				bytes(0x41, 0x01, 0x7B, 0x00, 0x80, 0x00, 0x00, 0xFF, 0xFF, 0xFF, 0x00, 0x00, 0x00,
						0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B));

		// when
		ImageInfo info = sniff(gif);

		// then
		assertThat(info).isEqualTo(new ImageInfo("gif", 321, 123));
	}

	// ---------------------------------------------------------------- BMP

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3" })
	void bmpDimensionsComeFromTheInfoHeader(int width, int height) {
		// given
		byte[] bmp = imageIo("bmp", width, height);

		// when
		ImageInfo info = sniff(bmp);

		// then
		assertThat(info).isEqualTo(new ImageInfo("bmp", width, height));
	}

	@Test
	void aTopDownBmpWithANegativeHeightHasAPositiveHeight() {
		// given
		byte[] bmp = imageIo("bmp", 700, 415);
		putIntLe(bmp, 22, -415);

		// when
		ImageInfo info = sniff(bmp);

		// then
		assertThat(info).isEqualTo(new ImageInfo("bmp", 700, 415));
	}

	@Test
	void anOs2BmpWithACoreHeaderIsRead() {
		// given a 12-byte BITMAPCOREHEADER with 16-bit sizes
		byte[] bmp = bytes('B', 'M', 0x3A, 0, 0, 0, 0, 0, 0, 0, 0x1A, 0, 0, 0,
				0x0C, 0, 0, 0, 0xBC, 0x02, 0x9F, 0x01, 0x01, 0x00, 0x18, 0x00);

		// when
		ImageInfo info = sniff(bmp);

		// then
		assertThat(info).isEqualTo(new ImageInfo("bmp", 700, 415));
	}

	// ---------------------------------------------------------------- WebP

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3", "16383,16383" })
	void lossyWebpDimensionsAreTheFourteenBitFrameSizesWithoutTheScaleBits(int width, int height) {
		// given
		byte[] webp = webp(chunk("VP8 ", vp8(width, height)));

		// when
		ImageInfo info = sniff(webp);

		// then
		assertThat(info).isEqualTo(new ImageInfo("webp", width, height));
	}

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3", "16384,16384" })
	void losslessWebpDimensionsArePackedFourteenBitSizesMinusOne(int width, int height) {
		// given
		byte[] webp = webp(chunk("VP8L", vp8l(width, height)));

		// when
		ImageInfo info = sniff(webp);

		// then
		assertThat(info).isEqualTo(new ImageInfo("webp", width, height));
	}

	@ParameterizedTest
	@CsvSource({ "1,1", "700,415", "4001,3", "16777216,3" })
	void extendedWebpDimensionsAreTheCanvasSize(int width, int height) {
		// given a VP8X canvas holding an ALPH and a lossy frame of another size (as animations do)
		byte[] webp = webp(chunk("VP8X", vp8x(width, height)), chunk("ALPH", new byte[7]), chunk("VP8 ", vp8(16, 16)));

		// when
		ImageInfo info = sniff(webp);

		// then
		assertThat(info).isEqualTo(new ImageInfo("webp", width, height));
	}

	@Test
	void aWebpCutShortBeforeItsSizeIsAWebpOfUnknownSize() {
		// given
		byte[] webp = webp(chunk("VP8X", vp8x(700, 415)));

		// when
		ImageInfo info = ImageSniffer.sniff(webp, 22);

		// then
		assertThat(info).isEqualTo(new ImageInfo("webp", null, null));
	}

	// ---------------------------------------------------------------- ICO, AVIF, HEIF

	@Test
	void icoDimensionsComeFromTheFirstEntryWithZeroMeaning256() {
		// given
		byte[] largeFirst = ico(0, 0, 16, 16);
		byte[] smallFirst = ico(48, 32, 0, 0);

		// when
		ImageInfo large = sniff(largeFirst);
		ImageInfo small = sniff(smallFirst);

		// then
		assertThat(large).isEqualTo(new ImageInfo("ico", 256, 256));
		assertThat(small).isEqualTo(new ImageInfo("ico", 48, 32));
	}

	@ParameterizedTest
	@CsvSource({ "avif,mif1,avif", "avis,msf1,avif", "mif1,avif,avif", "heic,mif1,heif", "heix,mif1,heif",
			"mif1,heic,heif" })
	void avifAndHeifAreKnownByTheirFtypBrands(String major, String compatible, String format) {
		// given
		byte[] file = ftyp(major, compatible);

		// when
		ImageInfo info = sniff(file);

		// then
		assertThat(info).isEqualTo(new ImageInfo(format, null, null));
	}

	@Test
	void anMp4VideoIsNotAnImage() {
		// given
		byte[] mp4 = ftyp("isom", "mp41");

		// when
		ImageInfo info = sniff(mp4);

		// then
		assertThat(info).isNull();
	}

	// ---------------------------------------------------------------- SVG

	@Test
	void svgDimensionsComeFromIntegerWidthAndHeightAttributes() {
		// given
		byte[] svg = utf8("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"640\" height=\"480\"><rect/></svg>");

		// when
		ImageInfo info = sniff(svg);

		// then
		assertThat(info).isEqualTo(new ImageInfo("svg", 640, 480));
	}

	@Test
	void aByteOrderMarkXmlDeclarationCommentsAndDoctypeMayPrecedeTheSvgElement() {
		// given what Illustrator and Inkscape write, including a DOCTYPE with an internal subset
		byte[] svg = concat(bytes(0xEF, 0xBB, 0xBF), utf8("""
				 <?xml version="1.0" encoding="UTF-8" standalone="no"?>
				<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In > -->
				<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
					<!ENTITY ns_svg "http://www.w3.org/2000/svg">
				]>
				<!-- a second comment -->
				<svg
				   version="1.1" stroke-width = '3'
				   width = '12px' height="34px"
				   viewBox="0 0 12 34">
				</svg>
				"""));

		// when
		ImageInfo info = sniff(svg);

		// then
		assertThat(info).isEqualTo(new ImageInfo("svg", 12, 34));
	}

	@ParameterizedTest
	@CsvSource(delimiter = ';', value = { "<svg viewBox='0 0 100 50' stroke-width='3'/>; 100; 50",
			"<svg width='100%' height='50em' viewBox='0 0 100 50'/>; 100; 800",
			"<svg width='50%' height='25%' viewBox='-10 -10 300 200'/>; 150; 50",
			"<svg width='10.5' height='2e3'/>; 11; 2000", "<svg width='1.5E+2px' height='.5e2'/>; 150; 50",
			"<svg width='1in' height='2.54cm'/>; 96; 96", "<svg width='72pt' height='6pc'/>; 96; 96",
			"<svg width='25.4mm' height='101.6Q'/>; 96; 96", "<svg width='2rem' height='1em'/>; 32; 16",
			"<svg width='300' viewBox='0,0,600,400'/>; 300; 200", "<svg height='100' viewBox='0 0 600 400'/>; 150; 100",
			"<svg width='auto' height='auto' viewBox='0 0 64 48'/>; 64; 48",
			"<svg width=' 640px ' height='480PX'/>; 640; 480" })
	void anSvgIsSizedAsBrowsersSizeItsImage(String text, int width, int height) {
		// units at 96 px to the inch and em at 16 px, percentages and missing sides from the viewBox (issue 13)
		assertThat(sniff(utf8(text.replace('\'', '"')))).isEqualTo(new ImageInfo("svg", width, height));
	}

	@ParameterizedTest
	@ValueSource(strings = { "<svg width=\"0\" height=\"-4\"/>", "<svg width=\"99999999999\" height=\"calc(1px)\"/>",
			"<svg>", "<svg width=\"100%\" height=\"100%\"/>", "<svg width=\"3ex\" height=\"10vw\"/>",
			"<svg viewBox=\"0 0 0 10\"/>", "<svg viewBox=\"0 0 NaN 10\"/>", "<svg width=\"&w;\" height=\"&h;\"/>" })
	void anSvgWithoutPlainPixelSizesIsAnSvgOfUnknownSize(String text) {
		// when
		ImageInfo info = sniff(utf8(text));

		// then
		assertThat(info).isEqualTo(new ImageInfo("svg", null, null));
	}

	@Test
	void anSvgCutShortInsideItsStartTagKeepsTheAttributesRead() {
		// given
		byte[] svg = utf8("<svg width=\"300\" height=\"200\" viewBox=\"0 0 300 200\">");

		// when
		ImageInfo info = ImageSniffer.sniff(svg, "<svg width=\"300\" heig".length());

		// then
		assertThat(info).isEqualTo(new ImageInfo("svg", 300, null));
	}

	// ---------------------------------------------------------------- not images

	@ParameterizedTest
	@ValueSource(strings = { "<!DOCTYPE html><html><head><title>Not found</title></head><body><svg width=\"1\" height=\"1\"/></body></html>",
			"<html><body>moved</body></html>", "{\"error\":\"not found\",\"width\":700}", "[]", "",
			"BMW unveils its new model, 700 by 415 pixels", "<svgfoo width=\"1\"/>", "<?xml version=\"1.0\"?><rss/>",
			"<!-- an unterminated comment <svg width=\"1\"/>" })
	void textThatIsNotAnSvgIsNotAnImage(String text) {
		// when
		ImageInfo info = sniff(utf8(text));

		// then
		assertThat(info).isNull();
	}

	@Test
	void emptyNullAndOddlyMeasuredInputIsNotAnImage() {
		// given
		byte[] png = imageIo("png", 7, 7);

		// when / then
		assertThat(sniff(new byte[0])).isNull();
		assertThat(ImageSniffer.sniff(null, 10)).isNull();
		assertThat(ImageSniffer.sniff(png, 0)).isNull();
		assertThat(ImageSniffer.sniff(png, -1)).isNull();
		assertThat(ImageSniffer.sniff(png, Integer.MAX_VALUE)).isEqualTo(new ImageInfo("png", 7, 7));
	}

	@Test
	void aTruncatedPngSignatureIsNotAnImage() {
		// given
		byte[] png = imageIo("png", 700, 415);

		// when / then
		for (int length = 1; length < 8; length++) {
			assertThat(ImageSniffer.sniff(png, length)).as("first %d bytes", length).isNull();
		}
	}

	@Test
	void aPngSignatureFollowedByAnythingButAHeaderIsNotAnImage() {
		// given
		byte[] png = concat(Arrays.copyOf(imageIo("png", 1, 1), 8), utf8("<html><body>oops</body></html>"));

		// when
		ImageInfo info = sniff(png);

		// then
		assertThat(info).isNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "FFD8", "FFD8FF", "FFD8FFFF", "FFD8FF3C68746D6C3E3C2F68746D6C3E",
			"FFD8FFE0000674657874FFD9", "FFD8FFE0000674657874FFDA000C", "FFD8FFE0000474657874" + "3C68746D6C3E",
			"FFD8FFE00001", "FFD8FFC00005080001" })
	void aJpegStartFollowedByGarbageIsNotAJpegOfKnownSize(String hex) {
		// when
		ImageInfo info = sniff(HexFormat.of().parseHex(hex));

		// then
		assertThat(info == null || (info.width() == null && info.height() == null)).as("%s", info).isTrue();
	}

	@Test
	void aJpegStartFollowedByTextOrAScanBeforeAnyFrameIsNotAnImage() {
		// when / then
		assertThat(sniff(HexFormat.of().parseHex("FFD83C68746D6C3E"))).isNull();
		assertThat(sniff(HexFormat.of().parseHex("FFD8FF3C68746D6C3E3C2F68746D6C3E"))).isNull();
		assertThat(sniff(HexFormat.of().parseHex("FFD8FFE0000674657874FFD9"))).isNull();
		assertThat(sniff(HexFormat.of().parseHex("FFD8FFE0000674657874FFDA000C03010002110311003F00"))).isNull();
	}

	@Test
	void threeRandomBytesAreNeverAnImageOfKnownSize() {
		// given
		Random random = new Random(20240611L);

		for (int i = 0; i < 2_000; i++) {
			byte[] three = new byte[3];
			random.nextBytes(three);

			// when
			ImageInfo info = sniff(three);

			// then
			assertThat(info == null || (info.width() == null && info.height() == null))
				.as("%s -> %s", HexFormat.of().formatHex(three), info)
				.isTrue();
		}
	}

	@Test
	void otherRiffFilesAreNotImages() {
		// given
		byte[] wave = concat(utf8("RIFF"), bytes(36, 0, 0, 0), utf8("WAVEfmt "), new byte[24]);
		byte[] webpWithAnUnknownFirstChunk = webp(chunk("ICCP", new byte[16]));

		// when / then
		assertThat(sniff(wave)).isNull();
		assertThat(sniff(webpWithAnUnknownFirstChunk)).isNull();
	}

	// ---------------------------------------------------------------- fuzzing

	@Test
	void sniffingTruncatedAndMutatedImagesNeverThrowsAndNeverReportsANonPositiveSize() {
		// given
		List<byte[]> corpus = new ArrayList<>(List.of(imageIo("png", 700, 415), imageIo("jpeg", 700, 415),
				progressiveJpeg(33, 17), withExif(imageIo("jpeg", 40, 30), 40_000), imageIo("gif", 700, 415),
				imageIo("bmp", 31, 7), webp(chunk("VP8 ", vp8(700, 415))), webp(chunk("VP8L", vp8l(700, 415))),
				webp(chunk("VP8X", vp8x(700, 415)), chunk("VP8L", vp8l(700, 415))), ico(0, 0, 16, 16),
				ftyp("avif", "mif1"), utf8("<?xml version=\"1.0\"?><!-- c --><svg width=\"12\" height=\"34\"/>")));
		long seed = 7_331L;
		Random random = new Random(seed);

		for (int i = 0; i < 10_000; i++) {
			byte[] original = corpus.get(random.nextInt(corpus.size()));
			byte[] input = mutate(original, random);
			int length = switch (random.nextInt(10)) {
				case 0 -> random.nextInt(Math.max(1, input.length));
				case 1 -> input.length + random.nextInt(100);
				case 2 -> -random.nextInt(5);
				default -> input.length;
			};

			// when
			ImageInfo info;
			try {
				info = ImageSniffer.sniff(input, length);
			}
			catch (RuntimeException ex) {
				throw new AssertionError("iteration %d of seed %d threw on length %d of %s".formatted(i, seed, length,
						HexFormat.of().formatHex(Arrays.copyOf(input, Math.min(64, input.length)))), ex);
			}

			// then
			if (info != null) {
				assertThat(info.format()).isNotBlank();
				if (info.width() != null && info.width() <= 0 || info.height() != null && info.height() <= 0) {
					fail("iteration %d of seed %d gave %s", i, seed, info);
				}
			}
		}
	}

	// ---------------------------------------------------------------- helpers

	private static ImageInfo sniff(byte[] bytes) {
		return ImageSniffer.sniff(bytes, bytes.length);
	}

	private static byte[] mutate(byte[] original, Random random) {
		byte[] bytes = original.clone();
		int hot = Math.min(bytes.length, 64);
		switch (random.nextInt(6)) {
			case 0 -> bytes = Arrays.copyOf(bytes, random.nextInt(bytes.length + 1));
			case 1 -> {
				for (int n = 1 + random.nextInt(4); n > 0; n--) {
					bytes[random.nextInt(hot)] = (byte) random.nextInt(256);
				}
			}
			case 2 -> {
				for (int n = 1 + random.nextInt(8); n > 0; n--) {
					bytes[random.nextInt(bytes.length)] = (byte) (random.nextBoolean() ? 0xFF : 0x00);
				}
			}
			case 3 -> bytes[random.nextInt(hot)] ^= (byte) (1 << random.nextInt(8));
			case 4 -> {
				int at = random.nextInt(hot);
				byte[] noise = new byte[1 + random.nextInt(16)];
				random.nextBytes(noise);
				bytes = concat(Arrays.copyOf(bytes, at), noise, Arrays.copyOfRange(bytes, at, bytes.length));
			}
			default -> {
				int at = random.nextInt(hot);
				int end = Math.min(bytes.length, at + 1 + random.nextInt(16));
				bytes = concat(Arrays.copyOf(bytes, at), Arrays.copyOfRange(bytes, end, bytes.length));
			}
		}
		return bytes;
	}

	private static BufferedImage picture(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				image.setRGB(x, y, (x * 7) << 16 | (y * 13) << 8 | ((x + y) & 0xFF));
			}
		}
		return image;
	}

	private static byte[] imageIo(String format, int width, int height) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			assertThat(ImageIO.write(picture(width, height), format, out)).as("ImageIO writes %s", format).isTrue();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	private static byte[] progressiveJpeg(int width, int height) {
		ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
			writer.setOutput(stream);
			ImageWriteParam param = writer.getDefaultWriteParam();
			param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
			writer.write(null, new IIOImage(picture(width, height), null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return out.toByteArray();
	}

	/** Inserts an EXIF APP1 segment of the given payload size right after SOI, as cameras do. */
	private static byte[] withExif(byte[] jpeg, int payloadSize) {
		byte[] payload = new byte[payloadSize];
		byte[] header = "Exif\0\0MM\0*".getBytes(StandardCharsets.ISO_8859_1);
		System.arraycopy(header, 0, payload, 0, header.length);
		// A thumbnail inside the payload must not be mistaken for the frame.
		byte[] thumbnail = imageIo("jpeg", 9, 9);
		System.arraycopy(thumbnail, 0, payload, 64, Math.min(thumbnail.length, payloadSize - 64));
		int segmentLength = payloadSize + 2;
		byte[] app1 = concat(bytes(0xFF, 0xE1, segmentLength >> 8, segmentLength & 0xFF), payload);
		return concat(Arrays.copyOf(jpeg, 2), app1, Arrays.copyOfRange(jpeg, 2, jpeg.length));
	}

	private static int indexOfMarker(byte[] jpeg, int marker) {
		for (int i = 0; i + 1 < jpeg.length; i++) {
			if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
				return i;
			}
		}
		return -1;
	}

	private static byte[] pngChunk(String type, byte[] data) {
		byte[] typeAndData = concat(type.getBytes(StandardCharsets.US_ASCII), data);
		CRC32 crc = new CRC32();
		crc.update(typeAndData);
		byte[] length = new byte[4];
		byte[] checksum = new byte[4];
		putIntBe(length, 0, data.length);
		putIntBe(checksum, 0, (int) crc.getValue());
		return concat(length, typeAndData, checksum);
	}

	/** A RIFF/WEBP container around the given chunks, per the WebP container specification. */
	private static byte[] webp(byte[]... chunks) {
		byte[] body = concat(chunks);
		byte[] size = new byte[4];
		putIntLe(size, 0, 4 + body.length);
		return concat(utf8("RIFF"), size, utf8("WEBP"), body);
	}

	private static byte[] chunk(String fourcc, byte[] payload) {
		byte[] size = new byte[4];
		putIntLe(size, 0, payload.length);
		byte[] padding = new byte[payload.length % 2];
		return concat(utf8(fourcc), size, payload, padding);
	}

	/** A VP8 key frame header (RFC 6386 9.1) with the scale bits set, which are not part of the size. */
	private static byte[] vp8(int width, int height) {
		int firstPartitionSize = 1234;
		int frameTag = 0 /* key frame */ | 0 << 1 /* version */ | 1 << 4 /* show frame */ | firstPartitionSize << 5;
		int scaledWidth = width | 1 << 14;
		int scaledHeight = height | 2 << 14;
		return concat(bytes(frameTag & 0xFF, frameTag >> 8 & 0xFF, frameTag >> 16 & 0xFF, 0x9D, 0x01, 0x2A,
				scaledWidth & 0xFF, scaledWidth >> 8, scaledHeight & 0xFF, scaledHeight >> 8), new byte[10]);
	}

	/** A VP8L header: signature 0x2F, then 14 bits each of width and height minus one, alpha and version. */
	private static byte[] vp8l(int width, int height) {
		int bits = (width - 1) | (height - 1) << 14 | 1 << 28;
		return concat(bytes(0x2F, bits & 0xFF, bits >> 8 & 0xFF, bits >> 16 & 0xFF, bits >>> 24), new byte[8]);
	}

	/** A VP8X header: flags, three reserved bytes, then 24 bits each of canvas width and height minus one. */
	private static byte[] vp8x(int width, int height) {
		int w = width - 1;
		int h = height - 1;
		return bytes(0x10, 0, 0, 0, w & 0xFF, w >> 8 & 0xFF, w >> 16 & 0xFF, h & 0xFF, h >> 8 & 0xFF, h >> 16 & 0xFF);
	}

	/** An icon directory of two entries, each pointing at no real image data. */
	private static byte[] ico(int width0, int height0, int width1, int height1) {
		return bytes(0, 0, 1, 0, 2, 0,
				width0, height0, 0, 0, 1, 0, 32, 0, 0x28, 0, 0, 0, 0x26, 0, 0, 0,
				width1, height1, 0, 0, 1, 0, 32, 0, 0x28, 0, 0, 0, 0x4E, 0, 0, 0);
	}

	/** An ISO base media ftyp box with a major brand, minor version 0 and two compatible brands. */
	private static byte[] ftyp(String major, String compatible) {
		return concat(bytes(0, 0, 0, 0x1C), utf8("ftyp" + major), new byte[4], utf8(major + compatible + "miaf"),
				bytes(0, 0, 0, 8), utf8("free"));
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] concat(byte[]... parts) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (byte[] part : parts) {
			out.writeBytes(part);
		}
		return out.toByteArray();
	}

	private static void putIntLe(byte[] bytes, int at, int value) {
		for (int i = 0; i < 4; i++) {
			bytes[at + i] = (byte) (value >> (8 * i));
		}
	}

	private static void putIntBe(byte[] bytes, int at, int value) {
		for (int i = 0; i < 4; i++) {
			bytes[at + i] = (byte) (value >> (8 * (3 - i)));
		}
	}

}
