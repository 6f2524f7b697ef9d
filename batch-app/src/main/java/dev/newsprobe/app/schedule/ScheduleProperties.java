package dev.newsprobe.app.schedule;

import java.nio.file.Path;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What {@code newsprobe schedule} runs, and when.
 *
 * @param zone the time zone cron expressions are read in, e.g. {@code Europe/Berlin}; empty for the machine's
 * @param audit when {@code articleAuditJob} runs, and on what
 * @param refresh when {@code cacheRefreshJob} runs
 */
@ConfigurationProperties("newsprobe.schedule")
public record ScheduleProperties(@DefaultValue("") String zone, @DefaultValue Audit audit, @DefaultValue Refresh refresh) {

	/**
	 * The nightly audit's entry.
	 *
	 * @param cron when it runs: six fields, seconds first ({@code 0 0 2 * * *} is 02:00 every day), or a macro
	 * such as {@code @daily}; empty to leave the audit unscheduled
	 * @param input the input roots (the {@code --input} options of {@code schedule} replace them)
	 */
	public record Audit(@DefaultValue("0 0 2 * * *") String cron, List<Path> input) {

		public Audit {
			input = (input != null) ? List.copyOf(input) : List.of();
		}

	}

	/**
	 * The cheap cache refresh's entry.
	 *
	 * @param cron when it runs (e.g. {@code 0 30 8-20/4 * * *}); empty, the default, leaves it
	 * unscheduled: pick hours away from the audit's, since both probe (each job has its own lock)
	 */
	public record Refresh(@DefaultValue("") String cron) {
	}

}
