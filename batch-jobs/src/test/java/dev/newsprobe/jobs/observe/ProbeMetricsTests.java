package dev.newsprobe.jobs.observe;

import java.time.Duration;

import dev.newsprobe.core.probe.ProbeRequest;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeMetricsTests {

	@Test
	void hostsPastTheLimitCountAsOtherSoTheMetricsStayBounded() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ProbeMetrics metrics = new ProbeMetrics(registry, 2);

		for (int i = 0; i < 50; i++) {
			metrics.requestCompleted("host" + i + ".example:443", "GET", 200, Duration.ofMillis(10));
		}
		metrics.requestCompleted("host0.example:443", "GET", 404, Duration.ofMillis(10));

		assertThat(registry.find(ProbeMetrics.LATENCY).timers()).hasSize(3);
		assertThat(registry.get(ProbeMetrics.LATENCY).tag("host", ProbeMetrics.OTHER_HOSTS).timer().count()).isEqualTo(48);
		assertThat(registry.get(ProbeMetrics.REQUESTS).tag("host", "host0.example:443").tag("status", "4xx").counter().count())
			.isEqualTo(1);
	}

	@Test
	void inFlightCountsUrlsStartedAndNotFinished() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ProbeMetrics metrics = new ProbeMetrics(registry, 10);

		metrics.probeStarted(ProbeRequest.page("https://a.example/"));
		metrics.probeStarted(ProbeRequest.page("https://b.example/"));

		assertThat(registry.get(ProbeMetrics.IN_FLIGHT).gauge().value()).isEqualTo(2);
	}

	@Test
	void aHostsLimitIsAGaugeAndEveryCutIsCounted() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		ProbeMetrics metrics = new ProbeMetrics(registry, 10);

		metrics.hostLimitChanged("busy.example:443", 4, 8);
		metrics.hostLimitChanged("busy.example:443", 2, 8);
		metrics.hostLimitChanged("busy.example:443", 3, 8);

		assertThat(registry.get(ProbeMetrics.HOST_LIMIT).tag("host", "busy.example:443").gauge().value()).isEqualTo(3);
		assertThat(registry.get(ProbeMetrics.HOST_SLOWDOWNS).tag("host", "busy.example:443").counter().count())
			.isEqualTo(2);
	}

}
