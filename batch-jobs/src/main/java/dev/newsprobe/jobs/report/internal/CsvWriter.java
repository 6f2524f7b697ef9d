package dev.newsprobe.jobs.report.internal;

import java.io.IOException;
import java.io.Writer;

/**
 * Writes CSV as RFC 4180 says: fields separated by commas, records ended by CRLF, a field holding a
 * comma, a double quote, CR or LF enclosed in double quotes with its quotes doubled. A {@code null}
 * is an empty field.
 * <p>
 * Formula guard: a spreadsheet runs a cell starting with {@code =}, {@code +}, {@code -},
 * {@code @}, tab or CR as a formula, and article files and servers are untrusted. Such a field is
 * written with one apostrophe in front, which spreadsheets hide. So that the guard can be undone
 * exactly, a field that itself starts with an apostrophe gets one more as well: a program reading
 * the file drops the first character of every field that starts with {@code '} and gets the value
 * back as it was.
 */
public final class CsvWriter {

	private final Writer out;

	private boolean firstField = true;

	public CsvWriter(Writer out) {
		this.out = out;
	}

	/** Writes a whole record. */
	public void record(Object... fields) throws IOException {
		for (Object field : fields) {
			field(field);
		}
		end();
	}

	/** Writes one field of the current record. */
	public void field(Object value) throws IOException {
		if (!this.firstField) {
			this.out.write(',');
		}
		this.firstField = false;
		if (value != null) {
			this.out.write(escape(value.toString()));
		}
	}

	/** Ends the current record. */
	public void end() throws IOException {
		this.out.write("\r\n");
		this.firstField = true;
	}

	/** The field as written: guarded against formulas, then quoted if it must be. */
	public static String escape(String value) {
		String text = guarded(value);
		boolean quote = false;
		for (int i = 0; i < text.length() && !quote; i++) {
			char c = text.charAt(i);
			quote = c == ',' || c == '"' || c == '\r' || c == '\n';
		}
		return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
	}

	private static String guarded(String value) {
		if (value.isEmpty()) {
			return value;
		}
		return switch (value.charAt(0)) {
			case '=', '+', '-', '@', '\t', '\r', '\'' -> "'" + value;
			default -> value;
		};
	}

}
