package dev.newsprobe.core.probe.internal;

import dev.newsprobe.core.image.ImageInfo;
import dev.newsprobe.core.probe.Verdict;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an image URL that answered 2xx is, from its HEAD or its first bytes. */
class ImageVerdictTests {

	@Test
	void aTrustedHeadAnswerIsOkOnItsType() {
		assertThat(ImageVerdict.of("HEAD", "image/webp", null, 0, null, null))
			.isEqualTo(new Judgement(Verdict.OK, "image/webp (HEAD)"));
	}

	@Test
	void bytesThatAreNoImageAreNotAnImageWhateverTheirType() {
		assertThat(ImageVerdict.of("GET", "image/jpeg", null, 1234, 640, 480)).isEqualTo(
				new Judgement(Verdict.NOT_AN_IMAGE, "the first 1234 bytes (Content-Type image/jpeg) are not an image"));
	}

	@Test
	void anImageOfTheDeclaredSizeIsOk() {
		assertThat(ImageVerdict.of("GET", "image/png", new ImageInfo("png", 640, 480), 5000, 640, 480))
			.isEqualTo(new Judgement(Verdict.OK, "a png of 640x480"));
	}

	@Test
	void eitherDeclaredSideThatDiffersIsASizeMismatchNamingBothSizes() {
		assertThat(ImageVerdict.of("GET", "image/png", new ImageInfo("png", 640, 480), 5000, 700, null))
			.isEqualTo(new Judgement(Verdict.SIZE_MISMATCH, "declared 700xnull, the png is 640x480"));
		assertThat(ImageVerdict.of("GET", "image/png", new ImageInfo("png", 640, 480), 5000, 640, 415))
			.isEqualTo(new Judgement(Verdict.SIZE_MISMATCH, "declared 640x415, the png is 640x480"));
	}

	@Test
	void anImageWhoseSizeWasNotReadHasItsDeclaredSizeUnverifiedNeverASilentOk() {
		// issue 13: before, "a avif" and OK, whatever the article declared
		assertThat(ImageVerdict.of("GET", "image/avif", new ImageInfo("avif", null, null), 5000, 640, 480))
			.isEqualTo(new Judgement(Verdict.OK,
					"a avif whose size could not be read from its first 5000 bytes: the declared 640x480 is unverified"));
	}

	@Test
	void anImageWhoseSizeWasNotReadWithoutADeclaredSizeIsOkOnItsFormat() {
		assertThat(ImageVerdict.of("GET", "image/svg+xml", new ImageInfo("svg", null, null), 300, null, null))
			.isEqualTo(new Judgement(Verdict.OK, "a svg"));
	}

}
