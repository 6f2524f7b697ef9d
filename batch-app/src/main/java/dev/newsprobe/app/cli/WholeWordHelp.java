package dev.newsprobe.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * {@code --help} that wraps at spaces only: picocli's own layout breaks lines inside words
 * (property names split at their dots and dashes, {@code spring.\nrabbitmq.*}), which makes them
 * impossible to copy. The description, options, parameters, commands and exit codes are laid out
 * here instead, as two columns where the text column is filled word by word; a word longer than
 * the column stays whole on its own line. The command list shows each command's {@code header},
 * a whole sentence, never a cut-off first line of its description.
 */
final class WholeWordHelp {

	/** Where the text column starts in option, parameter and command lists. */
	private static final int TEXT_COLUMN = 28;

	/** Where the summary starts in command lists. */
	private static final int COMMAND_COLUMN = 12;

	private WholeWordHelp() {
	}

	/** Lays out the help of a command line and of all its sub-commands this way. */
	static void install(CommandLine commandLine) {
		Map<String, CommandLine.IHelpSectionRenderer> sections = commandLine.getHelpSectionMap();
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_HEADER, help -> "");
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_DESCRIPTION, WholeWordHelp::description);
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_OPTION_LIST, WholeWordHelp::options);
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, WholeWordHelp::parameters);
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, WholeWordHelp::commands);
		sections.put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_EXIT_CODE_LIST, WholeWordHelp::exitCodes);
		commandLine.setHelpSectionMap(sections);
		commandLine.getSubcommands().values().forEach(WholeWordHelp::install);
	}

	private static String description(Help help) {
		String[] lines = help.commandSpec().usageMessage().description();
		StringBuilder text = new StringBuilder();
		StringBuilder paragraph = new StringBuilder();
		for (String line : lines) {
			if (line.isBlank()) {
				flush(text, paragraph, width(help));
				text.append(System.lineSeparator());
			}
			else {
				paragraph.append(paragraph.isEmpty() ? "" : " ").append(line.strip());
			}
		}
		flush(text, paragraph, width(help));
		return text.toString();
	}

	private static void flush(StringBuilder text, StringBuilder paragraph, int width) {
		if (!paragraph.isEmpty()) {
			for (String line : wrap(paragraph.toString(), width)) {
				text.append(line).append(System.lineSeparator());
			}
			paragraph.setLength(0);
		}
	}

	private static String options(Help help) {
		StringBuilder text = new StringBuilder();
		for (OptionSpec option : help.commandSpec().options()) {
			if (option.hidden()) {
				continue;
			}
			String shortName = option.shortestName().length() == 2 && option.names().length > 1 ? option.shortestName() + ", "
					: "    ";
			String longName = option.longestName();
			if (option.names().length == 1 && longName.length() == 2) {
				shortName = longName + "  ";
				longName = "";
			}
			text.append(row("  " + shortName + longName + label(option), joined(option), width(help)));
		}
		return text.toString();
	}

	private static String parameters(Help help) {
		StringBuilder text = new StringBuilder();
		for (PositionalParamSpec parameter : help.commandSpec().positionalParameters()) {
			if (!parameter.hidden()) {
				String label = parameter.paramLabel() + (parameter.isMultiValue() ? "..." : "");
				text.append(row("      " + label, joined(parameter), width(help)));
			}
		}
		return text.toString();
	}

	private static String commands(Help help) {
		StringBuilder text = new StringBuilder();
		if (help.commandSpec().subcommands().isEmpty()) {
			return "";
		}
		for (Map.Entry<String, CommandLine> entry : help.commandSpec().subcommands().entrySet()) {
			CommandSpec command = entry.getValue().getCommandSpec();
			if (!command.name().equals(entry.getKey()) || command.usageMessage().hidden()) {
				continue;
			}
			String[] header = command.usageMessage().header();
			String summary = (header.length > 0) ? String.join(" ", header)
					: (command.usageMessage().description().length > 0) ? command.usageMessage().description()[0] : "";
			text.append(row("  " + command.name(), summary, width(help), COMMAND_COLUMN));
		}
		return text.toString();
	}

	private static String exitCodes(Help help) {
		Map<String, String> codes = help.commandSpec().usageMessage().exitCodeList();
		if (codes.isEmpty()) {
			return "";
		}
		StringBuilder text = new StringBuilder();
		codes.forEach((code, meaning) -> text.append(row("  " + code.strip(), meaning, width(help), 6)));
		return text.toString();
	}

	private static String label(OptionSpec option) {
		if (option.arity().max() == 0 || option.paramLabel().isEmpty()) {
			return "";
		}
		return (option.arity().min() == 0) ? "[=" + option.paramLabel() + "]" : "=" + option.paramLabel();
	}

	private static String joined(ArgSpec arg) {
		return String.join(" ", arg.renderedDescription()).strip();
	}

	private static String row(String name, String text, int width) {
		return row(name, text, width, TEXT_COLUMN);
	}

	/** A name in the first column and its text wrapped in the second; a long name puts the text below it. */
	private static String row(String name, String text, int width, int column) {
		StringBuilder row = new StringBuilder();
		List<String> lines = wrap(text, Math.max(20, width - column));
		String pad = " ".repeat(column);
		if (name.length() < column) {
			row.append(name).append(" ".repeat(column - name.length()));
		}
		else {
			row.append(name).append(System.lineSeparator()).append(pad);
		}
		for (int i = 0; i < lines.size(); i++) {
			row.append((i == 0) ? "" : pad).append(lines.get(i)).append(System.lineSeparator());
		}
		if (lines.isEmpty()) {
			row.append(System.lineSeparator());
		}
		return row.toString();
	}

	/** Fills lines of at most {@code width} characters word by word; a longer word stays whole. */
	static List<String> wrap(String text, int width) {
		List<String> lines = new ArrayList<>();
		for (String paragraph : text.split("\\R")) {
			StringBuilder line = new StringBuilder();
			for (String word : paragraph.strip().split(" +")) {
				if (word.isEmpty()) {
					continue;
				}
				if (!line.isEmpty() && line.length() + 1 + word.length() > width) {
					lines.add(line.toString());
					line.setLength(0);
				}
				line.append(line.isEmpty() ? "" : " ").append(word);
			}
			if (!line.isEmpty()) {
				lines.add(line.toString());
			}
		}
		return lines;
	}

	private static int width(Help help) {
		return help.commandSpec().usageMessage().width();
	}

}
