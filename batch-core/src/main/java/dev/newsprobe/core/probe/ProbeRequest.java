package dev.newsprobe.core.probe;

/**
 * One URL to check, with what is expected of it.
 *
 * @param url the normalised absolute http(s) URL
 * @param image whether an image is expected (checked with HEAD and a ranged GET) rather than a page
 * @param declaredWidth for images, the width an article declares, or {@code null}
 * @param declaredHeight for images, the height an article declares, or {@code null}
 * @param ampCanonical when the URL is an article's AMP page, the article's normalised web URL,
 * which the AMP page must name as its canonical; {@code null} otherwise
 * @param etag a validator from an earlier check, sent as {@code If-None-Match}, or {@code null}
 * @param lastModified a validator from an earlier check, sent as {@code If-Modified-Since}, or {@code null}
 */
public record ProbeRequest(String url, boolean image, Integer declaredWidth, Integer declaredHeight, String ampCanonical,
		String etag, String lastModified) {

	/** A page to check, with no expectations. */
	public static ProbeRequest page(String url) {
		return new ProbeRequest(url, false, null, null, null, null, null);
	}

	/** An image to check, with no declared size. */
	public static ProbeRequest image(String url) {
		return new ProbeRequest(url, true, null, null, null, null, null);
	}

}
