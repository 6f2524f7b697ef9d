package dev.newsprobe.core.article;

/**
 * The publisher an article or a related article names: {@code provider: {name, domain}}.
 *
 * @param name the display name, may be {@code null}
 * @param domain the publisher's domain as written, may be {@code null}
 */
public record Provider(String name, String domain) {
}
