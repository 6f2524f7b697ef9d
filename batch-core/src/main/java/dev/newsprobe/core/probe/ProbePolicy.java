package dev.newsprobe.core.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.http.HttpPolicy;
import dev.newsprobe.core.http.NetworkRange;

/**
 * How the prober behaves: how much at once, how patiently, how politely, and where it may not go.
 *
 * @param concurrency requests in flight at once, across all hosts
 * @param perHostConcurrency requests in flight at once to one host (host and port)
 * @param perHostMinInterval the least time between two request starts to one host; zero for none
 * @param connectTimeout how long a connection may take to open
 * @param responseTimeout how long the server may stay silent during an exchange
 * @param totalTimeout the most one URL may take, retries and redirects included
 * @param maxAttempts attempts per URL when answers are retryable (connect errors, timeouts, 408,
 * 429, 502, 503, 504)
 * @param retryBackoff the first delay between attempts; it doubles each time, with jitter
 * @param retryAfterCap the longest {@code Retry-After} or rate-limit reset honoured; a longer one
 * ends the retries
 * @param maxRedirects redirects followed before giving up
 * @param pageBodyCap the most bytes of a page read
 * @param imageSniffBytes the bytes of an image asked for (ranged GET) to tell its format and size
 * @param userAgent the {@code User-Agent}; should name a contact URL
 * @param hostHeaders extra request headers per host (lower-case host name)
 * @param allowedNetworks networks exempt from the private-address block (tests, local fixture sites)
 * @param imageSizeMaxBytes how far into an image newsprobe reads, with further ranged GETs, to find a size
 * that is not in its first {@code imageSniffBytes} (JPEG frame headers behind large metadata, HEIF meta
 * boxes); at most this many bytes from the file's start, 0 to never read on
 */
public record ProbePolicy(int concurrency, int perHostConcurrency, Duration perHostMinInterval, Duration connectTimeout,
		Duration responseTimeout, Duration totalTimeout, int maxAttempts, Duration retryBackoff, Duration retryAfterCap,
		int maxRedirects, int pageBodyCap, int imageSniffBytes, String userAgent,
		Map<String, Map<String, String>> hostHeaders, List<NetworkRange> allowedNetworks, int imageSizeMaxBytes) {

	/** How far into an image its size is looked for by default: 1 MiB (four more requests at most). */
	public static final int DEFAULT_IMAGE_SIZE_MAX_BYTES = 1024 * 1024;

	/** The default User-Agent; operators should set their own with a contact URL. */
	public static final String DEFAULT_USER_AGENT = "newsprobe/0.1 (archive link checker)";

	/** Defaults suitable for a nightly audit of the open web. */
	public static final ProbePolicy DEFAULTS = new ProbePolicy(64, 4, Duration.ZERO, Duration.ofSeconds(10),
			Duration.ofSeconds(15), Duration.ofSeconds(60), 3, Duration.ofMillis(500), Duration.ofSeconds(30), 10,
			256 * 1024, 64 * 1024, DEFAULT_USER_AGENT, Map.of(), List.of(), DEFAULT_IMAGE_SIZE_MAX_BYTES);

	public ProbePolicy {
		if (concurrency < 1 || perHostConcurrency < 1 || maxAttempts < 1 || maxRedirects < 0 || pageBodyCap < 1024
				|| imageSniffBytes < 64 || imageSizeMaxBytes < 0) {
			throw new IllegalArgumentException("probe policy out of range: concurrency " + concurrency + ", per host "
					+ perHostConcurrency + ", attempts " + maxAttempts + ", redirects " + maxRedirects);
		}
		hostHeaders = Map.copyOf(hostHeaders);
		allowedNetworks = List.copyOf(allowedNetworks);
	}

	/** A policy that looks for image sizes up to {@link #DEFAULT_IMAGE_SIZE_MAX_BYTES} into a file. */
	public ProbePolicy(int concurrency, int perHostConcurrency, Duration perHostMinInterval, Duration connectTimeout,
			Duration responseTimeout, Duration totalTimeout, int maxAttempts, Duration retryBackoff,
			Duration retryAfterCap, int maxRedirects, int pageBodyCap, int imageSniffBytes, String userAgent,
			Map<String, Map<String, String>> hostHeaders, List<NetworkRange> allowedNetworks) {
		this(concurrency, perHostConcurrency, perHostMinInterval, connectTimeout, responseTimeout, totalTimeout,
				maxAttempts, retryBackoff, retryAfterCap, maxRedirects, pageBodyCap, imageSniffBytes, userAgent, hostHeaders,
				allowedNetworks, DEFAULT_IMAGE_SIZE_MAX_BYTES);
	}

	/** What of this policy the HTTP layer follows (all but the body caps). */
	public HttpPolicy http() {
		return new HttpPolicy(this.concurrency, this.perHostConcurrency, this.perHostMinInterval, this.connectTimeout,
				this.responseTimeout, this.totalTimeout, this.maxAttempts, this.retryBackoff, this.retryAfterCap,
				this.maxRedirects, this.userAgent, this.hostHeaders, this.allowedNetworks);
	}

	/** This policy with other networks exempt from the private-address block. */
	public ProbePolicy withAllowedNetworks(List<NetworkRange> networks) {
		return new ProbePolicy(this.concurrency, this.perHostConcurrency, this.perHostMinInterval, this.connectTimeout,
				this.responseTimeout, this.totalTimeout, this.maxAttempts, this.retryBackoff, this.retryAfterCap,
				this.maxRedirects, this.pageBodyCap, this.imageSniffBytes, this.userAgent, this.hostHeaders, networks,
				this.imageSizeMaxBytes);
	}

	/** This policy with another global concurrency (e.g. one machine's share for one of several partitions). */
	public ProbePolicy withConcurrency(int requests) {
		return new ProbePolicy(requests, this.perHostConcurrency, this.perHostMinInterval, this.connectTimeout,
				this.responseTimeout, this.totalTimeout, this.maxAttempts, this.retryBackoff, this.retryAfterCap,
				this.maxRedirects, this.pageBodyCap, this.imageSniffBytes, this.userAgent, this.hostHeaders,
				this.allowedNetworks, this.imageSizeMaxBytes);
	}

}
