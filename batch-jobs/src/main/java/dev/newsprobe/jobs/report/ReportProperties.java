package dev.newsprobe.jobs.report;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where and how the run report is written.
 *
 * @param dir the directory reports are written to; unset means {@code reports} under
 * {@code newsprobe.home} ({@code ./.newsprobe/reports} by default). {@code audit --report-dir}
 * sets it for one run.
 * @param top how many rows the report's ranked lists keep (providers, hosts, broken links,
 * changes, slowest hosts); the CSV of broken links is always complete
 */
@ConfigurationProperties("newsprobe.report")
public record ReportProperties(Path dir, @DefaultValue("25") int top) {

	public ReportProperties {
		if (top < 1) {
			throw new IllegalArgumentException("newsprobe.report.top must be at least 1, not " + top);
		}
	}

}
