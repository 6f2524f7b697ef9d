package dev.newsprobe.jobs.report;

import java.nio.file.Path;

/**
 * The files of one run's report.
 *
 * @param markdown the report for people, {@code report-ID.md}
 * @param json the report for programs, {@code report-ID.json}
 * @param brokenLinksCsv every citation of a broken URL, {@code broken-links-ID.csv}
 * @param brokenLinkRows the CSV's rows (its header not counted)
 */
public record ReportFiles(Path markdown, Path json, Path brokenLinksCsv, long brokenLinkRows) {

	/** The Markdown file's name for an execution. */
	public static String markdownName(long executionId) {
		return "report-" + executionId + ".md";
	}

	/** The JSON file's name for an execution. */
	public static String jsonName(long executionId) {
		return "report-" + executionId + ".json";
	}

	/** The CSV file's name for an execution. */
	public static String csvName(long executionId) {
		return "broken-links-" + executionId + ".csv";
	}

}
