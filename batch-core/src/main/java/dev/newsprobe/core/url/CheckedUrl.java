package dev.newsprobe.core.url;

/**
 * The result of checking a URL offline: its normalised form, or why it cannot be probed.
 *
 * @param raw the text as written, credentials ({@code user:password@}) masked
 * @param normalized the normalised URL, {@code null} when invalid
 * @param problem why the URL is invalid, {@code null} when valid
 */
public record CheckedUrl(String raw, String normalized, String problem) {

	/** Whether the URL is a well-formed http(s) URL. */
	public boolean valid() {
		return this.normalized != null;
	}

}
