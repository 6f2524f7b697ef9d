package dev.newsprobe.core.article.internal;

import java.math.BigInteger;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * The fields of one YAML mapping, read leniently: a value of a slightly wrong type
 * ({@code width: "700"}, {@code isCached: "true"}, a date without offset) is converted and noted;
 * a value of the wrong structure (a text where a list belongs) rejects the file. Works on the
 * composed node tree, so nothing is ever instantiated from YAML tags and every value knows its line.
 */
public final class YamlFields {

	/** A date and a time apart by a space or a lower-case t, which ISO-8601 writes with a T. */
	private static final Pattern DATE_THEN_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})[ t](\\d)");

	/** An offset apart from the time by a space, which ISO-8601 writes right after it. */
	private static final Pattern SPACED_OFFSET = Pattern.compile(" ?([+-]\\d{2}(:?\\d{2})?|Z)$");

	private static final Pattern WHOLE_DECIMAL = Pattern.compile("[+-]?\\d+\\.0*");

	private static final Pattern SMALL_WHOLE = Pattern.compile("[+-]?\\d{1,9}");

	private final Map<String, NodeTuple> fields = new LinkedHashMap<>();

	private final String context;

	private final int lineOffset;

	private final Budget budget;

	private final List<Finding> findings;

	private YamlFields(MappingNode node, String context, int lineOffset, Budget budget, List<Finding> findings) {
		this.context = context;
		this.lineOffset = lineOffset;
		this.budget = budget;
		this.findings = findings;
		for (NodeTuple tuple : node.getValue()) {
			budget.spend();
			String key = (tuple.getKeyNode() instanceof ScalarNode scalar) ? scalar.getValue() : null;
			if (key == null) {
				throw reject(FindingCode.WRONG_TYPE, tuple.getKeyNode(), context + "has a key that is not text");
			}
			NodeTuple earlier = this.fields.putIfAbsent(key, tuple);
			if (earlier != null) {
				throw reject(FindingCode.DUPLICATE_KEY, tuple.getKeyNode(), context + "key '" + key
						+ "' appears twice (lines " + line(earlier.getKeyNode()) + " and " + line(tuple.getKeyNode())
						+ "); keep one");
			}
		}
	}

	/**
	 * Reads the top-level mapping of a front matter.
	 * @param root the composed document, {@code null} for an empty one
	 * @param lineOffset the file line of the YAML's first line
	 * @param maxValues how many values the document may hold once aliases are followed
	 * @param findings where lenient readings are noted
	 * @return the fields
	 */
	public static YamlFields ofDocument(Node root, int lineOffset, int maxValues, List<Finding> findings) {
		if (!(root instanceof MappingNode mapping)) {
			String found = (root == null) ? "nothing" : describe(root);
			throw new Rejection(new Finding(FindingCode.NOT_A_MAPPING, (root == null) ? lineOffset : root.getStartMark().getLine() + lineOffset,
					"the front matter must be a mapping of keys to values, found " + found));
		}
		return new YamlFields(mapping, "", lineOffset, new Budget(maxValues, lineOffset), findings);
	}

	/** The keys in file order. */
	public Iterable<String> keys() {
		return this.fields.keySet();
	}

	/** The line of a key's value, or of the mapping when the key is absent. */
	public int lineOf(String key) {
		NodeTuple tuple = this.fields.get(key);
		return (tuple != null) ? line(tuple.getValueNode()) : 0;
	}

	/** A text value; numbers, booleans and dates are taken as written. */
	public String text(String key) {
		Node node = value(key);
		if (node == null) {
			return null;
		}
		return scalar(key, node, "text").getValue();
	}

	/** A whole number; text holding one is read and noted, anything else is noted and ignored. */
	public Integer integer(String key) {
		Node node = value(key);
		if (node == null) {
			return null;
		}
		ScalarNode scalar = scalar(key, node, "a whole number");
		String raw = scalar.getValue().strip();
		Tag tag = scalar.getTag();
		try {
			if (tag.equals(Tag.INT)) {
				return new BigInteger(raw.replace("_", "")).intValueExact();
			}
			if (tag.equals(Tag.FLOAT) && WHOLE_DECIMAL.matcher(raw).matches()) {
				note(node, key + " " + raw + " is a decimal; read as " + raw.substring(0, raw.indexOf('.')));
				return Integer.valueOf(raw.substring(0, raw.indexOf('.')));
			}
			if (SMALL_WHOLE.matcher(raw).matches()) {
				note(node, key + " \"" + raw + "\" is text, not a number; read as " + Integer.parseInt(raw));
				return Integer.valueOf(raw);
			}
		}
		catch (ArithmeticException | NumberFormatException ex) {
			// noted below
		}
		note(node, key + " '" + shorten(raw) + "' is not a whole number; ignored");
		return null;
	}

	/** A boolean; {@code "true"}/{@code "false"} as text are read and noted, anything else is noted and ignored. */
	public Boolean bool(String key) {
		Node node = value(key);
		if (node == null) {
			return null;
		}
		ScalarNode scalar = scalar(key, node, "true or false");
		String raw = scalar.getValue().strip().toLowerCase(Locale.ROOT);
		if (scalar.getTag().equals(Tag.BOOL)) {
			return raw.equals("true") || raw.equals("yes") || raw.equals("on") || raw.equals("y");
		}
		if (raw.equals("true") || raw.equals("false")) {
			note(node, key + " \"" + scalar.getValue() + "\" is text, not a boolean; read as " + raw);
			return raw.equals("true");
		}
		note(node, key + " '" + shorten(scalar.getValue()) + "' is not true or false; ignored");
		return null;
	}

	/**
	 * An ISO-8601 date-time; without an offset it is read as UTC and noted. Years outside 1 to 9999
	 * (year 0, before Christ, five digits) are noted and ignored: no news article has one, and
	 * PostgreSQL and ISO-8601's plain form cannot both hold them.
	 */
	public OffsetDateTime dateTime(String key) {
		Node node = value(key);
		if (node == null) {
			return null;
		}
		String raw = scalar(key, node, "a date-time").getValue().strip();
		OffsetDateTime read = readDateTime(node, key, raw);
		if (read != null && (read.getYear() < 1 || read.getYear() > 9999)) {
			note(node, key + " '" + shorten(raw) + "' is not in the years 1 to 9999; ignored");
			return null;
		}
		return read;
	}

	private OffsetDateTime readDateTime(Node node, String key, String raw) {
		String iso = SPACED_OFFSET.matcher(DATE_THEN_TIME.matcher(raw).replaceFirst("$1T$2")).replaceFirst("$1");
		try {
			return OffsetDateTime.parse(iso);
		}
		catch (DateTimeParseException ex) {
			// try the forms without offset
		}
		try {
			OffsetDateTime read = LocalDateTime.parse(iso).atOffset(ZoneOffset.UTC);
			note(node, key + " '" + raw + "' has no time-zone offset; read as UTC");
			return read;
		}
		catch (DateTimeParseException ex) {
			// try a date alone
		}
		try {
			OffsetDateTime read = LocalDate.parse(iso).atStartOfDay().atOffset(ZoneOffset.UTC);
			note(node, key + " '" + raw + "' is a date without a time; read as midnight UTC");
			return read;
		}
		catch (DateTimeParseException ex) {
			note(node, key + " '" + shorten(raw) + "' is not an ISO-8601 date-time; ignored");
			return null;
		}
	}

	/** A list of texts; a single text is read as a list of one and noted. */
	public List<String> texts(String key) {
		Node node = value(key);
		if (node == null) {
			return List.of();
		}
		if (node instanceof ScalarNode scalar) {
			note(node, key + " is a single text, not a list; read as a list of one");
			return List.of(scalar.getValue());
		}
		if (!(node instanceof SequenceNode sequence)) {
			throw reject(FindingCode.WRONG_TYPE, node, this.context + key + " must be a list of texts, found " + describe(node));
		}
		List<String> texts = new ArrayList<>();
		for (Node item : sequence.getValue()) {
			this.budget.spend();
			if (isNull(item)) {
				continue;
			}
			texts.add(scalar(key, item, "text").getValue());
		}
		return texts;
	}

	/** A nested mapping, or {@code null} when absent or null. */
	public YamlFields mapping(String key) {
		Node node = value(key);
		if (node == null) {
			return null;
		}
		if (!(node instanceof MappingNode mapping)) {
			throw reject(FindingCode.WRONG_TYPE, node, this.context + key + " must be a mapping, found " + describe(node));
		}
		return new YamlFields(mapping, this.context + key + ": ", this.lineOffset, this.budget, this.findings);
	}

	/** A list of mappings (e.g. {@code images}); absent, null and empty all give an empty list. */
	public List<YamlFields> mappings(String key, String itemName) {
		Node node = value(key);
		if (node == null) {
			return List.of();
		}
		if (!(node instanceof SequenceNode sequence)) {
			throw reject(FindingCode.WRONG_TYPE, node, this.context + key + " must be a list of " + itemName
					+ " entries, found " + describe(node));
		}
		List<YamlFields> items = new ArrayList<>();
		int index = 0;
		for (Node item : sequence.getValue()) {
			index++;
			this.budget.spend();
			if (isNull(item)) {
				continue;
			}
			if (!(item instanceof MappingNode mapping)) {
				throw reject(FindingCode.WRONG_TYPE, item, this.context + key + " entry " + index + " must be a mapping with "
						+ itemName + " fields, found " + describe(item));
			}
			items.add(new YamlFields(mapping, this.context + key + " entry " + index + ": ", this.lineOffset, this.budget,
					this.findings));
		}
		return items;
	}

	/** The value of a key as plain Java (String, Long, BigInteger, Double, Boolean, List, Map or null). */
	public Object plain(String key) {
		NodeTuple tuple = this.fields.get(key);
		return (tuple != null) ? toPlain(tuple.getValueNode()) : null;
	}

	/** Whether the value is a scalar (as opposed to a list or mapping). */
	public boolean isScalar(String key) {
		NodeTuple tuple = this.fields.get(key);
		return tuple != null && tuple.getValueNode() instanceof ScalarNode;
	}

	/** The line of the first key of this mapping, to locate it. */
	public int line() {
		return this.fields.isEmpty() ? 0 : line(this.fields.values().iterator().next().getKeyNode());
	}

	/** Notes a lenient reading or another non-rejecting problem at a key's line. */
	public void note(FindingCode code, String key, String message) {
		this.findings.add(new Finding(code, lineOf(key), this.context + message));
	}

	private Object toPlain(Node node) {
		this.budget.spend();
		if (node instanceof ScalarNode scalar) {
			Tag tag = scalar.getTag();
			String raw = scalar.getValue();
			if (tag.equals(Tag.NULL)) {
				return null;
			}
			if (tag.equals(Tag.BOOL)) {
				return Boolean.valueOf(raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("yes") || raw.equalsIgnoreCase("on"));
			}
			if (tag.equals(Tag.INT)) {
				try {
					BigInteger value = new BigInteger(raw.replace("_", ""));
					return (value.bitLength() < 64) ? (Object) value.longValue() : value;
				}
				catch (NumberFormatException ex) {
					return raw;
				}
			}
			if (tag.equals(Tag.FLOAT)) {
				try {
					return Double.valueOf(raw.replace("_", ""));
				}
				catch (NumberFormatException ex) {
					return raw;
				}
			}
			return raw;
		}
		if (node instanceof SequenceNode sequence) {
			List<Object> list = new ArrayList<>();
			for (Node item : sequence.getValue()) {
				list.add(toPlain(item));
			}
			return list;
		}
		Map<String, Object> map = new LinkedHashMap<>();
		for (NodeTuple tuple : ((MappingNode) node).getValue()) {
			Node keyNode = tuple.getKeyNode();
			String key = (keyNode instanceof ScalarNode scalar) ? scalar.getValue() : String.valueOf(toPlain(keyNode));
			map.put(key, toPlain(tuple.getValueNode()));
		}
		return map;
	}

	private Node value(String key) {
		NodeTuple tuple = this.fields.get(key);
		if (tuple == null || isNull(tuple.getValueNode())) {
			return null;
		}
		return tuple.getValueNode();
	}

	private ScalarNode scalar(String key, Node node, String expected) {
		this.budget.spend();
		if (node instanceof ScalarNode scalar) {
			return scalar;
		}
		throw reject(FindingCode.WRONG_TYPE, node, this.context + key + " must be " + expected + ", found " + describe(node));
	}

	private void note(Node node, String message) {
		this.findings.add(new Finding(FindingCode.LENIENT_VALUE, line(node), this.context + message));
	}

	private Rejection reject(FindingCode code, Node node, String message) {
		return new Rejection(new Finding(code, line(node), message));
	}

	private int line(Node node) {
		return node.getStartMark().getLine() + this.lineOffset;
	}

	private static boolean isNull(Node node) {
		return node instanceof ScalarNode scalar && scalar.getTag().equals(Tag.NULL);
	}

	private static String describe(Node node) {
		if (node instanceof ScalarNode scalar) {
			return "the text '" + shorten(scalar.getValue()) + "'";
		}
		return (node instanceof SequenceNode) ? "a list" : "a mapping";
	}

	private static String shorten(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

	/** Counts values visited, so aliases followed many times cannot make a small file expensive. */
	private static final class Budget {

		private final int limit;

		private final int lineOffset;

		private int spent;

		Budget(int limit, int lineOffset) {
			this.limit = limit;
			this.lineOffset = lineOffset;
		}

		void spend() {
			if (++this.spent > this.limit) {
				throw new Rejection(new Finding(FindingCode.NESTING_LIMIT, this.lineOffset,
						"the front matter holds more than " + this.limit + " values once aliases are followed"));
			}
		}

	}

}
