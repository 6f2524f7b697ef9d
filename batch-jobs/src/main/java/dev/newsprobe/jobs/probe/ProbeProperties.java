package dev.newsprobe.jobs.probe;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.http.NetworkRange;
import dev.newsprobe.core.probe.ProbePolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the probe step checks URLs.
 *
 * @param concurrency requests in flight at once, across all hosts
 * @param perHostConcurrency requests in flight at once to one host (host and port)
 * @param perHostMinInterval the least time between two request starts to one host (0 for none)
 * @param connectTimeout how long opening a connection may take
 * @param responseTimeout how long a server may stay silent during an exchange
 * @param totalTimeout the most one URL may take, retries and redirects included
 * @param maxAttempts attempts per URL on connect errors, timeouts, 408, 429, 502, 503, 504
 * @param retryBackoff the first delay between attempts; it doubles each time, with jitter
 * @param retryAfterCap the longest Retry-After (or rate-limit reset) honoured; longer ends the retries
 * @param maxRedirects redirects followed before a URL is BROKEN
 * @param pageBodyCap the most bytes of a page read
 * @param imageSniffBytes the bytes of an image asked for to tell its format and real size
 * @param imageSizeMaxBytes how far into an image its size is looked for when its first bytes do not hold it
 * (JPEG frames behind large metadata, HEIF meta boxes), with up to four more ranged GETs; 0 never reads on
 * @param userAgent the User-Agent sent; give it a contact URL
 * @param hostHeaders extra request headers, {@code HOST.NAME=value} (split at the last dot), sent on every request to
 * that host, e.g. {@code newsprobe.probe.host-headers.example.com.Cookie=consent=1}; a malformed entry is refused at start
 * @param allowedNetworks networks exempt from the private-address block, e.g. {@code 127.0.0.1/32}; empty by default
 * @param chunkSize URLs written per transaction; as many more are probed ahead of the chunk being written
 */
@ConfigurationProperties("newsprobe.probe")
public record ProbeProperties(@DefaultValue("64") int concurrency, @DefaultValue("4") int perHostConcurrency,
		@DefaultValue("0s") Duration perHostMinInterval, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("15s") Duration responseTimeout, @DefaultValue("60s") Duration totalTimeout,
		@DefaultValue("3") int maxAttempts, @DefaultValue("500ms") Duration retryBackoff,
		@DefaultValue("30s") Duration retryAfterCap, @DefaultValue("10") int maxRedirects,
		@DefaultValue("256KB") DataSize pageBodyCap, @DefaultValue("64KB") DataSize imageSniffBytes,
		@DefaultValue("1MB") DataSize imageSizeMaxBytes,
		@DefaultValue(ProbePolicy.DEFAULT_USER_AGENT) String userAgent, Map<String, String> hostHeaders,
		List<String> allowedNetworks, @DefaultValue("500") int chunkSize) {

	public ProbeProperties {
		hostHeaders = (hostHeaders != null) ? hostHeaders : Map.of();
		allowedNetworks = (allowedNetworks != null) ? allowedNetworks : List.of();
		HostHeaders.byHost(hostHeaders);
	}

	/** The prober's policy these properties describe. */
	public ProbePolicy policy() {
		return new ProbePolicy(this.concurrency, this.perHostConcurrency, this.perHostMinInterval, this.connectTimeout,
				this.responseTimeout, this.totalTimeout, this.maxAttempts, this.retryBackoff, this.retryAfterCap,
				this.maxRedirects, (int) this.pageBodyCap.toBytes(), (int) this.imageSniffBytes.toBytes(), this.userAgent,
				HostHeaders.byHost(this.hostHeaders), this.allowedNetworks.stream().map(NetworkRange::parse).toList(),
				(int) Math.min(Integer.MAX_VALUE, this.imageSizeMaxBytes.toBytes()));
	}

}
