package dev.newsprobe.jobs.definition;

import java.util.List;
import java.util.Map;

import dev.newsprobe.jobs.definition.RunSettings.Difference;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The settings a run records, from every kind of source, and how a restart's differ from them. */
class RunSettingsTests {

	@Test
	void theResultChangingSettingsOfEverySourceAreRecordedAndTheOthersAreNot() {
		StandardEnvironment environment = environment(
				new SimpleCommandLinePropertySource("--newsprobe.probe.allowed-networks=127.0.0.1/32",
						"--newsprobe.partition.count=2", "--newsprobe.operations.heartbeat-interval=1s",
						"--spring.datasource.url=jdbc:postgresql://db/x", "--newsprobe.home=/srv/np"),
				Map.of("NEWSPROBE_FRESHNESS_MAXTTL", "3d", "NEWSPROBE_DB_PASSWORD", "hunter2", "NEWSPROBE_HOME", "/srv"),
				Map.of("newsprobe.store.enabled", "true", "newsprobe.schedule.audit.cron", "0 0 3 * * *"));

		RunSettings settings = RunSettings.of(environment);

		assertThat(settings.values()).containsOnly(Map.entry("newsprobe.probe.allowed-networks", "127.0.0.1/32"),
				Map.entry("newsprobe.partition.count", "2"), Map.entry("newsprobe.freshness.maxttl", "3d"),
				Map.entry("newsprobe.store.enabled", "true"));
		assertThat(settings.secrets()).isEmpty();
		assertThat(settings.describe()).contains("newsprobe.probe.allowed-networks=127.0.0.1/32");
	}

	@Test
	void theCommandLineWinsOverTheEnvironmentAndTheEnvironmentOverConfigurationFiles() {
		StandardEnvironment environment = environment(
				new SimpleCommandLinePropertySource("--newsprobe.probe.max-attempts=5"),
				Map.of("NEWSPROBE_PROBE_MAXATTEMPTS", "4", "NEWSPROBE_PROBE_CONCURRENCY", "8"),
				Map.of("newsprobe.probe.max-attempts", "3", "newsprobe.probe.concurrency", "16"));

		RunSettings settings = RunSettings.of(environment);

		assertThat(settings.values()).containsOnly(Map.entry("newsprobe.probe.max-attempts", "5"),
				Map.entry("newsprobe.probe.concurrency", "8"));
	}

	@Test
	void aSecretIsKeptAsAFingerprintOnly() {
		StandardEnvironment environment = environment(new SimpleCommandLinePropertySource(
				"--newsprobe.probe.host-headers.paywall.example.Cookie=session=abc123"), Map.of(), Map.of());

		RunSettings settings = RunSettings.of(environment);

		String name = "newsprobe.probe.host-headers.paywall.example.Cookie";
		assertThat(settings.secrets()).containsExactly(name);
		assertThat(settings.values().get(name)).startsWith("sha256:").doesNotContain("abc123");
		assertThat(settings.describe()).contains(name + "=(secret)").doesNotContain("sha256");
		assertThat(settings.plain()).isEmpty();
	}

	@Test
	void differencesNameEachSettingWithBothValuesAndIgnoreSpelling() {
		RunSettings recorded = new RunSettings(Map.of("newsprobe.probe.allowed-networks", "127.0.0.1/32",
				"newsprobe.probe.max-attempts", "3"), java.util.Set.of());
		RunSettings restarting = new RunSettings(Map.of("newsprobe.probe.allowednetworks", "127.0.0.1/32",
				"newsprobe.probe.max-attempts", "1", "newsprobe.store.enabled", "true"), java.util.Set.of());

		List<Difference> differences = restarting.differencesFrom(recorded);

		assertThat(differences).containsExactly(new Difference("newsprobe.probe.max-attempts", "3", "1", false),
				new Difference("newsprobe.store.enabled", null, "true", false));
		assertThat(differences.get(1).describe("this command"))
			.isEqualTo("newsprobe.store.enabled: the run has the default, this command 'true'");
		assertThat(recorded.differencesFrom(recorded)).isEmpty();
	}

	@Test
	void anApplicationResumingARunTakesTheRunsSettingsFromItsCommandLineAlone() {
		StandardEnvironment environment = environment(
				new SimpleCommandLinePropertySource("--newsprobe.probe.allowed-networks=127.0.0.1/32"),
				Map.of("NEWSPROBE_PROBE_MAXATTEMPTS", "4", "NEWSPROBE_DB_URL", "jdbc:postgresql://db/x",
						"NEWSPROBE_PROBE_HOSTHEADERS_A_B_COOKIE", "c=1"),
				Map.of("newsprobe.store.enabled", "true", "newsprobe.home", "/srv/np"));

		RunSettings.keepOnlyFromCommandLine(environment);

		assertThat(RunSettings.of(environment).plain())
			.containsOnly(Map.entry("newsprobe.probe.allowed-networks", "127.0.0.1/32"));
		assertThat(environment.getProperty("NEWSPROBE_DB_URL")).isEqualTo("jdbc:postgresql://db/x");
		assertThat(environment.getProperty("newsprobe.home")).isEqualTo("/srv/np");
		assertThat(RunSettings.of(environment).secrets()).as("secrets come from the process as usual").hasSize(1);
	}

	@Test
	void whatIsRecordedAndWhatIsSecretIsDecidedByNameInAnySpelling() {
		assertThat(RunSettings.isRecorded("newsprobe.probe.allowed-networks")).isTrue();
		assertThat(RunSettings.isRecorded("NEWSPROBE.PROBE.ALLOWEDNETWORKS")).isTrue();
		assertThat(RunSettings.isRecorded("newsprobe.partition.count")).isTrue();
		assertThat(RunSettings.isRecorded("newsprobe.partition.queue")).isFalse();
		assertThat(RunSettings.isRecorded("newsprobe.partition.countdown")).isFalse();
		assertThat(RunSettings.isRecorded("newsprobe.operations.stop-timeout")).isFalse();
		assertThat(RunSettings.isRecorded("newsprobe.internal.create-database")).isFalse();
		assertThat(RunSettings.isSecret("newsprobe.store.s3-secret-key")).isTrue();
		assertThat(RunSettings.isSecret("newsprobe.probe.host-headers.a.example.Authorization")).isTrue();
		assertThat(RunSettings.isSecret("newsprobe.probe.user-agent")).isFalse();
	}

	private static StandardEnvironment environment(SimpleCommandLinePropertySource commandLine, Map<String, String> env,
			Map<String, String> file) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addFirst(commandLine);
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					new java.util.HashMap<>(env)));
		environment.getPropertySources().addLast(new MapPropertySource("application.yml", new java.util.HashMap<>(file)));
		return environment;
	}

}
