package dev.newsprobe.core.article;

/**
 * An image an article declares in its front matter, with the size and cache flag it claims.
 *
 * @param url the image URL as written
 * @param declaredWidth the width the file claims, {@code null} when absent or unreadable
 * @param declaredHeight the height the file claims, {@code null} when absent or unreadable
 * @param declaredIsCached the {@code isCached} flag the file claims, {@code null} when absent
 * @param title the image title, may be {@code null}
 * @param line the line of the file where the image entry starts
 * @param checkedUrl the offline check of {@code url}, {@code null} when the entry has no url
 */
public record ArticleImage(String url, Integer declaredWidth, Integer declaredHeight, Boolean declaredIsCached,
		String title, int line, dev.newsprobe.core.url.CheckedUrl checkedUrl) {
}
