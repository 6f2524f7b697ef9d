package dev.newsprobe.core.frontmatter.internal;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsprobe.core.frontmatter.YamlProblem;
import dev.newsprobe.core.frontmatter.YamlProblem.Kind;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.ReaderException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * Says what the YAML library's errors mean for the person who must fix the file: the line and
 * column of the fault (which mark of the library's two points at it depends on the error), what
 * is wrong in the file's own terms, and a fix only where it is the right one. The library's words
 * ("expected &lt;block end&gt;") are kept only for errors not recognised here.
 */
public final class EngineMessages {

	private static final Pattern CANNOT_START = Pattern.compile("found character '(.)[^']*' that cannot start any token.*");

	private static final Pattern UNKNOWN_ESCAPE = Pattern.compile("found unknown escape character (.).*");

	private static final Pattern EXPECTED_FLOW = Pattern.compile("expected ',' or '([\\]}])', but got (.*)");

	private final SourceText text;

	private final int firstLine;

	/**
	 * @param text the YAML text the error is about
	 * @param firstLine the file line the YAML text starts on
	 */
	public EngineMessages(SourceText text, int firstLine) {
		this.text = text;
		this.firstLine = firstLine;
	}

	/** The problem a library error stands for. */
	public YamlProblem translate(YamlEngineException ex) {
		if (ex instanceof MarkedYamlEngineException marked) {
			return translate(marked);
		}
		if (ex instanceof ReaderException reader) {
			int[] position = position(reader.getPosition());
			return new YamlProblem(Kind.SYNTAX, position[0], position[1], String.format(Locale.ROOT,
					"the character U+%04X is not allowed in YAML text; remove it (in double quotes it may be written as an escape)",
					reader.getCodePoint()));
		}
		return new YamlProblem(Kind.SYNTAX, this.firstLine, 0, "the front matter cannot be read: " + ex.getMessage());
	}

	private YamlProblem translate(MarkedYamlEngineException ex) {
		String problem = String.valueOf(ex.getProblem()).strip();
		String context = (ex.getContext() != null) ? ex.getContext() : "";
		Mark at = ex.getProblemMark().or(ex::getContextMark).orElse(null);
		Mark started = ex.getContextMark().orElse(null);
		if (problem.startsWith("mapping values are not allowed")) {
			return mappingValue(at);
		}
		if (problem.startsWith("could not find expected ':'") && started != null) {
			String key = shorten(this.text.line(started.getLine()).strip());
			return syntax(started, "'" + key + "' is not a 'key: value' line (no ':' follows it) and is not indented under a key;"
					+ " add ': ' and a value, or indent it if it continues the value above");
		}
		if (problem.contains("\\t(TAB)")) {
			return tab(at, problem);
		}
		Matcher cannotStart = CANNOT_START.matcher(problem);
		if (cannotStart.matches()) {
			String character = cannotStart.group(1);
			boolean reserved = character.equals("@") || character.equals("`");
			return syntax(at, "'" + character + "' cannot start a value here" + (reserved ? " (YAML reserves it)" : "")
					+ "; put the value in quotes");
		}
		if ((problem.startsWith("expected <block end>") || problem.startsWith("expected the node content"))
				&& problem.endsWith("found ':'") && at != null
				&& this.text.line(at.getLine()).substring(0, Math.min(at.getColumn(), this.text.line(at.getLine()).length())).isBlank()) {
			return syntax(at, "a ':' with nothing before it: the key is empty, and newsprobe reads only keys with a name;"
					+ " write the key before ':'");
		}
		if (problem.startsWith("expected <block end>")) {
			return misaligned(at, started, context.contains("mapping"));
		}
		Matcher flow = EXPECTED_FLOW.matcher(problem);
		if (flow.matches()) {
			boolean list = flow.group(1).equals("]");
			String what = list ? "list in brackets" : "mapping in braces";
			if (flow.group(2).contains("<stream end>")) {
				return syntax(started, "the " + what + " opened here is never closed with '" + flow.group(1) + "'");
			}
			return syntax(at, "a ',' or the closing '" + flow.group(1) + "' is missing before this, in the " + what
					+ " opened on line " + line(started) + ((list && flow.group(2).equals(":")) ? " (a 'key: value' inside [ ] needs braces or quotes)" : ""));
		}
		if (problem.startsWith("expected the node content")) {
			return syntax(at, "a value is missing here (two commas in a row, or a comma or ':' where a value belongs)");
		}
		if (problem.startsWith("found unexpected end of stream") && context.contains("quoted")) {
			return syntax(started, "the quoted text opened here is never closed: a closing quote is missing");
		}
		Matcher escape = UNKNOWN_ESCAPE.matcher(problem);
		if (escape.matches()) {
			return syntax(at, "'\\" + escape.group(1) + "' is not an escape YAML knows in double-quoted text;"
					+ " write '\\\\' for a backslash, or use single quotes");
		}
		if (problem.startsWith("sequence entries are not allowed")) {
			return syntax(at, "a list item ('- ') cannot start here; put each item on a line of its own, under its key");
		}
		if (context.contains("block scalar")) {
			if (problem.contains("leading empty lines")) {
				return syntax(at, "an empty line at the start of the block text ('|' or '>') opened on line " + line(started)
						+ " is indented more than its first line of text; remove its spaces");
			}
			return syntax(at, "after '|' or '>' only '+' or '-' and a digit 1-9 may follow on its line (then a comment);"
					+ " the text itself starts on the next line");
		}
		if (context.contains("directive") || problem.contains("directive")) {
			return syntax(at, "a YAML directive ('%YAML', '%TAG') is malformed or misplaced: " + problem);
		}
		if (problem.startsWith("expected '<document start>'")) {
			return syntax(at, "more text follows the end of the front matter's YAML document; a front matter holds one document");
		}
		return syntax(at, "the YAML cannot be read here: " + problem + (context.isEmpty() ? "" : " (" + context + ")"));
	}

	/** A ': ' where no key can start: an unquoted colon in a value, or a key indented under a value. */
	private YamlProblem mappingValue(Mark at) {
		if (at == null) {
			return syntax(null, "a ':' followed by a space is not allowed here; put the value in quotes if the ':' belongs to it");
		}
		String line = this.text.line(at.getLine());
		int colon = Math.min(at.getColumn(), line.length());
		int earlier = keyColon(line.substring(0, colon));
		if (earlier >= 0) {
			String key = line.substring(0, earlier).strip();
			return syntax(at, "the value of '" + shorten(key) + "' holds ': ' (a colon and a space), which YAML reads as a second key;"
					+ " is there an unquoted ':' in the value? Put the value in quotes");
		}
		int previous = at.getLine() - 1;
		while (previous >= 0 && (this.text.line(previous).isBlank() || this.text.line(previous).strip().startsWith("#"))) {
			previous--;
		}
		String key = line.substring(0, colon).strip();
		if (previous >= 0) {
			return syntax(at, "'" + shorten(key) + ":' is indented more than line " + (previous + this.firstLine)
					+ ", whose value is already on its line, so it cannot start a key there; indent it like the keys above it"
					+ " (or, if it belongs under line " + (previous + this.firstLine) + ", leave that line's value empty)");
		}
		return syntax(at, "a key cannot start here; put the value in quotes if the ':' belongs to it");
	}

	/** The index of the first ': ' (a key's colon) in a line outside quotes, or -1. */
	private static int keyColon(String line) {
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				if (c == quote) {
					quote = 0;
				}
			}
			else if ((c == '"' || c == '\'') && (i == 0 || line.charAt(i - 1) == ' ')) {
				quote = c;
			}
			else if (c == '#' && (i == 0 || line.charAt(i - 1) == ' ')) {
				return -1;
			}
			else if (c == ':' && (i + 1 == line.length() || line.charAt(i + 1) == ' ' || line.charAt(i + 1) == '\t')) {
				return i;
			}
		}
		return -1;
	}

	private YamlProblem tab(Mark at, String problem) {
		if (at != null) {
			String line = this.text.line(at.getLine());
			String before = line.substring(0, Math.min(at.getColumn(), line.length()));
			int tab = line.indexOf('\t');
			if (tab >= 0 && line.substring(0, tab).isBlank()) {
				return new YamlProblem(Kind.SYNTAX, line(at), tab + 1,
						"this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces");
			}
			if (before.isBlank() && problem.startsWith("found character")) {
				return syntax(at, "this line is indented with a tab; YAML indents with spaces only: replace the tab with spaces");
			}
		}
		return syntax(at, "a tab cannot stand here; replace it with a space");
	}

	private YamlProblem misaligned(Mark at, Mark started, boolean mapping) {
		String what = mapping ? "the keys of the mapping" : "the items ('-') of the list";
		if (started == null || at == null) {
			return syntax(at, "this line does not line up with " + what + " above it");
		}
		return syntax(at, "this does not line up with " + what + " that starts on line " + line(started) + " in column "
				+ (started.getColumn() + 1) + ": " + (mapping ? "keys of one mapping" : "items of one list")
				+ " start in the same column, and what belongs to one of them is indented more");
	}

	private YamlProblem syntax(Mark mark, String message) {
		return new YamlProblem(Kind.SYNTAX, line(mark), (mark != null) ? mark.getColumn() + 1 : 0, message);
	}

	private int line(Mark mark) {
		return (mark != null) ? mark.getLine() + this.firstLine : this.firstLine;
	}

	/** File line and column (1-based) of a code point index. */
	private int[] position(int codePoint) {
		int index = this.text.charIndex(Math.max(0, codePoint));
		String yaml = this.text.text();
		int line = 0;
		int lineStart = 0;
		for (int i = 0; i < index && i < yaml.length(); i++) {
			if (yaml.charAt(i) == '\n') {
				line++;
				lineStart = i + 1;
			}
		}
		return new int[] { line + this.firstLine, this.text.codePointIndex(index) - this.text.codePointIndex(lineStart) + 1 };
	}

	private static String shorten(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

}
