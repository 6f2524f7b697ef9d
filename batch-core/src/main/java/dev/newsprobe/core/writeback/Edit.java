package dev.newsprobe.core.writeback;

/**
 * One value to change in an article's front matter.
 *
 * @param path where the value is
 * @param kind a true/false flag or a text
 * @param expected for texts, the value the file must hold now (as read, unquoted); a file holding
 * something else is not edited. Ignored for flags, which are set whatever they hold.
 * @param value the new value: {@code "true"}/{@code "false"} for flags, the text for texts
 */
public record Edit(FieldPath path, Kind kind, String expected, String value) {

	/** What sort of value an edit writes. */
	public enum Kind {

		/** A boolean such as {@code isCached}; written in the style of the value it replaces, added when absent. */
		FLAG,
		/** A text such as a URL; must be present and hold {@code expected}. */
		TEXT

	}

	public Edit {
		if (kind == Kind.FLAG && !value.equals("true") && !value.equals("false")) {
			throw new IllegalArgumentException("a flag is true or false, not " + value);
		}
		if (kind == Kind.TEXT && (expected == null || value == null)) {
			throw new IllegalArgumentException("a text edit needs the expected and the new value");
		}
	}

	/** Sets a flag, e.g. {@code images[0].isCached}. */
	public static Edit flag(FieldPath path, boolean value) {
		return new Edit(path, Kind.FLAG, null, Boolean.toString(value));
	}

	/** Replaces a text that must currently be {@code expected}, e.g. a moved URL. */
	public static Edit text(FieldPath path, String expected, String value) {
		return new Edit(path, Kind.TEXT, expected, value);
	}

}
