package dev.newsprobe.core.frontmatter;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.newsprobe.core.frontmatter.YamlProblem.Kind;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The values of one composed front matter: each mapping's entries with {@code <<} merge keys
 * applied and duplicate keys refused, and any node as plain Java (text, numbers, booleans, lists,
 * mappings, null). Every node visited costs one value of a budget, so aliases followed many times
 * cannot make a small file expensive; a node met again inside itself is refused rather than
 * followed, so no input can make the conversion loop or overflow the stack.
 * <p>
 * Tags: YAML's own ({@code !!str}, {@code !!int}, {@code !!float}, {@code !!bool}, {@code !!null},
 * {@code !!seq}, {@code !!map}, and {@code !!binary}, {@code !!timestamp}, {@code !!set},
 * {@code !!omap}, {@code !!pairs}, read as the text or structure they tag) are honoured; any other
 * tag ({@code !local}, {@code !!python/object}, a tag URI) is refused, because it asks for a type
 * newsprobe does not have. One instance per document; not thread-safe.
 */
public final class YamlValues {

	private static final String YAML = "tag:yaml.org,2002:";

	private static final Set<String> TEXT_TAGS = Set.of(YAML + "str", YAML + "binary", YAML + "timestamp");

	private static final Set<String> SEQUENCE_TAGS = Set.of(YAML + "seq", YAML + "omap", YAML + "pairs");

	private static final Set<String> MAPPING_TAGS = Set.of(YAML + "map", YAML + "set");

	private final int firstLine;

	private final int maxDepth;

	private final int limit;

	private int spent;

	/** Nodes being converted, to refuse one met again inside itself. */
	private final Map<Node, Boolean> converting = new IdentityHashMap<>();

	/**
	 * @param limits the limits of the front matter
	 * @param firstLine the file line the YAML text starts on
	 */
	public YamlValues(FrontMatterLimits limits, int firstLine) {
		this.firstLine = firstLine;
		this.maxDepth = limits.maxNestingDepth() + 1;
		this.limit = limits.maxValues();
	}

	/**
	 * One entry of a mapping.
	 *
	 * @param key the key as text (a plain scalar's text, or the text form of another key)
	 * @param keyNode the key's node
	 * @param value the value's node
	 * @param merged whether the entry comes from a {@code <<} merge rather than the mapping itself
	 */
	public record Entry(String key, Node keyNode, Node value, boolean merged) {
	}

	/**
	 * The entries of a mapping, in file order, then those merged in by {@code <<} that the mapping
	 * does not give itself (earlier merged mappings win over later ones).
	 * @throws YamlProblem for a duplicate key, a key starting or ending with a non-breaking space, a bad merge
	 */
	public List<Entry> entries(MappingNode mapping) {
		List<Entry> entries = new ArrayList<>(mapping.getValue().size());
		Map<String, Node> seen = new HashMap<>();
		List<Node> merges = new ArrayList<>();
		for (NodeTuple tuple : mapping.getValue()) {
			spend(tuple.getKeyNode());
			Node keyNode = tuple.getKeyNode();
			if (keyNode instanceof ScalarNode scalar && scalar.getTag().equals(Tag.MERGE)) {
				merges.add(tuple.getValueNode());
				continue;
			}
			String key = keyText(keyNode);
			Node earlier = seen.putIfAbsent(key, keyNode);
			if (earlier != null) {
				throw problem(Kind.DUPLICATE_KEY, keyNode, "key '" + shorten(key) + "' appears twice (lines " + line(earlier) + " and "
						+ line(keyNode) + "), so which value is meant is unknown; keep one");
			}
			entries.add(new Entry(key, keyNode, tuple.getValueNode(), false));
		}
		for (Node merge : merges) {
			for (MappingNode source : mergeSources(merge)) {
				for (Entry entry : entries(source)) {
					if (seen.putIfAbsent(entry.key(), entry.keyNode()) == null) {
						entries.add(new Entry(entry.key(), entry.keyNode(), entry.value(), true));
					}
				}
			}
		}
		return entries;
	}

	/**
	 * A node as plain Java: {@link String}, {@link Long} or {@link BigInteger}, {@link Double},
	 * {@link Boolean}, {@link List}, {@link Map} with text keys (insertion ordered), or {@code null}.
	 * @throws YamlProblem for a refused tag, a value its tag does not fit, a duplicate key, or the value budget spent
	 */
	public Object plain(Node node) {
		return plain(node, 0);
	}

	private Object plain(Node node, int depth) {
		spend(node);
		if (node instanceof ScalarNode scalar) {
			return scalar(scalar);
		}
		if (depth > this.maxDepth || this.converting.put(node, Boolean.TRUE) != null) {
			throw problem(Kind.RECURSIVE_ALIAS, node, "this list or mapping contains itself through an alias; recursive structures are not read");
		}
		try {
			if (node instanceof SequenceNode sequence) {
				requireKnownTag(node);
				List<Object> list = new ArrayList<>(sequence.getValue().size());
				for (Node item : sequence.getValue()) {
					list.add(plain(item, depth + 1));
				}
				return list;
			}
			requireKnownTag(node);
			Map<String, Object> map = new LinkedHashMap<>();
			for (Entry entry : entries((MappingNode) node)) {
				map.put(entry.key(), plain(entry.value(), depth + 1));
			}
			return map;
		}
		finally {
			this.converting.remove(node);
		}
	}

	/** A scalar as plain Java, by its tag. */
	public Object scalar(ScalarNode scalar) {
		String tag = scalar.getTag().getValue();
		String value = scalar.getValue();
		if (TEXT_TAGS.contains(tag)) {
			return value;
		}
		switch (tag) {
			case YAML + "null" -> {
				if (!value.isEmpty() && !isNullText(value)) {
					throw problem(Kind.UNSUPPORTED_TAG, scalar, "'" + shorten(value) + "' is tagged !!null but is not null, ~ or empty");
				}
				return null;
			}
			case YAML + "bool" -> {
				String lower = value.strip().toLowerCase(Locale.ROOT);
				if (!lower.equals("true") && !lower.equals("false")) {
					throw problem(Kind.UNSUPPORTED_TAG, scalar, "'" + shorten(value) + "' is tagged !!bool but is not true or false");
				}
				return Boolean.valueOf(lower);
			}
			case YAML + "int" -> {
				BigInteger number = integer(value);
				if (number == null) {
					throw problem(Kind.UNSUPPORTED_TAG, scalar, "'" + shorten(value) + "' is tagged !!int but is not a whole number");
				}
				return (number.bitLength() < 64) ? (Object) number.longValue() : number;
			}
			case YAML + "float" -> {
				Double number = decimal(value);
				if (number == null) {
					throw problem(Kind.UNSUPPORTED_TAG, scalar, "'" + shorten(value) + "' is tagged !!float but is not a number");
				}
				return number;
			}
			default -> throw unsupported(scalar);
		}
	}

	/**
	 * A YAML 1.2 core-schema integer: decimal with an optional sign, {@code 0o} octal or {@code 0x}
	 * hexadecimal; {@code null} for anything else.
	 */
	public static BigInteger integer(String text) {
		String value = text.strip();
		try {
			if (value.startsWith("0x") && value.length() > 2) {
				return new BigInteger(value.substring(2), 16);
			}
			if (value.startsWith("0o") && value.length() > 2) {
				return new BigInteger(value.substring(2), 8);
			}
			if (!value.isEmpty() && value.chars().skip((value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0)
				.allMatch(c -> c >= '0' && c <= '9') && value.length() > ((value.charAt(0) == '+' || value.charAt(0) == '-') ? 1 : 0)) {
				return new BigInteger(value.startsWith("+") ? value.substring(1) : value);
			}
		}
		catch (NumberFormatException ex) {
			return null;
		}
		return null;
	}

	/** A YAML 1.2 core-schema float ({@code .inf}, {@code -.Inf}, {@code .nan} included); {@code null} for anything else. */
	public static Double decimal(String text) {
		String value = text.strip();
		String unsigned = (value.startsWith("+") || value.startsWith("-")) ? value.substring(1) : value;
		if (unsigned.equalsIgnoreCase(".inf")) {
			return value.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
		}
		if (value.equalsIgnoreCase(".nan")) {
			return Double.NaN;
		}
		if (unsigned.isEmpty() || !(Character.isDigit(unsigned.charAt(0)) || unsigned.charAt(0) == '.')
				|| unsigned.chars().anyMatch(c -> !(Character.isDigit(c) || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-'))) {
			return null;
		}
		try {
			return Double.valueOf(value);
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	/** Whether a node is a null scalar ({@code ~}, {@code null}, nothing, or tagged {@code !!null}). */
	public static boolean isNull(Node node) {
		return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
	}

	/** The file line (1-based) a node starts on. */
	public int line(Node node) {
		return node.getStartMark().map(Mark::getLine).orElse(0) + this.firstLine;
	}

	/** A problem located at a node. */
	public YamlProblem problem(Kind kind, Node node, String message) {
		return new YamlProblem(kind, line(node), node.getStartMark().map(mark -> mark.getColumn() + 1).orElse(0), message);
	}

	private String keyText(Node keyNode) {
		if (keyNode instanceof ScalarNode scalar) {
			String key = String.valueOf(scalar(scalar));
			if (!key.isEmpty() && (isOddSpace(key.charAt(0)) || isOddSpace(key.charAt(key.length() - 1)))) {
				throw problem(Kind.SYNTAX, keyNode, "the key '" + shorten(key.strip()) + "' starts or ends with a non-breaking or other"
						+ " special space (U+" + String.format("%04X", (int) (isOddSpace(key.charAt(0)) ? key.charAt(0) : key.charAt(key.length() - 1)))
						+ "), which YAML does not count as indentation or separation; use ordinary spaces");
			}
			return key;
		}
		return String.valueOf(plain(keyNode));
	}

	private List<MappingNode> mergeSources(Node merge) {
		if (merge instanceof MappingNode mapping) {
			return List.of(mapping);
		}
		if (merge instanceof SequenceNode sequence && sequence.getValue().stream().allMatch(MappingNode.class::isInstance)) {
			return sequence.getValue().stream().map(MappingNode.class::cast).toList();
		}
		throw problem(Kind.SYNTAX, merge, "a '<<' merge key needs a mapping (or a list of mappings) to merge, usually an alias such as *base");
	}

	/**
	 * Refuses a node whose tag newsprobe does not read, or a scalar its tag does not fit.
	 * @throws YamlProblem when it is refused
	 */
	public void requireKnownTag(Node node) {
		if (node instanceof ScalarNode scalar) {
			scalar(scalar);
		}
		else if (!node.isResolved()
				&& !((node instanceof SequenceNode) ? SEQUENCE_TAGS : MAPPING_TAGS).contains(node.getTag().getValue())) {
			throw unsupported(node);
		}
	}

	private YamlProblem unsupported(Node node) {
		String tag = node.getTag().getValue();
		String shown = tag.startsWith(YAML) ? "!!" + tag.substring(YAML.length()) : tag;
		return problem(Kind.UNSUPPORTED_TAG, node, "the tag '" + shorten(shown) + "' asks for a type newsprobe does not read (only YAML's own"
				+ " !!str, !!int, !!float, !!bool, !!null, !!seq and !!map are); remove the tag");
	}

	private void spend(Node node) {
		if (++this.spent > this.limit) {
			throw new YamlProblem(Kind.NESTING_LIMIT, this.firstLine, 0,
					"the front matter holds more than " + this.limit + " values once aliases are followed");
		}
	}

	private static boolean isNullText(String value) {
		return value.equals("~") || value.equals("null") || value.equals("Null") || value.equals("NULL");
	}

	private static boolean isOddSpace(char c) {
		return c == '\u00A0' || c == '\u2007' || c == '\u202F' || c == '\u3000' || (c >= '\u2000' && c <= '\u200B') || c == '\uFEFF';
	}

	private static String shorten(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

}
