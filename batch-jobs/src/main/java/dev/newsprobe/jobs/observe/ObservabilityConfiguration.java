package dev.newsprobe.jobs.observe;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Progress, logging context and metrics of newsprobe's jobs. Metrics go to the application's
 * {@link MeterRegistry} (the executable exposes it to Prometheus); without one they are kept in a
 * private registry and simply not exposed. The {@link ObservationRegistry} switches on Spring
 * Batch's own job, step and chunk-write timers ({@code spring.batch.*}; its per-item timers only
 * when {@code newsprobe.metrics.item-timers} is set).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ ProgressProperties.class, MetricsProperties.class })
public class ObservabilityConfiguration {

	/** Name of the {@link PrintWriter} bean progress is written to (standard error when there is none). */
	public static final String CONSOLE = "newsprobeConsole";

	/** The prefix of Spring Batch's per-item observations. */
	private static final String ITEM_OBSERVATIONS = "spring.batch.item.";

	@Bean
	NewsprobeMeters newsprobeMeters(ObjectProvider<MeterRegistry> registry) {
		return new NewsprobeMeters(registry.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	ObservationRegistry observationRegistry(NewsprobeMeters meters, MetricsProperties properties) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters.registry()));
		if (!properties.itemTimers()) {
			registry.observationConfig().observationPredicate((name, context) -> !name.startsWith(ITEM_OBSERVATIONS));
		}
		return registry;
	}

	@Bean
	ProbeMetrics probeMetrics(NewsprobeMeters meters, MetricsProperties properties) {
		return new ProbeMetrics(meters.registry(), properties.maxHostTags());
	}

	@Bean
	LogContext logContext() {
		return new LogContext();
	}

	@Bean
	ProgressReporters progressReporters(@Qualifier(CONSOLE) ObjectProvider<PrintWriter> console,
			ProgressProperties properties) {
		return new ProgressReporters(
				console.getIfAvailable(() -> new PrintWriter(System.err, true, StandardCharsets.UTF_8)), properties);
	}

	/** The registry newsprobe's meters are kept in. */
	public record NewsprobeMeters(MeterRegistry registry) {
	}

}
