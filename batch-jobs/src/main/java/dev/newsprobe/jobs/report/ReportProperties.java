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
 * @param top how many rows the report's ranked lists keep (files to fix, providers, hosts, broken
 * and moved links, rejected files, changes, slowest hosts); the CSV of broken links is always complete
 * @param keep how many runs' reports of this database a run leaves in its report directory: after
 * writing its own, a run removes the older ones of the same database (0 keeps them all)
 * @param trend how many reports of the same input roots the report's charts show, this one included
 */
@ConfigurationProperties("newsprobe.report")
public record ReportProperties(Path dir, @DefaultValue("25") int top, @DefaultValue("30") int keep,
		@DefaultValue("30") int trend) {

	public ReportProperties {
		if (top < 1) {
			throw new IllegalArgumentException("newsprobe.report.top must be at least 1, not " + top);
		}
		if (keep < 0) {
			throw new IllegalArgumentException("newsprobe.report.keep must be 0 (keep all) or more, not " + keep);
		}
		if (trend < 1) {
			throw new IllegalArgumentException("newsprobe.report.trend must be at least 1, not " + trend);
		}
	}

}
