package dev.newsprobe.app.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

import dev.newsprobe.jobs.run.RunParameters;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The rule for input roots, the same for {@code audit} and {@code schedule}: each is a directory
 * that exists and can be read, none lies inside another, and together they fit the job
 * repository. Anything else is a usage error at the command line, before a run starts.
 * <p>
 * A single article file is refused rather than audited as a root of one: the roots are the run's
 * identity and the scope of its sweep (articles under a root whose file vanished are marked gone)
 * and of write-back, and a file as a root would make each of those mean something else. The
 * message names the directory to give instead.
 */
final class InputRoots {

	private InputRoots() {
	}

	/**
	 * The roots, absolute and normalised, in the order given, repeats dropped.
	 * @param commandLine the command, for the usage error
	 * @param inputs the roots as given
	 * @param source what gave them, for messages ({@code --input}, or a property)
	 * @return the roots
	 * @throws ParameterException when one does not hold
	 */
	static List<Path> check(CommandLine commandLine, List<Path> inputs, String source) {
		LinkedHashSet<Path> roots = new LinkedHashSet<>();
		for (Path input : inputs) {
			Path root = input.toAbsolutePath().normalize();
			if (!Files.exists(root)) {
				throw new ParameterException(commandLine, "input root " + input + " does not exist (" + source + ")");
			}
			if (!Files.isDirectory(root)) {
				Path parent = (root.getParent() != null) ? root.getParent() : root;
				throw new ParameterException(commandLine, "input root " + input + " is a file; " + source
						+ " takes a directory of article files, searched recursively (e.g. " + parent + ")");
			}
			if (!Files.isReadable(root) || !Files.isExecutable(root)) {
				throw new ParameterException(commandLine, "input root " + input + " cannot be read (" + source + ")");
			}
			roots.add(root);
		}
		List<Path> checked = new ArrayList<>(roots);
		for (Path root : checked) {
			for (Path other : checked) {
				if (!root.equals(other) && root.startsWith(other)) {
					throw new ParameterException(commandLine, "input root " + root + " lies inside input root " + other
							+ "; give " + other + " alone");
				}
			}
		}
		try {
			RunParameters.checkInputFits(checked);
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(commandLine, ex.getMessage());
		}
		return checked;
	}

}
