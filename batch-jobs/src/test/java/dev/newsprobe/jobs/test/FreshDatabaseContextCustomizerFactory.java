package dev.newsprobe.jobs.test;

import java.util.List;
import java.util.Map;

import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;

/**
 * Points every {@link JobFunctionalTest} class at a fresh database of its own. Registered in
 * {@code META-INF/spring.factories}; classes without the annotation are left alone.
 */
public final class FreshDatabaseContextCustomizerFactory implements ContextCustomizerFactory {

	@Override
	public ContextCustomizer createContextCustomizer(Class<?> testClass, List<ContextConfigurationAttributes> attributes) {
		if (!MergedAnnotations.from(testClass, MergedAnnotations.SearchStrategy.TYPE_HIERARCHY)
			.isPresent(JobFunctionalTest.class)) {
			return null;
		}
		return new FreshDatabase(testClass);
	}

	/** Adds the database properties; equal per test class, so each class gets its own context. */
	private record FreshDatabase(Class<?> testClass) implements ContextCustomizer {

		@Override
		public void customizeContext(org.springframework.context.ConfigurableApplicationContext context,
				org.springframework.test.context.MergedContextConfiguration configuration) {
			context.getEnvironment()
				.getPropertySources()
				.addFirst(new MapPropertySource("newsprobeTestDatabase",
						Map.of("spring.datasource.url", TestDatabases.freshDatabase(this.testClass),
								"spring.datasource.username", TestDatabases.user())));
		}

	}

}
