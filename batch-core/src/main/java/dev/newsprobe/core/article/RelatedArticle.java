package dev.newsprobe.core.article;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * An entry of an article's {@code related:} list; it carries its own URLs and images.
 *
 * @param title the related article's title
 * @param excerpt its excerpt
 * @param publishedAt when it was published, {@code null} when absent or unreadable
 * @param webUrl its web URL
 * @param ampWebUrl its AMP URL
 * @param cdnAmpWebUrl its AMP-cache URL
 * @param type its type, e.g. {@code article}
 * @param provider its publisher, {@code null} when absent
 * @param quality its quality score
 * @param images its images, never {@code null}
 * @param line the line of the file where the entry starts
 */
public record RelatedArticle(String title, String excerpt, OffsetDateTime publishedAt, String webUrl,
		String ampWebUrl, String cdnAmpWebUrl, String type, Provider provider, Integer quality,
		List<ArticleImage> images, int line) {

	public RelatedArticle {
		images = List.copyOf(images);
	}

}
