package dev.newsprobe.core.probe;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.http.NetworkRange;

/**
 * A {@link ProbePolicy} for tests against local fixture servers: short timeouts and backoffs so that
 * hostile servers cost seconds, not minutes, and loopback allowed unless a test says otherwise.
 * Mutable while being set up; {@link #build()} makes the immutable policy.
 */
final class TestPolicy {

	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(2);

	static final Duration TOTAL_TIMEOUT = Duration.ofSeconds(5);

	static final Duration RETRY_BACKOFF = Duration.ofMillis(50);

	static final Duration RETRY_AFTER_CAP = Duration.ofSeconds(3);

	static final int MAX_ATTEMPTS = 3;

	static final int MAX_REDIRECTS = 10;

	static final int PAGE_BODY_CAP = 256 * 1024;

	static final int IMAGE_SNIFF_BYTES = 64 * 1024;

	/**
	 * The most a probe of a hostile server may take: the total timeout and a generous margin for a slow
	 * build machine. Exceeding it means a timeout is not enforced, not that the machine is slow.
	 */
	static final Duration BOUNDED_COST = TOTAL_TIMEOUT.plusSeconds(3);

	private int concurrency = 64;

	private int perHostConcurrency = 4;

	private Duration perHostMinInterval = Duration.ZERO;

	private int maxAttempts = MAX_ATTEMPTS;

	private List<NetworkRange> allowedNetworks;

	private TestPolicy(List<NetworkRange> allowedNetworks) {
		this.allowedNetworks = allowedNetworks;
	}

	/** Loopback ({@code 127.0.0.1/32} and {@code ::1/128}) exempt from the private-address block. */
	static TestPolicy loopback() {
		return new TestPolicy(List.of(NetworkRange.parse("127.0.0.1/32"), NetworkRange.parse("::1/128")));
	}

	/** No network exempt, as in production: loopback is forbidden. */
	static TestPolicy noAllowedNetworks() {
		return new TestPolicy(List.of());
	}

	TestPolicy concurrency(int concurrency) {
		this.concurrency = concurrency;
		return this;
	}

	TestPolicy perHostConcurrency(int perHostConcurrency) {
		this.perHostConcurrency = perHostConcurrency;
		return this;
	}

	TestPolicy perHostMinInterval(Duration perHostMinInterval) {
		this.perHostMinInterval = perHostMinInterval;
		return this;
	}

	TestPolicy maxAttempts(int maxAttempts) {
		this.maxAttempts = maxAttempts;
		return this;
	}

	TestPolicy allowedNetworks(String... cidrs) {
		this.allowedNetworks = Arrays.stream(cidrs).map(NetworkRange::parse).toList();
		return this;
	}

	ProbePolicy build() {
		return new ProbePolicy(this.concurrency, this.perHostConcurrency, this.perHostMinInterval, CONNECT_TIMEOUT,
				RESPONSE_TIMEOUT, TOTAL_TIMEOUT, this.maxAttempts, RETRY_BACKOFF, RETRY_AFTER_CAP, MAX_REDIRECTS,
				PAGE_BODY_CAP, IMAGE_SNIFF_BYTES, "newsprobe-tests/0.1 (+https://newsprobe.dev/tests)", Map.of(),
				this.allowedNetworks);
	}

	/** A prober with this policy. */
	HttpProber prober() {
		return new HttpProber(build());
	}

}
