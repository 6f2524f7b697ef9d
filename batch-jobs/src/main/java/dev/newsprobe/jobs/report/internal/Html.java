package dev.newsprobe.jobs.report.internal;

import java.util.Locale;

/**
 * HTML text for the reports: escaping for text and attribute values, links only for http(s) URLs.
 * Every value that comes from an article file or a server goes through here, so a hostile title,
 * URL or reason renders as text and can never become markup, a script or a fetch.
 */
final class Html {

	private Html() {
	}

	/** Text or an attribute value, escaped; {@code null} is empty. Control characters become spaces. */
	static String esc(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder out = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '&' -> out.append("&amp;");
				case '<' -> out.append("&lt;");
				case '>' -> out.append("&gt;");
				case '"' -> out.append("&quot;");
				case '\'' -> out.append("&#39;");
				default -> out.append((Character.isISOControl(c) && c != '\n') ? ' ' : c);
			}
		}
		return out.toString();
	}

	/**
	 * A URL as a link a person can click, or as code when it is not http(s) (an
	 * {@code INVALID_URL}, a {@code javascript:} URL in a hostile file): never a link then.
	 */
	static String url(String url) {
		if (url == null || url.isEmpty()) {
			return "-";
		}
		String lower = url.toLowerCase(Locale.ROOT);
		boolean web = (lower.startsWith("http://") || lower.startsWith("https://")) && url.chars().noneMatch(c -> c < 0x21);
		if (!web) {
			return "<code class=\"url\">" + esc(url) + "</code>";
		}
		return "<a class=\"url\" href=\"" + esc(url) + "\" rel=\"noreferrer noopener\">" + esc(url) + "</a>";
	}

	/** A count with thousands separators. */
	static String n(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

	/** A count shown where the JSON report has it: the browser test reads {@code data-json} back. */
	static String num(String path, long value) {
		return "<span data-json=\"" + esc(path) + "\">" + n(value) + "</span>";
	}

	/** A table cell holding a count that the JSON report has at {@code path}. */
	static String td(String path, long value) {
		return "<td class=\"n\" data-json=\"" + esc(path) + "\">" + n(value) + "</td>";
	}

	/** A table cell holding text that the JSON report has at {@code path}. */
	static String tdText(String path, String value, String shown) {
		return "<td data-json-text=\"" + esc(path) + "\">" + shown + "</td>";
	}

	/** A share as a percentage with one decimal, {@code -} of nothing. */
	static String percent(long part, long whole) {
		return (whole == 0) ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * part / whole);
	}

}
