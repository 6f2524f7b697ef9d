package dev.newsprobe.core.article;

/**
 * A link found in an article's Markdown body: a Markdown link or image, or an inline HTML
 * {@code <a href>} or {@code <img src>}.
 *
 * @param url the target as written (possibly relative)
 * @param image whether it is an image rather than a page link
 * @param line the line of the file where it appears
 */
public record BodyLink(String url, boolean image, int line) {
}
