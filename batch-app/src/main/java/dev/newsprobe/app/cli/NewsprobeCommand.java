package dev.newsprobe.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code newsprobe} command; it only lists its sub-commands. */
@Command(name = "newsprobe", mixinStandardHelpOptions = true, version = "newsprobe 0.1.0",
		subcommands = { AuditCommand.class, RefreshCommand.class, StatusCommand.class, RestartCommand.class,
				StopCommand.class, AbandonCommand.class, RecoverCommand.class, ReportCommand.class, ScheduleCommand.class,
				WorkerCommand.class, CommandLine.HelpCommand.class },
		description = { "Keeps a news-article archive honest: reads its article files, checks the URLs they cite,",
				"and records what it found, with an audit trail, in PostgreSQL.", "",
				"Configuration: any --newsprobe.*=VALUE or --spring.*=VALUE argument overrides a property.",
				"Database: NEWSPROBE_DB_URL, NEWSPROBE_DB_USER, NEWSPROBE_DB_PASSWORD; when unset, an embedded",
				"PostgreSQL keeps its data under NEWSPROBE_HOME (default ./.newsprobe)." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed", "1:failed", "2:usage or configuration error", "3:stopped (restartable)" })
public final class NewsprobeCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "a command is required");
	}

}
