package dev.newsprobe.core.http;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How newsprobe's HTTP layer behaves, whoever calls it (probing, image downloads): how much at once, how
 * patiently, how politely, and where it may not go.
 *
 * @param concurrency requests in flight at once, across all hosts
 * @param perHostConcurrency requests in flight at once to one host (host and port)
 * @param perHostMinInterval the least time between two request starts to one host; zero for none
 * @param connectTimeout how long a connection may take to open
 * @param responseTimeout how long the server may stay silent during an exchange
 * @param totalTimeout the most one call may take, retries and redirects included
 * @param maxAttempts attempts per call when answers are retryable (connect errors, timeouts, 408,
 * 429, 502, 503, 504)
 * @param retryBackoff the first delay between attempts; it doubles each time, with jitter
 * @param retryAfterCap the longest {@code Retry-After} or rate-limit reset honoured; a longer one
 * ends the retries
 * @param maxRedirects redirects followed before giving up
 * @param userAgent the {@code User-Agent}; should name a contact URL
 * @param hostHeaders extra request headers per host (lower-case host name)
 * @param allowedNetworks networks exempt from the private-address block (tests, local fixture sites)
 */
public record HttpPolicy(int concurrency, int perHostConcurrency, Duration perHostMinInterval, Duration connectTimeout,
		Duration responseTimeout, Duration totalTimeout, int maxAttempts, Duration retryBackoff, Duration retryAfterCap,
		int maxRedirects, String userAgent, Map<String, Map<String, String>> hostHeaders,
		List<NetworkRange> allowedNetworks) {

	public HttpPolicy {
		if (concurrency < 1 || perHostConcurrency < 1 || maxAttempts < 1 || maxRedirects < 0) {
			throw new IllegalArgumentException("HTTP policy out of range: concurrency " + concurrency + ", per host "
					+ perHostConcurrency + ", attempts " + maxAttempts + ", redirects " + maxRedirects);
		}
		hostHeaders = Map.copyOf(hostHeaders);
		allowedNetworks = List.copyOf(allowedNetworks);
	}

}
