package dev.newsprobe.app.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code newsprobe} command; it only lists its sub-commands. */
@Command(name = "newsprobe", mixinStandardHelpOptions = true, version = "newsprobe 0.1.0",
		subcommands = { AuditCommand.class, RefreshCommand.class, StatusCommand.class, RestartCommand.class,
				StopCommand.class, AbandonCommand.class, RecoverCommand.class, ReportCommand.class, ScheduleCommand.class,
				WorkerCommand.class, DbCommand.class, CommandLine.HelpCommand.class },
		description = { "Keeps a news-article archive honest: reads its article files, checks the URLs they cite, and"
				+ " records what it found, with an audit trail, in PostgreSQL.", "",
				"Configuration: any --newsprobe.*=VALUE or --spring.*=VALUE argument overrides a property; --debug shows"
						+ " stack traces and debug logs.", "",
				"Database: NEWSPROBE_DB_URL, NEWSPROBE_DB_USER, NEWSPROBE_DB_PASSWORD; when unset, an embedded PostgreSQL"
						+ " keeps its data under NEWSPROBE_HOME (default: newsprobe in the XDG data directory,"
						+ " ~/.local/share/newsprobe) and keeps running between commands ('newsprobe db')." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed (bad files and broken links are findings, not failures)",
				"1:failed (fix the cause and run the same command again: it resumes), or an operator command refused,"
						+ " or the database could not be reached",
				"2:usage or configuration error (also: no such execution, no database in NEWSPROBE_HOME, a database"
						+ " that does not exist, a wrong password, missing rights); nothing ran",
				"3:stopped (restartable): by SIGTERM, Ctrl-C or 'newsprobe stop'" })
public final class NewsprobeCommand implements Runnable {

	@Spec
	CommandSpec spec;

	@Override
	public void run() {
		throw new CommandLine.ParameterException(this.spec.commandLine(), "a command is required");
	}

}
