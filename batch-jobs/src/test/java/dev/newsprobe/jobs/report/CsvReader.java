package dev.newsprobe.jobs.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads CSV back as RFC 4180 says, and undoes the report's formula guard (the first character of a
 * field starting with an apostrophe is dropped), as the README tells programs to; for tests.
 */
public final class CsvReader {

	private CsvReader() {
	}

	/** The records of a CSV text, each a list of fields with the guard undone. */
	public static List<List<String>> parse(String text) {
		List<List<String>> records = new ArrayList<>();
		List<String> record = new ArrayList<>();
		StringBuilder field = new StringBuilder();
		boolean quoted = false;
		boolean fieldStarted = false;
		int i = 0;
		while (i < text.length()) {
			char c = text.charAt(i);
			if (quoted) {
				if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
					field.append('"');
					i += 2;
					continue;
				}
				if (c == '"') {
					quoted = false;
				}
				else {
					field.append(c);
				}
				i++;
				continue;
			}
			if (c == '"' && !fieldStarted) {
				quoted = true;
				fieldStarted = true;
			}
			else if (c == ',') {
				record.add(unguard(field.toString()));
				field.setLength(0);
				fieldStarted = false;
			}
			else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
				record.add(unguard(field.toString()));
				records.add(record);
				record = new ArrayList<>();
				field.setLength(0);
				fieldStarted = false;
				i++;
			}
			else if (c == '"' || c == '\r' || c == '\n') {
				throw new IllegalArgumentException("not RFC 4180: bare " + (int) c + " at " + i);
			}
			else {
				field.append(c);
				fieldStarted = true;
			}
			i++;
		}
		if (quoted || fieldStarted || !record.isEmpty()) {
			throw new IllegalArgumentException("the last record does not end with CRLF");
		}
		return records;
	}

	private static String unguard(String field) {
		return field.startsWith("'") ? field.substring(1) : field;
	}

}
