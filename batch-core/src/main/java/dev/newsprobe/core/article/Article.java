package dev.newsprobe.core.article;

import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One article file, read: every front-matter field newsprobe knows, the links of its body,
 * the keys it does not know (kept as they were), and what was noticed while reading it.
 *
 * @param path the file the article was read from, as given to the parser
 * @param contentHash hex SHA-256 of the file's bytes
 * @param title the title
 * @param excerpt the excerpt
 * @param publishedAt when it was published, {@code null} when absent or unreadable
 * @param type the type, e.g. {@code article}
 * @param quality the quality score
 * @param heat the heat score (may be -1)
 * @param published whether it is published
 * @param category the category
 * @param webUrl the canonical web URL
 * @param ampWebUrl the AMP URL
 * @param cdnAmpWebUrl the AMP-cache URL
 * @param provider the publisher, {@code null} when absent
 * @param topics the topics, never {@code null}
 * @param images the images, never {@code null}
 * @param related the related articles, never {@code null}
 * @param bodyLinks the links of the Markdown body, never {@code null}
 * @param securedSha256 hex SHA-256 of the opaque {@code secured} value; the value itself is never kept
 * @param extra the keys newsprobe does not know, with plain Java values (String, Long, Double,
 * Boolean, List, Map, or {@code null}), in file order
 * @param links every URL the article cites (front matter, related articles, body), checked offline
 * @param findings what was noticed while reading (lenient values, invalid URLs, ...); never rejecting
 */
public record Article(String path, String contentHash, String title, String excerpt, OffsetDateTime publishedAt,
		String type, Integer quality, Integer heat, Boolean published, String category, String webUrl,
		String ampWebUrl, String cdnAmpWebUrl, Provider provider, List<String> topics, List<ArticleImage> images,
		List<RelatedArticle> related, List<BodyLink> bodyLinks, String securedSha256, Map<String, Object> extra,
		List<ArticleLink> links, List<Finding> findings) {

	public Article {
		topics = List.copyOf(topics);
		images = List.copyOf(images);
		related = List.copyOf(related);
		bodyLinks = List.copyOf(bodyLinks);
		extra = Collections.unmodifiableMap(new LinkedHashMap<>(extra));
		links = List.copyOf(links);
		findings = List.copyOf(findings);
	}

}
