package dev.newsprobe.core.probe.internal;

import dev.newsprobe.core.image.ImageInfo;
import dev.newsprobe.core.probe.Verdict;

/**
 * The verdict of an image URL that answered 2xx: trusted on its HEAD, or judged on its first bytes: not an
 * image, an image of another size than the article declares, or an image that works, saying so when its size
 * could not be read and a declared size is therefore unverified (the evidence's {@code size_known} is false).
 */
public final class ImageVerdict {

	private ImageVerdict() {
	}

	/**
	 * @param method the method that was answered ({@code HEAD} when its answer was trusted)
	 * @param contentType the answer's {@code Content-Type}
	 * @param image what the first bytes are, or {@code null} when they are no image
	 * @param bytesRead how many first bytes were read (reading on for the size included)
	 * @param declaredWidth the width the article declares, or {@code null}
	 * @param declaredHeight the height the article declares, or {@code null}
	 */
	public static Judgement of(String method, String contentType, ImageInfo image, long bytesRead, Integer declaredWidth,
			Integer declaredHeight) {
		if (method.equals("HEAD")) {
			return new Judgement(Verdict.OK, contentType + " (HEAD)");
		}
		if (image == null) {
			return new Judgement(Verdict.NOT_AN_IMAGE,
					"the first " + bytesRead + " bytes (Content-Type " + contentType + ") are not an image");
		}
		if (image.width() != null && image.height() != null
				&& ((declaredWidth != null && !declaredWidth.equals(image.width()))
						|| (declaredHeight != null && !declaredHeight.equals(image.height())))) {
			return new Judgement(Verdict.SIZE_MISMATCH, "declared " + declaredWidth + "x" + declaredHeight + ", the "
					+ image.format() + " is " + image.width() + "x" + image.height());
		}
		if ((image.width() == null || image.height() == null) && (declaredWidth != null || declaredHeight != null)) {
			// never a silent OK: the image is served, but what the article says of its size is not confirmed
			return new Judgement(Verdict.OK, "a " + image.format() + " whose size could not be read from its first "
					+ bytesRead + " bytes: the declared " + declaredWidth + "x" + declaredHeight + " is unverified");
		}
		return new Judgement(Verdict.OK,
				"a " + image.format() + ((image.width() != null) ? " of " + image.width() + "x" + image.height() : ""));
	}

}
