package dev.newsprobe.jobs.auditlog;

/**
 * One change newsprobe made, for the audit log.
 *
 * @param entity what kind of thing changed, e.g. {@code article} or {@code url}
 * @param key which one (an article's path, a URL)
 * @param field what changed, e.g. {@code content_hash}, {@code verdict}
 * @param oldValue the value before, {@code null} when there was none
 * @param newValue the value after, {@code null} when there is none
 */
public record Change(String entity, String key, String field, String oldValue, String newValue) {
}
