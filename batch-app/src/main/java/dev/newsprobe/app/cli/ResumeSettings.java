package dev.newsprobe.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.newsprobe.jobs.definition.RunSettings;
import dev.newsprobe.jobs.definition.RunSettings.Difference;
import dev.newsprobe.jobs.definition.RunSettingsRecorder;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The settings a resumed run goes on with: those its execution started with (recorded with it),
 * whatever the resuming command was given. Chooses the application to resume it in: this
 * command's when the settings agree, else one started with the run's own settings.
 * <p>
 * A setting this command line gives that differs from the run's is a conflict: the resume is
 * refused and says so, unless {@code --with-current-settings} asks to run the rest of the run with
 * this command's settings (they are then recorded with the new execution). Settings from the
 * environment or configuration files that differ are not the operator's request for this run: the
 * run's own win, and the command says which. A secret (kept as a fingerprint only) must be given
 * again with the same value.
 */
final class ResumeSettings {

	private ResumeSettings() {
	}

	/**
	 * The application to resume an execution's instance in.
	 * @param runtime this command's application
	 * @param last the execution being resumed
	 * @param withCurrentSettings whether the operator asked to go on with this command's settings
	 * @param out where to say which settings the run goes on with
	 * @return the application to run the restart in
	 * @throws Executions.Refusal when this command line's settings conflict with the run's, or a secret is missing
	 */
	static ConfigurableApplicationContext choose(NewsprobeRuntime runtime, JobExecution last, boolean withCurrentSettings,
			PrintWriter out) {
		RunSettingsRecorder recorder = runtime.bean(RunSettingsRecorder.class);
		RunSettings current = recorder.current();
		String name = Executions.describe(last);
		Optional<RunSettings> recorded = recorder.of(last.getId());
		if (recorded.isEmpty()) {
			say(out, name + " has no recorded settings (it ran before newsprobe recorded them); it goes on with this"
					+ " command's.");
			return runtime.context();
		}
		List<Difference> differences = current.differencesFrom(recorded.get());
		if (differences.isEmpty()) {
			return runtime.context();
		}
		if (withCurrentSettings) {
			say(out, "Going on with this command's settings, not those " + name + " started with (--with-current-settings): "
					+ describe(differences, "this command has") + ".");
			return runtime.context();
		}
		Set<String> given = runtime.settingsGiven();
		List<Difference> conflicts = differences.stream()
			.filter(d -> given.contains(uniform(d.name())) || d.secret())
			.toList();
		if (!conflicts.isEmpty()) {
			throw refusal(name, conflicts);
		}
		List<Difference> elsewhere = differences.stream().filter(d -> d.current() != null).toList();
		say(out, "Going on with the settings " + name + " started with: " + recorded.get().describe() + "."
				+ (elsewhere.isEmpty() ? "" : " (This command's environment or configuration would give other values;"
						+ " the run's win: " + describe(elsewhere, "here") + ".)"));
		ConfigurableApplicationContext context = runtime.contextWith(recorded.get());
		RunSettings applied = context.getBean(RunSettingsRecorder.class).current();
		if (!applied.differencesFrom(recorded.get()).isEmpty()) {
			context.close();
			throw new IllegalStateException("the application started for " + name + " does not have its settings: "
					+ describe(applied.differencesFrom(recorded.get()), "it has"));
		}
		return context;
	}

	/**
	 * The application a scheduled retry resumes a run in: always with the run's own settings (the
	 * schedule's configuration is for its new runs).
	 * @throws Executions.Refusal when a secret the run started with is missing or differs
	 */
	static ConfigurableApplicationContext forRetry(NewsprobeRuntime runtime, JobExecution last) {
		RunSettingsRecorder recorder = runtime.bean(RunSettingsRecorder.class);
		Optional<RunSettings> recorded = recorder.of(last.getId());
		if (recorded.isEmpty()) {
			return runtime.context();
		}
		List<Difference> differences = recorder.current().differencesFrom(recorded.get());
		if (differences.isEmpty()) {
			return runtime.context();
		}
		List<Difference> secrets = differences.stream().filter(Difference::secret).toList();
		if (!secrets.isEmpty()) {
			throw refusal(Executions.describe(last), secrets);
		}
		return runtime.contextWith(recorded.get());
	}

	private static Executions.Refusal refusal(String name, List<Difference> conflicts) {
		List<String> lines = new ArrayList<>();
		lines.add(name + " started with other settings than this command gives; a resumed run goes on with its own:");
		for (Difference conflict : conflicts) {
			lines.add("  " + conflict.describe("this command") + (conflict.secret()
					? " (a secret: only its fingerprint is kept, so give the value the run started with)" : ""));
		}
		lines.add("Leave those settings out to go on with the run's, or add --with-current-settings to run the rest of it"
				+ " with this command's.");
		return new Executions.Refusal(ExitCodes.USAGE, String.join("\nnewsprobe: ", lines));
	}

	private static String describe(List<Difference> differences, String process) {
		return String.join("; ", differences.stream().map(d -> d.describe(process)).toList());
	}

	private static void say(PrintWriter out, String message) {
		out.println(message);
		out.flush();
	}

	private static String uniform(String name) {
		return name.toLowerCase(java.util.Locale.ROOT).replace("-", "");
	}

}
