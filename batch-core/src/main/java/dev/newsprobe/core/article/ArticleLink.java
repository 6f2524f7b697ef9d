package dev.newsprobe.core.article;

/**
 * One URL an article cites, wherever it appears (front matter, related articles, body).
 *
 * @param role where it appears
 * @param url the normalised URL when valid (the key probing and {@code url_state} use), otherwise
 * the text as written
 * @param valid whether the URL is a well-formed http(s) URL that can be probed
 * @param line the line of the file where it appears
 * @param relatedPosition for related roles, the index of the related article; otherwise {@code null}
 */
public record ArticleLink(LinkRole role, String url, boolean valid, int line, Integer relatedPosition) {
}
