package dev.newsprobe.core.image;

import java.util.Arrays;

import dev.newsprobe.core.probe.fixture.ImageFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sizes that are not in a file's first bytes or not where the simple formats keep them: the {@code ispe}
 * of an AVIF or HEIF primary item, and JPEG frame headers behind metadata, read on from where the walk
 * stopped.
 */
class ImageSizesTests {

	static final int SNIFF = 64 * 1024;

	@Test
	void anAvifOrHeicIsSizedByItsPrimaryItemNotItsThumbnail() {
		assertThat(ImageSniffer.sniff(ImageFiles.avif(1920, 1080), SNIFF)).isEqualTo(new ImageInfo("avif", 1920, 1080));
		assertThat(ImageSniffer.sniff(ImageFiles.heic(4032, 3024), SNIFF)).isEqualTo(new ImageInfo("heif", 4032, 3024));
	}

	@Test
	void anAvifCutBeforeItsSizeIsAnAvifOfUnknownSizeToReadOnAtItsMetaBox() {
		byte[] avif = ImageFiles.avif(1920, 1080);

		ImageInfo cut = ImageSniffer.sniff(avif, 60);

		assertThat(cut).isEqualTo(new ImageInfo("avif", null, null));
		assertThat(ImageSizes.readOnAt(cut, avif, 60)).as("the meta box starts after ftyp").isEqualTo(28);
	}

	@Test
	void anAvifWhoseMetaBoxLiesPastTheFirstBytesIsSizedByReadingOnThere() {
		byte[] avif = ImageFiles.avifWithMetaAt(200_000, 1920, 1080);
		ImageInfo first = ImageSniffer.sniff(avif, SNIFF);
		long at = ImageSizes.readOnAt(first, avif, SNIFF);

		ImageSizes.Reading reading = read(first, avif, at, SNIFF);

		assertThat(first).isEqualTo(new ImageInfo("avif", null, null));
		assertThat(at).isGreaterThan(200_000);
		assertThat(reading.image()).isEqualTo(new ImageInfo("avif", 1920, 1080));
		assertThat(reading.readOnAt()).isEqualTo(-1);
	}

	@ParameterizedTest
	@ValueSource(ints = { 70_000, 200_000, 600_000 })
	void aJpegFrameBehindLargeMetadataIsFoundByReadingOnFromSegmentToSegment(int metadata) {
		byte[] jpeg = ImageFiles.jpegBehindMetadata(3000, 2000, metadata);
		ImageInfo first = ImageSniffer.sniff(jpeg, SNIFF);
		long at = ImageSizes.readOnAt(first, jpeg, SNIFF);
		assertThat(first).isEqualTo(new ImageInfo("jpeg", null, null));

		// read on in windows that double, as the prober does, until the size is found
		ImageSizes.Reading reading = null;
		int window = SNIFF;
		int reads = 0;
		while (at >= 0 && at < jpeg.length && reads < 10) {
			reading = read(first, jpeg, at, window);
			at = reading.readOnAt();
			window *= 2;
			reads++;
			if (reading.image().width() != null) {
				break;
			}
		}

		assertThat(reading).isNotNull();
		assertThat(reading.image()).isEqualTo(new ImageInfo("jpeg", 3000, 2000));
		assertThat(reads).isLessThanOrEqualTo(4);
	}

	@Test
	void bytesThatDoNotGoOnAsAJpegLeaveTheSizeUnknown() {
		byte[] jpeg = ImageFiles.jpegBehindMetadata(300, 200, 100_000);
		ImageInfo first = ImageSniffer.sniff(jpeg, SNIFF);
		long at = ImageSizes.readOnAt(first, jpeg, SNIFF);

		ImageSizes.Reading off = read(first, jpeg, at + 3, SNIFF);

		assertThat(off.image()).isEqualTo(new ImageInfo("jpeg", null, null));
		assertThat(off.readOnAt()).isEqualTo(-1);
	}

	@Test
	void aKnownSizeOrAFormatWhoseHeaderIsAtTheStartIsNeverReadOn() {
		byte[] png = dev.newsprobe.core.probe.fixture.Fixtures.png(10, 10);
		assertThat(ImageSizes.readOnAt(ImageSniffer.sniff(png, png.length), png, png.length)).isEqualTo(-1);
		byte[] svg = "<svg width=\"50%\"/>".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
		assertThat(ImageSizes.readOnAt(ImageSniffer.sniff(svg, svg.length), svg, svg.length)).isEqualTo(-1);
	}

	private static ImageSizes.Reading read(ImageInfo image, byte[] file, long at, int window) {
		byte[] bytes = Arrays.copyOfRange(file, (int) at, (int) Math.min(file.length, at + window));
		return ImageSizes.continueAt(image, bytes, bytes.length, at);
	}

}
