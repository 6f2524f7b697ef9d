package dev.newsprobe.core.writeback.internal;

import java.util.Locale;
import java.util.regex.Pattern;

import dev.newsprobe.core.frontmatter.YamlValues;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Writes a scalar value in a given YAML style, so a replaced value keeps the quoting of the one it
 * replaces: plain stays plain when the new value can be written plain, single-quoted stays
 * single-quoted, double-quoted stays double-quoted with its escapes.
 */
public final class ScalarText {

	private static final Pattern BOOL_TRUE_FAMILY = Pattern.compile("true|True|TRUE|false|False|FALSE");

	private static final Pattern BOOL_YES_FAMILY = Pattern.compile("yes|Yes|YES|no|No|NO");

	private static final Pattern BOOL_ON_FAMILY = Pattern.compile("on|On|ON|off|Off|OFF");

	private static final String PLAIN_FIRST_FORBIDDEN = "-?:,[]{}#&*!|>'\"%@`";

	/** YAML 1.2's core schema, as the front matter is read: only read after construction. */
	private static final ScalarResolver RESOLVER = new CoreSchema().getScalarResolver();

	private ScalarText() {
	}

	/**
	 * A boolean written plain, in the spelling family and case of the plain value it replaces:
	 * {@code False} becomes {@code True}, {@code no} becomes {@code yes}, anything else
	 * {@code true}/{@code false}.
	 */
	public static String plainFlag(String replaced, boolean value) {
		String family;
		if (BOOL_YES_FAMILY.matcher(replaced).matches()) {
			family = value ? "yes" : "no";
		}
		else if (BOOL_ON_FAMILY.matcher(replaced).matches()) {
			family = value ? "on" : "off";
		}
		else {
			family = value ? "true" : "false";
		}
		if (!BOOL_TRUE_FAMILY.matcher(replaced).matches() && !BOOL_YES_FAMILY.matcher(replaced).matches()
				&& !BOOL_ON_FAMILY.matcher(replaced).matches()) {
			return family;
		}
		if (replaced.equals(replaced.toUpperCase(Locale.ROOT))) {
			return family.toUpperCase(Locale.ROOT);
		}
		if (Character.isUpperCase(replaced.charAt(0))) {
			return Character.toUpperCase(family.charAt(0)) + family.substring(1);
		}
		return family;
	}

	/** Whether a text can be written as a plain scalar that reads back as the same text. */
	public static boolean canBePlain(String value, boolean inFlow) {
		if (value.isEmpty() || !value.equals(value.strip()) || PLAIN_FIRST_FORBIDDEN.indexOf(value.charAt(0)) >= 0
				|| value.endsWith(":") || value.contains(": ") || value.contains(" #") || value.contains(":\t")) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF'
					|| (inFlow && ",[]{}".indexOf(c) >= 0)) {
				return false;
			}
		}
		return RESOLVER.resolve(value, true).equals(Tag.STR);
	}

	/**
	 * How a value written by an edit reads back, as {@link YamlValues#plain} gives it: quoted text
	 * as the text, plain text by the core schema ({@code true} a boolean, {@code yes} text).
	 * @param replacement the text written: a value, or {@code , key: value} / a new line {@code key: value}
	 * @param value the value the edit means
	 * @return the plain value the written text reads as
	 */
	public static Object reads(String replacement, String value) {
		String written = replacement.strip();
		if (written.startsWith(",") || replacement.startsWith("\n") || replacement.startsWith("\r")) {
			written = written.substring(written.indexOf(": ") + 2).strip();
		}
		if (written.startsWith("'") || written.startsWith("\"")) {
			return value;
		}
		Tag tag = RESOLVER.resolve(written, true);
		if (tag.equals(Tag.BOOL)) {
			return Boolean.valueOf(written.toLowerCase(Locale.ROOT));
		}
		if (tag.equals(Tag.NULL)) {
			return null;
		}
		if (tag.equals(Tag.INT)) {
			java.math.BigInteger number = YamlValues.integer(written);
			return (number.bitLength() < 64) ? (Object) number.longValue() : number;
		}
		return tag.equals(Tag.FLOAT) ? YamlValues.decimal(written) : written;
	}

	/** A text single-quoted: {@code '} doubled. */
	public static String singleQuoted(String value) {
		return "'" + value.replace("'", "''") + "'";
	}

	/** A text double-quoted, with YAML escapes for backslash, quote and control characters. */
	public static String doubleQuoted(String value) {
		StringBuilder text = new StringBuilder(value.length() + 2).append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> text.append("\\\"");
				case '\\' -> text.append("\\\\");
				case '\t' -> text.append("\\t");
				case '\n' -> text.append("\\n");
				case '\r' -> text.append("\\r");
				default -> {
					if (c < 0x20 || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
						text.append(String.format("\\u%04X", (int) c));
					}
					else {
						text.append(c);
					}
				}
			}
		}
		return text.append('"').toString();
	}

	/** Whether a single-quoted text can hold the value on one line (no line breaks or controls). */
	public static boolean canBeSingleQuoted(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\u0085' || c == '\u2028' || c == '\u2029' || c == '\uFEFF') {
				return false;
			}
		}
		return true;
	}

}
