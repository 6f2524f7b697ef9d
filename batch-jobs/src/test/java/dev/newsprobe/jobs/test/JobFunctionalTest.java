package dev.newsprobe.jobs.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * A functional test of newsprobe's jobs: the jobs as the application wires them, on a database of
 * the test class's own, created fresh on the test PostgreSQL (see {@link TestDatabases} and
 * {@link FreshDatabaseContextCustomizerFactory}).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(classes = JobsTestApplication.class)
public @interface JobFunctionalTest {

	/** Extra properties, {@code name=value}. */
	@AliasFor(annotation = SpringBootTest.class, attribute = "properties")
	String[] properties() default {};

}
