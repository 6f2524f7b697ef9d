package dev.newsprobe.jobs.writeback;

import java.util.List;
import java.util.Map;

/**
 * One article file to write back to: what the database says should change in it.
 *
 * @param articleId the article
 * @param path the file, as ingested
 * @param contentHash the hash of the content the database rows were read from; the file must still have it
 * @param flags images whose declared {@code isCached} disagrees with the verified state
 * @param moved moved URLs the file cites in its front matter, normalised URL to its new location
 * (empty unless moved URLs are written back)
 */
public record WriteBackItem(long articleId, String path, String contentHash, List<Flag> flags, Map<String, String> moved) {

	public WriteBackItem {
		flags = List.copyOf(flags);
		moved = Map.copyOf(moved);
	}

	/**
	 * An image whose {@code isCached} should change.
	 *
	 * @param position the image's {@code article_image.position}
	 * @param url its URL as stored (normalised when valid)
	 * @param declared what the file says now, {@code null} when absent
	 * @param cached what it should say
	 */
	public record Flag(int position, String url, Boolean declared, boolean cached) {
	}

}
