package dev.newsprobe.core.probe;

/**
 * What newsprobe reads from the head of an HTML page.
 *
 * @param title the {@code <title>}, or {@code null}
 * @param canonical the {@code <link rel=canonical>} href, absolute, or {@code null}
 * @param ampHtml the {@code <link rel=amphtml>} href, absolute, or {@code null}
 * @param ogImage the {@code <meta property=og:image>} content, absolute, or {@code null}
 * @param amp whether the document is an AMP document ({@code <html amp>} or {@code <html ⚡>})
 * @param soft404 why the page looks like a "not found" page although it answered 200, or {@code null}
 */
public record PageInfo(String title, String canonical, String ampHtml, String ogImage, boolean amp, String soft404) {
}
