package dev.newsprobe.jobs.report.internal;

import java.util.Comparator;
import java.util.List;

import static dev.newsprobe.jobs.report.internal.Html.esc;

/**
 * {@code index.html} of a report directory: every report kept there, newest first, with its
 * status and headline numbers and links to its files. Self-contained like the reports.
 */
final class HtmlIndex {

	/** Newest first: by start time, then execution id. */
	static final Comparator<Entry> NEWEST_FIRST = Comparator.comparing((Entry e) -> instant(e.startTime()))
		.thenComparingLong(Entry::executionId)
		.reversed();

	private HtmlIndex() {
	}

	static String render(List<Entry> entries) {
		StringBuilder out = new StringBuilder(8192);
		out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
			.append("<meta http-equiv=\"Content-Security-Policy\" content=\"").append(HtmlReport.CONTENT_SECURITY_POLICY).append("\">\n")
			.append("<meta name=\"referrer\" content=\"no-referrer\">\n")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
			.append("<title>newsprobe reports</title>\n<style>\n").append(HtmlReport.STYLE)
			.append("td.when, td.night { white-space: nowrap; }\n</style>\n</head>\n<body>\n")
			.append("<header><h1>newsprobe reports</h1><p class=\"meta\">").append(entries.size())
			.append(" reports in this directory, newest first. Each run keeps the newest <code>newsprobe.report.keep</code>")
			.append(" reports of its database here.</p></header>\n");
		if (entries.isEmpty()) {
			out.append("<p>No reports yet.</p>\n");
		}
		else {
			out.append("<table id=\"reports\"><thead><tr><th>report</th><th>status</th><th>night</th><th>started</th>")
				.append("<th>input roots</th><th>database</th><th class=\"n\">URLs</th><th class=\"n\">broken</th>")
				.append("<th class=\"n\">broke</th><th class=\"n\">fixed</th><th class=\"n\">rejected files</th><th>files</th>")
				.append("</tr></thead><tbody>\n");
			for (Entry entry : entries) {
				Files files = entry.files();
				String title = "execution " + entry.executionId();
				out.append("<tr><td>").append((files.html() != null) ? "<a href=\"" + esc(files.html()) + "\">" + esc(title) + "</a>" : esc(title))
					.append("</td><td>").append(esc(dash(entry.status()))).append("</td><td class=\"night\">").append(esc(dash(entry.runDate())))
					.append("</td><td class=\"when\">").append(esc(shortTime(entry.startTime()))).append("</td><td>")
					.append(String.join("<br>", entry.roots().stream().map(root -> "<code>" + esc(root) + "</code>").toList()))
					.append("</td><td><code>").append(esc(dash(entry.database()))).append("</code> <span class=\"note\">")
					.append(esc(entry.tag())).append("</span></td>").append(count(entry.urls())).append(count(entry.broken()))
					.append(count(entry.newlyBroken())).append(count(entry.fixed())).append(count(entry.rejected())).append("<td>");
				link(out, files.markdown(), "md");
				link(out, files.json(), "json");
				link(out, files.csv(), "csv.gz");
				out.append("</td></tr>\n");
			}
			out.append("</tbody></table>\n");
		}
		return out.append("</body>\n</html>\n").toString();
	}

	/** A JSON time as a person reads it in a table: {@code 2026-11-20 02:00 +01:00}. */
	private static String shortTime(String time) {
		try {
			return (time != null) ? java.time.OffsetDateTime.parse(time)
				.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm xxx")) : "-";
		}
		catch (java.time.format.DateTimeParseException ex) {
			return time;
		}
	}

	private static java.time.Instant instant(String time) {
		try {
			return (time != null) ? java.time.OffsetDateTime.parse(time).toInstant() : java.time.Instant.EPOCH;
		}
		catch (java.time.format.DateTimeParseException ex) {
			return java.time.Instant.EPOCH;
		}
	}

	private static void link(StringBuilder out, String file, String label) {
		if (file != null) {
			out.append("<a href=\"").append(esc(file)).append("\">").append(label).append("</a> ");
		}
	}

	private static String count(Long value) {
		return "<td class=\"n\">" + ((value != null) ? Html.n(value) : "-") + "</td>";
	}

	private static String dash(String value) {
		return (value != null) ? value : "-";
	}

	/**
	 * A report in the directory, as its JSON says.
	 */
	record Entry(String tag, long executionId, String database, List<String> roots, String status, String runDate,
			String startTime, String endTime, Long urls, Long broken, Long newlyBroken, Long fixed, Long rejected,
			Files files) {
	}

	/** A report's files that exist (names relative to the directory), {@code null} for those that do not. */
	record Files(String html, String markdown, String json, String csv) {
	}

}
