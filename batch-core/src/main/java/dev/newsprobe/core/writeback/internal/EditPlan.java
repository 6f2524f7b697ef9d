package dev.newsprobe.core.writeback.internal;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.newsprobe.core.frontmatter.FrontMatterSpan;
import dev.newsprobe.core.frontmatter.YamlValues;
import dev.newsprobe.core.writeback.Edit;
import dev.newsprobe.core.writeback.EditResult.Change;
import dev.newsprobe.core.writeback.FieldPath;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Where each edit of one front matter goes: the span of text it replaces (code point positions,
 * as the YAML library marks them) and the new text, written in the style of the old value; or why
 * it cannot be made safely.
 */
public final class EditPlan {

	private static final int YAML_FIRST_LINE = FrontMatterSpan.YAML_FIRST_LINE;

	private final MappingNode root;

	private final Map<Node, Boolean> shared;

	private final CodePoints positions;

	/**
	 * @param root the composed front matter
	 * @param shared the nodes reached more than once (through aliases)
	 * @param positions the front matter's text
	 */
	public EditPlan(MappingNode root, Map<Node, Boolean> shared, CodePoints positions) {
		this.root = root;
		this.shared = shared;
		this.positions = positions;
	}

	/**
	 * The splice that makes an edit.
	 * @return the splice, {@code null} when the file already holds the value
	 * @throws Refused when the edit cannot be made safely
	 */
	public Splice splice(Edit edit) {
		FieldPath path = edit.path();
		MappingNode parent = parentMapping(path);
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
			return insertion(parent, path, edit.value());
		}
		if (!(tuple.getValueNode() instanceof ScalarNode scalar)) {
			throw new Refused(path + " is a list or mapping, not a single value");
		}
		if (this.shared.containsKey(scalar) || scalar.getAnchor().isPresent()) {
			throw new Refused(path + " has an anchor or is an alias; changing it would change other values too");
		}
		int start = index(scalar.getStartMark());
		int end = index(scalar.getEndMark());
		String raw = this.positions.text(start, end);
		if (raw.indexOf('\n') >= 0 || raw.indexOf('\r') >= 0 || line(scalar.getStartMark()) != line(scalar.getEndMark())) {
			throw new Refused(path + " is written over several lines; only single-line values are edited");
		}
		boolean isNull = scalar.getTag().equals(Tag.NULL);
		String old = isNull ? null : scalar.getValue();
		int line = line(scalar.getStartMark()) + YAML_FIRST_LINE;
		if (edit.kind() == Edit.Kind.TEXT) {
			if (!edit.expected().equals(old)) {
				throw new Refused(path + " holds '" + old + "', not the expected '" + edit.expected() + "'");
			}
			if (edit.expected().equals(edit.value())) {
				return null;
			}
		}
		else if (old != null && old.strip().equalsIgnoreCase(edit.value())
				|| Boolean.valueOf(edit.value()).equals(flag(scalar))) {
			return null;
		}
		String replacement = switch (scalar.getScalarStyle()) {
			case PLAIN -> {
				if (start == end) {
					if (start == 0 || this.positions.text(start - 1, start).charAt(0) != ':') {
						throw new Refused(path + " has an empty value in a form that cannot be filled safely");
					}
					yield " " + edit.value();
				}
				if (!raw.equals(scalar.getValue())) {
					throw new Refused(path + " has an explicit tag or unusual form ('" + raw + "'); edit it by hand");
				}
				if (edit.kind() == Edit.Kind.FLAG) {
					yield ScalarText.plainFlag(raw, Boolean.parseBoolean(edit.value()));
				}
				if (ScalarText.canBePlain(edit.value(), inFlow(parent))) {
					yield edit.value();
				}
				yield ScalarText.canBeSingleQuoted(edit.value()) ? ScalarText.singleQuoted(edit.value())
						: ScalarText.doubleQuoted(edit.value());
			}
			case SINGLE_QUOTED -> {
				if (!raw.startsWith("'") || !raw.endsWith("'") || raw.length() < 2) {
					throw new Refused(path + " has an explicit tag or unusual form; edit it by hand");
				}
				yield ScalarText.canBeSingleQuoted(edit.value()) ? ScalarText.singleQuoted(edit.value())
						: ScalarText.doubleQuoted(edit.value());
			}
			case DOUBLE_QUOTED -> {
				if (!raw.startsWith("\"") || !raw.endsWith("\"") || raw.length() < 2) {
					throw new Refused(path + " has an explicit tag or unusual form; edit it by hand");
				}
				yield ScalarText.doubleQuoted(edit.value());
			}
			default -> throw new Refused(path + " is a block (| or >) value; only single-line values are edited");
		};
		return new Splice(start, end, replacement, new Change(path, old, edit.value(), line));
	}

	/**
	 * What a plain, unquoted flag value means: true or false by YAML 1.2's core schema, or YAML
	 * 1.1's {@code yes}/{@code no}/{@code on}/{@code off} (text in YAML 1.2, which the article
	 * parser reads leniently); {@code null} for anything else.
	 */
	static Boolean flag(ScalarNode scalar) {
		String value = scalar.getValue().strip().toLowerCase(Locale.ROOT);
		if (scalar.getTag().equals(Tag.BOOL)) {
			return value.equals("true");
		}
		if (scalar.getScalarStyle() == ScalarStyle.PLAIN && (value.equals("yes") || value.equals("on"))) {
			return true;
		}
		if (scalar.getScalarStyle() == ScalarStyle.PLAIN && (value.equals("no") || value.equals("off"))) {
			return false;
		}
		return null;
	}

	/** Adds an absent flag to its mapping: after the last field, on a line of its own, or before a flow mapping's brace. */
	private Splice insertion(MappingNode parent, FieldPath path, String value) {
		List<NodeTuple> tuples = parent.getValue();
		if (tuples.isEmpty()) {
			throw new Refused(path.parent() + " is empty; " + path.field() + " is not added to an empty entry");
		}
		Node last = tuples.get(tuples.size() - 1).getValueNode();
		if (inFlow(parent)) {
			int at = index(last.getEndMark());
			return new Splice(at, at, ", " + path.field() + ": " + value,
					new Change(path, null, value, line(last.getEndMark()) + YAML_FIRST_LINE));
		}
		if (!(last instanceof ScalarNode) || line(last.getStartMark()) != line(last.getEndMark())
				|| this.positions.text(index(last.getStartMark()), index(last.getEndMark())).indexOf('\n') >= 0) {
			throw new Refused(path + " is absent and the entry's last field is not a single-line value; add it by hand");
		}
		int lineEnd = this.positions.lineEnd(index(last.getEndMark()));
		if (lineEnd < 0) {
			throw new Refused(path + " is absent and its entry ends the front matter without a line break");
		}
		boolean crlf = lineEnd > 0 && this.positions.text(lineEnd - 1, lineEnd).equals("\r");
		int at = crlf ? lineEnd - 1 : lineEnd;
		String indent = " ".repeat(tuples.get(0).getKeyNode().getStartMark().map(Mark::getColumn).orElse(0));
		String eol = crlf ? "\r\n" : "\n";
		return new Splice(at, at, eol + indent + path.field() + ": " + value,
				new Change(path, null, value, line(last.getEndMark()) + 1 + YAML_FIRST_LINE));
	}

	private MappingNode parentMapping(FieldPath path) {
		Node node = this.root;
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
					if (YamlValues.isNull(item)) {
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
			if (this.shared.containsKey(node) || node.getAnchor().isPresent()) {
				throw new Refused(where + " has an anchor or is an alias; changing it would change other values too");
			}
		}
		if (!(node instanceof MappingNode mapping)) {
			throw new Refused(where + " is not a mapping");
		}
		return mapping;
	}

	/** Sets a value in a plain tree (as {@link YamlValues#plain} gives it) at a path. */
	@SuppressWarnings("unchecked")
	public static void setPlain(Object root, FieldPath path, Object value) {
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

	private static boolean inFlow(MappingNode mapping) {
		return mapping.getFlowStyle() == FlowStyle.FLOW;
	}

	private static int index(java.util.Optional<Mark> mark) {
		return mark.map(Mark::getIndex).orElseThrow(() -> new Refused("the YAML library gave no position for a value"));
	}

	private static int line(java.util.Optional<Mark> mark) {
		return mark.map(Mark::getLine).orElse(-1);
	}

	/**
	 * One span of the front matter (code point indexes) and its new text.
	 *
	 * @param start where the replaced text starts
	 * @param end where it ends
	 * @param replacement the new text
	 * @param change the change it makes
	 * @param reads how the new text reads as a plain value ({@link YamlValues#plain})
	 */
	public record Splice(int start, int end, String replacement, Change change, Object reads) {

		Splice(int start, int end, String replacement, Change change) {
			this(start, end, replacement, change, ScalarText.reads(replacement, change.newValue()));
		}

	}

	/** An edit that cannot be made safely; the message says why. */
	public static final class Refused extends RuntimeException {

		public Refused(String message) {
			super(message, null, false, false);
		}

	}

}
