package dev.newsprobe.jobs.support;

import java.util.List;
import java.util.Map;

/**
 * Writes the plain values the parser keeps for unknown front-matter keys (text, numbers,
 * booleans, lists, mappings, null) as JSON for the {@code article.extra} column.
 */
public final class PlainJson {

	private PlainJson() {
	}

	/** The JSON text of a plain value. */
	public static String write(Object value) {
		StringBuilder out = new StringBuilder();
		append(out, value, null);
		return out.toString();
	}

	/** The JSON text of a plain value, indented by two spaces per level, for files people also read. */
	public static String writeIndented(Object value) {
		StringBuilder out = new StringBuilder();
		append(out, value, "\n");
		return out.append('\n').toString();
	}

	/** @param newline {@code null} for compact output, else the line break and indentation of this level */
	private static void append(StringBuilder out, Object value, String newline) {
		String inner = (newline != null) ? newline + "  " : null;
		if (value == null) {
			out.append("null");
		}
		else if (value instanceof Boolean || value instanceof Long || value instanceof Integer
				|| value instanceof java.math.BigInteger) {
			out.append(value);
		}
		else if (value instanceof Double number) {
			out.append(number.isNaN() || number.isInfinite() ? quote(number.toString()) : number.toString());
		}
		else if (value instanceof Map<?, ?> map) {
			out.append('{');
			boolean first = true;
			for (Map.Entry<?, ?> entry : map.entrySet()) {
				out.append(first ? "" : ",").append((inner != null) ? inner : "");
				out.append(quote(String.valueOf(entry.getKey()))).append((inner != null) ? ": " : ":");
				append(out, entry.getValue(), inner);
				first = false;
			}
			out.append((inner != null && !map.isEmpty()) ? newline : "").append('}');
		}
		else if (value instanceof List<?> list) {
			out.append('[');
			for (int i = 0; i < list.size(); i++) {
				out.append(i == 0 ? "" : ",").append((inner != null) ? inner : "");
				append(out, list.get(i), inner);
			}
			out.append((inner != null && !list.isEmpty()) ? newline : "").append(']');
		}
		else {
			out.append(quote(value.toString()));
		}
	}

	private static String quote(String text) {
		StringBuilder out = new StringBuilder(text.length() + 2).append('"');
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				default -> {
					if (c < 0x20) {
						out.append(String.format("\\u%04x", (int) c));
					}
					else {
						out.append(c);
					}
				}
			}
		}
		return out.append('"').toString();
	}

}
