package dev.newsprobe.app.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The application's meter registry: Prometheus's, so that the metrics of the jobs and the prober
 * can be scraped during {@code schedule} ({@link MetricsEndpoint}) or written to a textfile at the
 * end of an {@code audit} ({@link MetricsFile}).
 */
@Configuration(proxyBeanMethods = false)
public class MetricsConfiguration {

	@Bean(destroyMethod = "close")
	PrometheusMeterRegistry prometheusMeterRegistry() {
		return new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
	}

}
