package dev.newsprobe.jobs.definition;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * The settings of a run that change what it finds: every {@code newsprobe.*} property under
 * {@link #RECORDED} that a process was given, from any source (command line, environment,
 * {@code application.yml}), by name. A job execution records the settings it runs with, so that
 * a restart of its instance runs with the same ones, whatever the restarting process was given.
 * <p>
 * Settings that change how a run goes but not what it finds are not part of it: where the data
 * lives ({@code newsprobe.home}, the database), how the process reports and is operated
 * (heartbeats, stop timeout, progress, metrics), the schedule, and the worker side of remote
 * partitioning. A secret (a password, a token, a per-host request header, which may carry a
 * cookie) is kept as a fingerprint only: a restart must be given it again, and is refused if the
 * value differs.
 *
 * @param values setting name to value (a secret's value is its fingerprint), sorted by name
 * @param secrets the names whose value is a fingerprint
 */
public record RunSettings(Map<String, String> values, Set<String> secrets) {

	/** Property prefixes (or whole names) whose settings change what a run finds, so travel with it. */
	public static final List<String> RECORDED = List.of("newsprobe.probe.", "newsprobe.freshness.", "newsprobe.store.",
			"newsprobe.write-back.", "newsprobe.ingest.", "newsprobe.reconcile.", "newsprobe.report.",
			"newsprobe.partition.count", "newsprobe.partition.remote");

	/**
	 * Set (to {@code true}) on the command line of an application started to resume a run with the
	 * run's settings: then recorded settings come from the command line only (the run's, put there),
	 * never from the environment or configuration files.
	 */
	public static final String ONLY_FROM_COMMAND_LINE = "newsprobe.internal.run-settings-from-command-line";

	private static final String COMMAND_LINE_SOURCE = "commandLineArgs";

	private static final List<String> SECRET_WORDS = List.of("password", "secret", "token", "credential", "apikey",
			"privatekey");

	private static final String SECRET_PREFIX = uniform("newsprobe.probe.host-headers.");

	public RunSettings {
		values = Collections.unmodifiableMap(new TreeMap<>(values));
		secrets = Collections.unmodifiableSet(new TreeSet<>(secrets));
	}

	/** No settings: every one at its default. */
	public static final RunSettings DEFAULTS = new RunSettings(Map.of(), Set.of());

	/**
	 * The settings an application's environment gives, highest-priority source first.
	 * @param environment the environment
	 * @return the recorded kind of settings it holds
	 */
	public static RunSettings of(ConfigurableEnvironment environment) {
		Map<String, String> byUniform = new LinkedHashMap<>();
		Map<String, String> names = new LinkedHashMap<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable) || source.getName().equals("configurationProperties")) {
				continue;
			}
			boolean env = source instanceof SystemEnvironmentPropertySource;
			for (String name : enumerable.getPropertyNames()) {
				String key = env ? uniformFromEnvironment(name) : uniform(name);
				if (!isRecorded(key) || byUniform.containsKey(key)) {
					prefer(names, key, name, env);
					continue;
				}
				Object value = enumerable.getProperty(name);
				byUniform.put(key, (value != null) ? value.toString() : "");
				names.put(key, env ? key : name);
			}
		}
		Map<String, String> values = new TreeMap<>();
		Set<String> secrets = new TreeSet<>();
		byUniform.forEach((key, value) -> {
			String name = names.get(key);
			if (isSecret(key)) {
				secrets.add(name);
				values.put(name, fingerprint(value));
			}
			else {
				values.put(name, value);
			}
		});
		return new RunSettings(values, secrets);
	}

	/** Whether a property is of the recorded kind (any spelling: dashes, case, environment-variable form). */
	public static boolean isRecorded(String name) {
		String key = uniform(name);
		return RECORDED.stream().map(RunSettings::uniform).anyMatch(prefix -> prefix.endsWith(".") ? key.startsWith(prefix)
				: key.equals(prefix) || key.startsWith(prefix + ".") || key.startsWith(prefix + "["));
	}

	/** Whether a property is a secret, kept only as a fingerprint. */
	public static boolean isSecret(String name) {
		String key = uniform(name);
		return key.startsWith(SECRET_PREFIX) || SECRET_WORDS.stream().anyMatch(key::contains);
	}

	/**
	 * Where these settings differ from those a run recorded.
	 * @param recorded the run's settings
	 * @return one entry per setting whose value differs or that only one of them has
	 */
	public List<Difference> differencesFrom(RunSettings recorded) {
		Map<String, String> mine = byUniform(this);
		Map<String, String> theirs = byUniform(recorded);
		Set<String> keys = new TreeSet<>(mine.keySet());
		keys.addAll(theirs.keySet());
		List<Difference> differences = new ArrayList<>();
		for (String key : keys) {
			String mineValue = mine.get(key);
			String theirValue = theirs.get(key);
			if (!Objects.equals(mineValue, theirValue)) {
				String name = (theirValue != null) ? recorded.nameOf(key) : nameOf(key);
				differences.add(new Difference(name, theirValue, mineValue, isSecret(key)));
			}
		}
		return differences;
	}

	/** The settings that are not secrets, name to value. */
	public Map<String, String> plain() {
		Map<String, String> plain = new TreeMap<>(this.values);
		plain.keySet().removeAll(this.secrets);
		return plain;
	}

	/** The settings in words, {@code name=value, ...}; {@code (all defaults)} when none. */
	public String describe() {
		if (this.values.isEmpty()) {
			return "(all defaults)";
		}
		List<String> parts = new ArrayList<>();
		this.values.forEach((name, value) -> parts.add(name + "=" + (this.secrets.contains(name) ? "(secret)" : value)));
		return String.join(", ", parts);
	}

	/**
	 * A difference between a run's settings and a process's.
	 *
	 * @param name the setting
	 * @param recorded the run's value, or {@code null} for the default
	 * @param current the process's value, or {@code null} for the default
	 * @param secret whether the values are fingerprints
	 */
	public record Difference(String name, String recorded, String current, boolean secret) {

		/** In words: {@code name: the run has X, this process Y}. */
		public String describe(String process) {
			return this.name + ": the run has " + value(this.recorded) + ", " + process + " " + value(this.current);
		}

		private String value(String value) {
			if (value == null) {
				return "the default";
			}
			return this.secret ? "a secret value" : "'" + value + "'";
		}

	}

	/**
	 * Makes the recorded kind of settings of an environment come from its command line alone:
	 * every other source (environment variables, configuration files, system properties) is
	 * replaced by one without them. Secrets stay, since only their fingerprint is recorded.
	 * @param environment the environment of an application about to start
	 */
	public static void keepOnlyFromCommandLine(ConfigurableEnvironment environment) {
		for (PropertySource<?> source : List.copyOf(environment.getPropertySources().stream().toList())) {
			if (!(source instanceof EnumerablePropertySource<?> enumerable) || source.getName().equals(COMMAND_LINE_SOURCE)
					|| source.getName().equals("configurationProperties")) {
				continue;
			}
			boolean env = source instanceof SystemEnvironmentPropertySource;
			Map<String, Object> kept = new LinkedHashMap<>();
			boolean hidden = false;
			for (String name : enumerable.getPropertyNames()) {
				String key = env ? uniformFromEnvironment(name) : uniform(name);
				if (isRecorded(key) && !isSecret(key)) {
					hidden = true;
				}
				else {
					kept.put(name, enumerable.getProperty(name));
				}
			}
			if (hidden) {
				environment.getPropertySources().replace(source.getName(), env
						? new SystemEnvironmentPropertySource(source.getName(), kept) : new MapPropertySource(source.getName(), kept));
			}
		}
	}

	/** A property name in one spelling for all: lower case, without dashes. */
	static String uniform(String name) {
		return name.toLowerCase(Locale.ROOT).replace("-", "");
	}

	/** An environment variable's name as the property it sets ({@code NEWSPROBE_PROBE_MAXATTEMPTS}). */
	static String uniformFromEnvironment(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '.').replace("-", "");
	}

	private static void prefer(Map<String, String> names, String key, String name, boolean env) {
		// a dashed spelling from a properties source reads better than the environment's
		if (!env && names.containsKey(key) && names.get(key).equals(key)) {
			names.put(key, name);
		}
	}

	private static Map<String, String> byUniform(RunSettings settings) {
		Map<String, String> map = new TreeMap<>();
		settings.values.forEach((name, value) -> map.put(uniform(name), value));
		return map;
	}

	private String nameOf(String key) {
		return this.values.keySet().stream().filter(name -> uniform(name).equals(key)).findFirst().orElse(key);
	}

	/** The fingerprint a secret is kept as: {@code sha256:} and the first 16 hex digits. */
	static String fingerprint(String value) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return "sha256:" + HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is missing from this JVM", ex);
		}
	}

}
