package dev.newsprobe.app;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layering newsprobe's code keeps: batch-core is plain Java, dependencies point
 * app → jobs → core, nothing reaches into another feature's {@code internal} package, and
 * features have no cycles.
 */
class ArchitectureTests {

	static JavaClasses newsprobe;

	@BeforeAll
	static void importClasses() {
		newsprobe = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
			.withImportOption(location -> !location.contains("-tests.jar"))
			.importPackages("dev.newsprobe");
	}

	@Test
	void batchCoreKnowsNothingOfSpringNorOfTheModulesAboveIt() {
		noClasses().that().resideInAPackage("dev.newsprobe.core..")
			.should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "dev.newsprobe.jobs..", "dev.newsprobe.app..")
			.check(newsprobe);
	}

	@Test
	void batchJobsDoesNotDependOnTheApplication() {
		noClasses().that().resideInAPackage("dev.newsprobe.jobs..")
			.should().dependOnClassesThat().resideInAPackage("dev.newsprobe.app..")
			.check(newsprobe);
	}

	@Test
	void onlyAFeatureItselfReachesIntoItsInternalPackage() {
		classes().should(new ArchCondition<JavaClass>("reach into an internal package only of their own feature") {

			@Override
			public void check(JavaClass origin, ConditionEvents events) {
				for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
					String target = dependency.getTargetClass().getPackageName();
					int internal = target.indexOf(".internal");
					if (!target.startsWith("dev.newsprobe.") || internal < 0) {
						continue;
					}
					String feature = target.substring(0, internal);
					if (!origin.getPackageName().equals(feature) && !origin.getPackageName().startsWith(feature + ".")) {
						events.add(SimpleConditionEvent.violated(origin, dependency.getDescription()));
					}
				}
			}

		}).check(newsprobe);
	}

	@Test
	void onlyTheHttpLayerTouchesTheHttpClient() {
		// one place knows Apache HttpClient: the transport, its readers and the attempt/redirect/retry machine;
		// probing, the image store and the jobs speak in newsprobe's own terms (Answer, CallOutcome, Hop)
		noClasses().that().resideInAPackage("dev.newsprobe..")
			.and().resideOutsideOfPackage("dev.newsprobe.core.http..")
			.should().dependOnClassesThat().resideInAPackage("org.apache.hc..")
			.check(newsprobe);
	}

	@Test
	void featuresAreFreeOfCycles() {
		slices().matching("dev.newsprobe.(*).(*)..").should().beFreeOfCycles().check(newsprobe);
	}

	@Test
	void commandsCallDownwardsIntoTheirHelpersNeverIntoOneAnother() {
		classes().that().resideInAPackage("dev.newsprobe.app.cli").and().haveSimpleNameEndingWith("Command")
			.should(new ArchCondition<JavaClass>("use no other command (only newsprobe's own command lists them)") {

				@Override
				public void check(JavaClass origin, ConditionEvents events) {
					if (origin.getSimpleName().equals("NewsprobeCommand")) {
						return;
					}
					for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
						JavaClass target = dependency.getTargetClass();
						String top = target.getName().contains("$") ? target.getName().substring(0, target.getName().indexOf('$'))
								: target.getName();
						if (target.getPackageName().equals("dev.newsprobe.app.cli") && top.endsWith("Command")
								&& !top.equals(origin.getName())) {
							events.add(SimpleConditionEvent.violated(origin, dependency.getDescription()));
						}
					}
				}

			})
			.check(newsprobe);
	}

	@Test
	void newsprobeLogsThroughSlf4jOnly() {
		noClasses().that().resideInAPackage("dev.newsprobe..")
			.should().dependOnClassesThat().resideInAnyPackage("org.apache.commons.logging..", "java.util.logging..",
					"org.apache.logging.log4j..")
			.orShould().callMethod(System.class, "getLogger", String.class)
			.check(newsprobe);
	}

}
