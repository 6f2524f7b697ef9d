package dev.newsprobe.core.http;

/**
 * How newsprobe slowed down for one host that asked it to (429, 503) or stopped answering in time: the
 * evidence of its adaptive politeness, for metrics and the run's report.
 *
 * @param host the host and port ({@code news.example:443})
 * @param configuredLimit the requests in flight allowed to one host ({@code per-host-concurrency})
 * @param limit the host's limit now
 * @param lowestLimit the lowest its limit was cut to
 * @param slowdowns how many times its limit was cut
 */
public record HostPoliteness(String host, int configuredLimit, int limit, int lowestLimit, int slowdowns) {
}
