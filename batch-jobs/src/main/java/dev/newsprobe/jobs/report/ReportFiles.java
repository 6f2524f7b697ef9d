package dev.newsprobe.jobs.report;

import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of one run's report. Every name carries the database's tag (the first 8 hex digits of
 * its random id) and the job execution id, {@code report-TAG-ID.html}, so that reports of two
 * databases written to one directory never overwrite each other.
 *
 * @param html the report for people, in a browser: {@code report-TAG-ID.html}
 * @param markdown the report for people, as text: {@code report-TAG-ID.md}
 * @param json the report for programs, {@code report-TAG-ID.json}
 * @param brokenLinksCsv every citation of a broken URL, gzip-compressed: {@code broken-links-TAG-ID.csv.gz}
 * @param brokenLinkRows the CSV's rows (its header not counted)
 */
public record ReportFiles(Path html, Path markdown, Path json, Path brokenLinksCsv, long brokenLinkRows) {

	/** The names of report files: the kind, the database's tag, the execution id. */
	public static final Pattern NAME = Pattern
		.compile("(report|broken-links)-([0-9a-f]{8})-([0-9]{1,19})\\.(html|md|json|csv\\.gz)");

	/** The files of an execution's report in a directory. */
	public static ReportFiles in(Path directory, String tag, long executionId) {
		return new ReportFiles(directory.resolve(name(tag, executionId, "html")),
				directory.resolve(name(tag, executionId, "md")), directory.resolve(name(tag, executionId, "json")),
				directory.resolve(csvName(tag, executionId)), 0);
	}

	/** The same files, with the CSV's row count. */
	public ReportFiles withRows(long rows) {
		return new ReportFiles(this.html, this.markdown, this.json, this.brokenLinksCsv, rows);
	}

	/** The name of the report of an execution with an extension ({@code html}, {@code md}, {@code json}). */
	public static String name(String tag, long executionId, String extension) {
		return "report-" + tag + "-" + executionId + "." + extension;
	}

	/** The compressed CSV's name for an execution. */
	public static String csvName(String tag, long executionId) {
		return "broken-links-" + tag + "-" + executionId + ".csv.gz";
	}

	/**
	 * What a report file's name says.
	 * @param tag the database's tag
	 * @param executionId the execution
	 * @param extension {@code html}, {@code md}, {@code json} or {@code csv.gz}
	 */
	public record Name(String tag, long executionId, String extension) {

		/** What a file name says, or {@code null} when it is not a report file's. */
		public static Name of(String fileName) {
			Matcher matcher = NAME.matcher(fileName);
			if (!matcher.matches()) {
				return null;
			}
			try {
				return new Name(matcher.group(2), Long.parseLong(matcher.group(3)), matcher.group(4));
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
