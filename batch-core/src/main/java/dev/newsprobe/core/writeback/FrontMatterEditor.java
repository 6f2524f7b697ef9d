package dev.newsprobe.core.writeback;

import java.io.StringReader;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.newsprobe.core.article.ParserLimits;
import dev.newsprobe.core.writeback.EditResult.Change;
import dev.newsprobe.core.writeback.EditResult.Refusal;
import dev.newsprobe.core.writeback.internal.ScalarText;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Changes single values in an article file's front matter and leaves every other byte as it was:
 * key order, quoting, comments, line endings (CRLF or LF), a byte-order mark, trailing spaces and
 * the Markdown body.
 * <p>
 * The front matter is composed into a node tree (never constructed into objects, with the same
 * limits as the article parser); each node knows where its text starts and ends, and only those
 * spans are rewritten. A replaced value keeps its style: plain stays plain (or becomes
 * single-quoted when the new text cannot be written plain), single- and double-quoted values stay
 * quoted with correct escapes, {@code False} becomes {@code True}. A flag that is absent is added
 * to its image, after the last field (block style) or before the closing brace (flow style).
 * <p>
 * What cannot be edited safely is refused, with the reason, and the other edits still apply:
 * values behind an anchor or reached through an alias (changing one would change others),
 * multi-line and block ({@code |}, {@code >}) values, values with an explicit tag, lists or
 * mappings where a value belongs, a path that does not exist, a text that is not the one expected.
 * Finally the edited front matter is composed again and must read exactly as the old one with the
 * edits applied; if not, nothing is changed. Instances are immutable and thread-safe.
 */
public final class FrontMatterEditor {

	private static final int YAML_FIRST_LINE = 2;

	private final ParserLimits limits;

	public FrontMatterEditor(ParserLimits limits) {
		this.limits = limits;
	}

	/**
	 * Applies edits to a file's content.
	 * @param bytes the file content, UTF-8 with front matter
	 * @param edits the values to change
	 * @return the new content, what changed and what was refused
	 */
	public EditResult edit(byte[] bytes, List<Edit> edits) {
		String text;
		try {
			text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return refuseAll(bytes, "the file is not valid UTF-8");
		}
		int[] span = frontMatterSpan(text);
		if (span == null) {
			return refuseAll(bytes, "the file has no closed front matter between '---' lines");
		}
		String yaml = text.substring(span[0], span[1]);
		Node root;
		try {
			root = compose(yaml);
		}
		catch (YAMLException ex) {
			return refuseAll(bytes, "the front matter cannot be read: " + ex.getMessage());
		}
		if (!(root instanceof MappingNode rootMapping)) {
			return refuseAll(bytes, "the front matter is not a mapping");
		}
		Map<Node, Boolean> shared = sharedNodes(root);
		Positions positions = new Positions(yaml);
		TreeMap<Integer, Splice> splices = new TreeMap<>();
		List<Change> changes = new ArrayList<>();
		List<Refusal> refusals = new ArrayList<>();
		for (Edit edit : edits) {
			try {
				Splice splice = plan(rootMapping, edit, shared, positions);
				if (splice == null) {
					continue;
				}
				Map.Entry<Integer, Splice> before = splices.floorEntry(splice.start());
				Map.Entry<Integer, Splice> after = splices.ceilingEntry(splice.start());
				if ((before != null && before.getValue().end() > splice.start())
						|| (after != null && after.getKey() < splice.end()) || (before != null && before.getKey() == splice.start())) {
					throw new Refused("another edit changes the same text");
				}
				splices.put(splice.start(), splice);
				changes.add(splice.change());
			}
			catch (Refused ex) {
				refusals.add(new Refusal(edit.path(), ex.getMessage()));
			}
		}
		if (splices.isEmpty()) {
			return new EditResult(bytes, List.of(), refusals);
		}
		StringBuilder edited = new StringBuilder(yaml);
		for (Splice splice : splices.descendingMap().values()) {
			edited.replace(positions.charIndex(splice.start()), positions.charIndex(splice.end()), splice.replacement());
		}
		String problem = verify(root, edited.toString(), splices.values());
		if (problem != null) {
			List<Refusal> all = new ArrayList<>(refusals);
			changes.forEach(change -> all.add(new Refusal(change.path(), problem)));
			return new EditResult(bytes, List.of(), all);
		}
		String newText = text.substring(0, span[0]) + edited + text.substring(span[1]);
		return new EditResult(newText.getBytes(StandardCharsets.UTF_8), changes, refusals);
	}

	private Splice plan(MappingNode root, Edit edit, Map<Node, Boolean> shared, Positions positions) {
		FieldPath path = edit.path();
		MappingNode parent = parentMapping(root, path, shared);
		NodeTuple tuple = null;
		for (NodeTuple candidate : parent.getValue()) {
			if (candidate.getKeyNode() instanceof ScalarNode key && key.getValue().equals(path.field())) {
				tuple = candidate;
			}
		}
		if (tuple == null) {
			if (edit.kind() == Edit.Kind.TEXT) {
				throw new Refused(path + " is not in the file");
			}
			return insertion(parent, path, edit.value(), positions);
		}
		if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
			throw new Refused(path + " is a list or mapping, not a single value");
		}
		if (shared.containsKey(scalar) || scalar.getAnchor() != null) {
			throw new Refused(path + " has an anchor or is an alias; changing it would change other values too");
		}
		int start = scalar.getStartMark().getIndex();
		int end = scalar.getEndMark().getIndex();
		String raw = positions.text(start, end);
		if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0 || scalar.getStartMark().getLine() != scalar.getEndMark().getLine()) {
			throw new Refused(path + " is written over several lines; only single-line values are edited");
		}
		ScalarStyle style = scalar.getScalarStyle();
		boolean isNull = scalar.getTag().equals(Tag.NULL);
		String old = isNull ? null : scalar.getValue();
		int line = scalar.getStartMark().getLine() + YAML_FIRST_LINE;
		if (edit.kind() == Edit.Kind.TEXT) {
			if (!edit.expected().equals(old)) {
				throw new Refused(path + " holds '" + old + "', not the expected '" + edit.expected() + "'");
			}
			if (edit.expected().equals(edit.value())) {
				return null;
			}
		}
		else if (old != null && old.strip().equalsIgnoreCase(edit.value())
				|| scalar.getTag().equals(Tag.BOOL) && readsAs(scalar.getValue()) == Boolean.parseBoolean(edit.value())) {
			return null;
		}
		String replacement;
		switch (style) {
			case PLAIN -> {
				if (start == end) {
					if (start == 0 || positions.text(start - 1, start).charAt(0) != ':') {
						throw new Refused(path + " has an empty value in a form that cannot be filled safely");
					}
					return new Splice(start, end, " " + edit.value(), new Change(path, null, edit.value(), line));
				}
				if (!raw.equals(scalar.getValue())) {
					throw new Refused(path + " has an explicit tag or unusual form ('" + raw + "'); edit it by hand");
				}
				if (edit.kind() == Edit.Kind.FLAG) {
					replacement = ScalarText.plainFlag(raw, Boolean.parseBoolean(edit.value()));
				}
				else if (ScalarText.canBePlain(edit.value(), inFlow(parent))) {
					replacement = edit.value();
				}
				else if (ScalarText.canBeSingleQuoted(edit.value())) {
					replacement = ScalarText.singleQuoted(edit.value());
				}
				else {
					replacement = ScalarText.doubleQuoted(edit.value());
				}
			}
			case SINGLE_QUOTED -> {
				if (!raw.startsWith("'") || !raw.endsWith("'") || raw.length() < 2) {
					throw new Refused(path + " has an explicit tag or unusual form; edit it by hand");
				}
				replacement = ScalarText.canBeSingleQuoted(edit.value()) ? ScalarText.singleQuoted(edit.value())
						: ScalarText.doubleQuoted(edit.value());
			}
			case DOUBLE_QUOTED -> {
				if (!raw.startsWith("\"") || !raw.endsWith("\"") || raw.length() < 2) {
					throw new Refused(path + " has an explicit tag or unusual form; edit it by hand");
				}
				replacement = ScalarText.doubleQuoted(edit.value());
			}
			default -> throw new Refused(path + " is a block (| or >) value; only single-line values are edited");
		}
		return new Splice(start, end, replacement, new Change(path, old, edit.value(), line));
	}

	/** Adds an absent flag to its mapping: after the last field, on a line of its own, or before a flow mapping's brace. */
	private static Splice insertion(MappingNode parent, FieldPath path, String value, Positions positions) {
		List<NodeTuple> tuples = parent.getValue();
		if (tuples.isEmpty()) {
			throw new Refused(path.parent() + " is empty; " + path.field() + " is not added to an empty entry");
		}
		Node last = tuples.get(tuples.size() - 1).getValueNode();
		if (inFlow(parent)) {
			int at = last.getEndMark().getIndex();
			return new Splice(at, at, ", " + path.field() + ": " + value,
					new Change(path, null, value, last.getEndMark().getLine() + YAML_FIRST_LINE));
		}
		if (!(last instanceof ScalarNode) || last.getStartMark().getLine() != last.getEndMark().getLine()
				|| positions.text(last.getStartMark().getIndex(), last.getEndMark().getIndex()).indexOf('\n') >= 0) {
			throw new Refused(path + " is absent and the entry's last field is not a single-line value; add it by hand");
		}
		int lineEnd = positions.lineEnd(last.getEndMark().getIndex());
		if (lineEnd < 0) {
			throw new Refused(path + " is absent and its entry ends the front matter without a line break");
		}
		boolean crlf = lineEnd > 0 && positions.text(lineEnd - 1, lineEnd).equals("\r");
		int at = crlf ? lineEnd - 1 : lineEnd;
		String indent = " ".repeat(tuples.get(0).getKeyNode().getStartMark().getColumn());
		String eol = crlf ? "\r\n" : "\n";
		return new Splice(at, at, eol + indent + path.field() + ": " + value,
				new Change(path, null, value, last.getEndMark().getLine() + 1 + YAML_FIRST_LINE));
	}

	private static MappingNode parentMapping(MappingNode root, FieldPath path, Map<Node, Boolean> shared) {
		Node node = root;
		StringBuilder where = new StringBuilder();
		for (Object segment : path.parent()) {
			if (segment instanceof String key) {
				if (!(node instanceof MappingNode mapping)) {
					throw new Refused(where + " is not a mapping");
				}
				Node found = null;
				for (NodeTuple tuple : mapping.getValue()) {
					if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
						found = tuple.getValueNode();
					}
				}
				where.append(where.isEmpty() ? "" : ".").append(key);
				if (found == null) {
					throw new Refused(where + " is not in the file");
				}
				node = found;
			}
			else {
				int index = (Integer) segment;
				if (!(node instanceof SequenceNode sequence)) {
					throw new Refused(where + " is not a list");
				}
				Node found = null;
				int seen = 0;
				for (Node item : sequence.getValue()) {
					if (item instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL)) {
						continue;
					}
					if (seen++ == index) {
						found = item;
						break;
					}
				}
				where.append('[').append(index).append(']');
				if (found == null) {
					throw new Refused(where + " is not in the file");
				}
				node = found;
			}
			if (shared.containsKey(node) || node.getAnchor() != null) {
				throw new Refused(where + " has an anchor or is an alias; changing it would change other values too");
			}
		}
		if (!(node instanceof MappingNode mapping)) {
			throw new Refused(where + " is not a mapping");
		}
		return mapping;
	}

	private static boolean inFlow(MappingNode mapping) {
		return mapping.getFlowStyle() == FlowStyle.FLOW;
	}

	private static boolean readsAs(String bool) {
		String value = bool.toLowerCase(Locale.ROOT);
		return value.equals("true") || value.equals("yes") || value.equals("on");
	}

	/** Composes the edited front matter and checks it reads as the old one with exactly the edits applied. */
	private String verify(Node oldRoot, String editedYaml, Collection<Splice> splices) {
		Node newRoot;
		try {
			newRoot = compose(editedYaml);
		}
		catch (YAMLException ex) {
			return "the edited front matter would not read back (" + ex.getMessage() + "); the file is left as it was";
		}
		Budget budget = new Budget(this.limits.maxValues());
		Object expected = plain(oldRoot, budget);
		Object actual = plain(newRoot, budget);
		if (budget.exceeded()) {
			return "the front matter holds too many values once aliases are followed to check the edit; left as it was";
		}
		for (Splice splice : splices) {
			setPlain(expected, splice.change().path(), splice.reads());
		}
		if (!Objects.equals(expected, actual)) {
			return "the edited front matter would read differently beyond the edited values; the file is left as it was";
		}
		return null;
	}

	@SuppressWarnings("unchecked")
	private static void setPlain(Object root, FieldPath path, Object value) {
		Object node = root;
		for (Object segment : path.parent()) {
			if (segment instanceof String key) {
				node = ((Map<String, Object>) node).get(key);
			}
			else {
				int seen = 0;
				for (Object item : (List<Object>) node) {
					if (item != null && seen++ == (Integer) segment) {
						node = item;
						break;
					}
				}
			}
		}
		((Map<String, Object>) node).put(path.field(), value);
	}

	/** A node tree as plain lists, maps and texts (null for YAML nulls); styles and positions left out. */
	private static Object plain(Node node, Budget budget) {
		if (!budget.spend()) {
			return null;
		}
		if (node instanceof ScalarNode scalar) {
			if (scalar.getTag().equals(Tag.BOOL)) {
				return readsAs(scalar.getValue());
			}
			return scalar.getTag().equals(Tag.NULL) ? null : scalar.getValue();
		}
		if (node instanceof SequenceNode sequence) {
			List<Object> list = new ArrayList<>();
			for (Node item : sequence.getValue()) {
				list.add(plain(item, budget));
			}
			return list;
		}
		Map<Object, Object> map = new LinkedHashMap<>();
		for (NodeTuple tuple : ((MappingNode) node).getValue()) {
			map.put(plain(tuple.getKeyNode(), budget), plain(tuple.getValueNode(), budget));
		}
		return map;
	}

	/** Nodes reached more than once (through an alias): editing them would edit every place. */
	private static Map<Node, Boolean> sharedNodes(Node root) {
		Map<Node, Boolean> seen = new IdentityHashMap<>();
		Map<Node, Boolean> shared = new IdentityHashMap<>();
		List<Node> pending = new ArrayList<>();
		pending.add(root);
		while (!pending.isEmpty()) {
			Node node = pending.remove(pending.size() - 1);
			if (seen.put(node, Boolean.TRUE) != null) {
				shared.put(node, Boolean.TRUE);
				continue;
			}
			if (node instanceof SequenceNode sequence) {
				pending.addAll(sequence.getValue());
			}
			else if (node instanceof MappingNode mapping) {
				for (NodeTuple tuple : mapping.getValue()) {
					pending.add(tuple.getKeyNode());
					pending.add(tuple.getValueNode());
				}
			}
		}
		return shared;
	}

	private Node compose(String yaml) {
		LoaderOptions options = new LoaderOptions();
		options.setAllowDuplicateKeys(false);
		options.setMaxAliasesForCollections(this.limits.maxAliases());
		options.setNestingDepthLimit(this.limits.maxNestingDepth());
		options.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, this.limits.maxFileBytes()));
		options.setAllowRecursiveKeys(false);
		options.setTagInspector(tag -> false);
		return new Yaml(options).compose(new StringReader(yaml));
	}

	/**
	 * Where the front matter's YAML is in the text: after the opening {@code ---} line (and a
	 * byte-order mark) up to the closing {@code ---} or {@code ...} line, as the article parser reads it.
	 */
	private static int[] frontMatterSpan(String text) {
		int from = text.startsWith("\uFEFF") ? 1 : 0;
		int firstEnd = lineEnd(text, from);
		if (!isMarker(text, from, firstEnd, false) || firstEnd >= text.length()) {
			return null;
		}
		int start = firstEnd + 1;
		int position = start;
		while (position < text.length()) {
			int end = lineEnd(text, position);
			if (isMarker(text, position, end, true)) {
				return new int[] { start, position };
			}
			position = end + 1;
		}
		return null;
	}

	private static boolean isMarker(String text, int from, int to, boolean closing) {
		int end = to;
		while (end > from && (text.charAt(end - 1) == ' ' || text.charAt(end - 1) == '\t' || text.charAt(end - 1) == '\r')) {
			end--;
		}
		return end - from == 3 && (text.startsWith("---", from) || closing && text.startsWith("...", from));
	}

	private static int lineEnd(String text, int from) {
		int newline = text.indexOf('\n', from);
		return (newline < 0) ? text.length() : newline;
	}

	private static EditResult refuseAll(byte[] bytes, String reason) {
		return new EditResult(bytes, List.of(), List.of(new Refusal(null, reason)));
	}

	/** One span of the front matter (code point indexes, as SnakeYAML marks give them) and its new text. */
	private record Splice(int start, int end, String replacement, Change change, Object reads) {

		/** A splice whose new value reads as its text, or as a boolean for a plain flag. */
		Splice(int start, int end, String replacement, Change change) {
			this(start, end, replacement, change, readsAs(replacement, change.newValue()));
		}

		private static Object readsAs(String replacement, String value) {
			String written = replacement.strip();
			boolean quoted = written.startsWith("'") || written.startsWith("\"") || written.endsWith("'") || written.endsWith("\"");
			if (!quoted && (value.equals("true") || value.equals("false"))) {
				return Boolean.valueOf(value);
			}
			return value;
		}

	}

	/** Maps SnakeYAML's code point indexes to the string's char indexes. */
	private static final class Positions {

		private final String yaml;

		private final boolean supplementary;

		Positions(String yaml) {
			this.yaml = yaml;
			this.supplementary = yaml.codePointCount(0, yaml.length()) != yaml.length();
		}

		int charIndex(int codePoint) {
			return this.supplementary ? this.yaml.offsetByCodePoints(0, codePoint) : codePoint;
		}

		String text(int from, int to) {
			return this.yaml.substring(charIndex(from), charIndex(to));
		}

		/** The code point index of the line break ending the line holding {@code codePoint}, or -1. */
		int lineEnd(int codePoint) {
			int newline = this.yaml.indexOf('\n', charIndex(codePoint));
			if (newline < 0) {
				return -1;
			}
			return this.supplementary ? this.yaml.codePointCount(0, newline) : newline;
		}

	}

	/** Counts values visited, so a front matter full of aliases cannot make the check expensive. */
	private static final class Budget {

		private long left;

		Budget(int limit) {
			this.left = 2L * limit;
		}

		boolean spend() {
			return --this.left >= 0;
		}

		boolean exceeded() {
			return this.left < 0;
		}

	}

	/** An edit that cannot be made safely; the message says why. */
	private static final class Refused extends RuntimeException {

		Refused(String message) {
			super(message, null, false, false);
		}

	}

}
