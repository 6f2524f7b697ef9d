package dev.newsprobe.core.http;

/**
 * One request of a probe's redirect chain.
 *
 * @param url the URL requested
 * @param method the HTTP method used
 * @param statusCode the status answered, or 0 when there was no answer
 * @param location the {@code Location} it redirected to, or {@code null}
 * @param address the IP address connected to, or {@code null}
 */
public record Hop(String url, String method, int statusCode, String location, String address) {
}
