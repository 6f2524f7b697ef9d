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
import dev.newsprobe.core.frontmatter.YamlProblem;
import dev.newsprobe.core.frontmatter.YamlValues;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * The fields of one YAML mapping, read leniently: a value of a slightly wrong type
 * ({@code width: "700"}, {@code isCached: "true"}, YAML 1.1's {@code yes}, a date without offset)
 * is converted and noted; a value of the wrong structure (a text where a list belongs) rejects the
 * file. Works on the composed node tree through {@link YamlValues} (merge keys applied, duplicate
 * keys refused, every value counted against the budget), so nothing is ever instantiated from a tag
 * and every value knows its line.
 */
public final class YamlFields {

	/** A date and a time apart by a space or a lower-case t, which ISO-8601 writes with a T. */
	private static final Pattern DATE_THEN_TIME = Pattern.compile("^(\\d{4}-\\d{2}-\\d{2})[ t](\\d)");

	/** An offset apart from the time by spaces, which ISO-8601 writes right after it. */
	private static final Pattern SPACED_OFFSET = Pattern.compile(" *([+-]\\d{2}(:?\\d{2})?|Z)$");

	/** An offset without its colon ({@code +0200}, as Jekyll writes it), or hours alone ({@code +02}). */
	private static final Pattern COMPACT_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})?$");

	private static final Pattern WHOLE_DECIMAL = Pattern.compile("[+-]?\\d+\\.0*");

	private static final Pattern SMALL_WHOLE = Pattern.compile("[+-]?\\d{1,9}");

	private final Map<String, YamlValues.Entry> fields = new LinkedHashMap<>();

	private final String context;

	private final YamlValues values;

	private final List<Finding> findings;

	private YamlFields(MappingNode node, String context, YamlValues values, List<Finding> findings) {
		this.context = context;
		this.values = values;
		this.findings = findings;
		values.requireKnownTag(node);
		List<YamlValues.Entry> entries;
		try {
			entries = values.entries(node);
		}
		catch (YamlProblem ex) {
			// the mapping's place in the article says which one it is: "provider: key 'name' appears twice"
			throw context.isEmpty() ? ex : new YamlProblem(ex.kind(), ex.line(), ex.column(), context + ex.problem());
		}
		for (YamlValues.Entry entry : entries) {
			if (!(entry.keyNode() instanceof ScalarNode)) {
				throw reject(FindingCode.WRONG_TYPE, entry.keyNode(), context + "has a key that is not text (a list or mapping)");
			}
			this.fields.put(entry.key(), entry);
		}
	}

	/**
	 * Reads the top-level mapping of a front matter.
	 * @param root the composed document, {@code null} for an empty one
	 * @param values the values of the document
	 * @param yamlFirstLine the file line the YAML starts on
	 * @param findings where lenient readings are noted
	 * @return the fields
	 */
	public static YamlFields ofDocument(Node root, YamlValues values, int yamlFirstLine, List<Finding> findings) {
		if (!(root instanceof MappingNode mapping)) {
			String found = (root == null) ? "nothing" : describe(root);
			throw new Rejection(new Finding(FindingCode.NOT_A_MAPPING, (root == null) ? yamlFirstLine : values.line(root),
					"the front matter must be a mapping of keys to values, found " + found));
		}
		return new YamlFields(mapping, "", values, findings);
	}

	/** The keys in file order (merged keys after the mapping's own). */
	public Iterable<String> keys() {
		return this.fields.keySet();
	}

	/** The line of a key's value, or 0 when the key is absent. */
	public int lineOf(String key) {
		YamlValues.Entry entry = this.fields.get(key);
		return (entry != null) ? line(entry.value()) : 0;
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
				BigInteger value = YamlValues.integer(raw);
				if (value != null) {
					return value.intValueExact();
				}
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

	/**
	 * A boolean; {@code "true"}/{@code "false"} as text, and YAML 1.1's {@code yes}/{@code no}/
	 * {@code on}/{@code off} (text in YAML 1.2), are read and noted; anything else is noted and ignored.
	 */
	public Boolean bool(String key) {
		Node node = value(key);
		if (node == null) {
			return null;
		}
		ScalarNode scalar = scalar(key, node, "true or false");
		String raw = scalar.getValue().strip().toLowerCase(Locale.ROOT);
		if (scalar.getTag().equals(Tag.BOOL)) {
			return raw.equals("true");
		}
		if (raw.equals("true") || raw.equals("false")) {
			note(node, key + " \"" + scalar.getValue() + "\" is text, not a boolean; read as " + raw);
			return raw.equals("true");
		}
		if (scalar.isPlain() && (raw.equals("yes") || raw.equals("no") || raw.equals("on") || raw.equals("off"))) {
			boolean value = raw.equals("yes") || raw.equals("on");
			note(node, key + " '" + scalar.getValue() + "' is YAML 1.1's way to write " + value + " (text in YAML 1.2); read as " + value);
			return value;
		}
		note(node, key + " '" + shorten(scalar.getValue()) + "' is not true or false; ignored");
		return null;
	}

	/**
	 * An ISO-8601 date-time; without an offset it is read as UTC and noted. The forms Jekyll and
	 * YAML 1.1 timestamps use ({@code 2020-06-11 11:11:00 +0200}: a space before the time or the
	 * offset, an offset without its colon) are read as the same instant. Years outside 1 to 9999
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
		if (iso.indexOf('T') > 0) {
			iso = COMPACT_OFFSET.matcher(iso).replaceFirst(match -> match.group(1) + ":" + ((match.group(2) != null) ? match.group(2) : "00"));
		}
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
		this.values.requireKnownTag(sequence);
		List<String> texts = new ArrayList<>();
		for (Node item : sequence.getValue()) {
			this.values.plain(item);
			if (YamlValues.isNull(item)) {
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
		return new YamlFields(mapping, this.context + key + ": ", this.values, this.findings);
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
		this.values.requireKnownTag(sequence);
		List<YamlFields> items = new ArrayList<>();
		int index = 0;
		for (Node item : sequence.getValue()) {
			index++;
			if (YamlValues.isNull(item)) {
				continue;
			}
			if (!(item instanceof MappingNode mapping)) {
				throw reject(FindingCode.WRONG_TYPE, item, this.context + key + " entry " + index + " must be a mapping with "
						+ itemName + " fields, found " + describe(item));
			}
			items.add(new YamlFields(mapping, this.context + key + " entry " + index + ": ", this.values, this.findings));
		}
		return items;
	}

	/** The value of a key as plain Java (String, Long, BigInteger, Double, Boolean, List, Map or null). */
	public Object plain(String key) {
		YamlValues.Entry entry = this.fields.get(key);
		return (entry != null) ? this.values.plain(entry.value()) : null;
	}

	/** Whether the value is a scalar (as opposed to a list or mapping). */
	public boolean isScalar(String key) {
		YamlValues.Entry entry = this.fields.get(key);
		return entry != null && entry.value() instanceof ScalarNode;
	}

	/** The line of the first key of this mapping, to locate it. */
	public int line() {
		return this.fields.isEmpty() ? 0 : line(this.fields.values().iterator().next().keyNode());
	}

	/** Notes a lenient reading or another non-rejecting problem at a key's line. */
	public void note(FindingCode code, String key, String message) {
		this.findings.add(new Finding(code, lineOf(key), this.context + message));
	}

	private Node value(String key) {
		YamlValues.Entry entry = this.fields.get(key);
		if (entry == null || YamlValues.isNull(entry.value())) {
			return null;
		}
		return entry.value();
	}

	/** The scalar of a field, checked by {@link YamlValues} (its tag is one newsprobe reads). */
	private ScalarNode scalar(String key, Node node, String expected) {
		if (node instanceof ScalarNode scalar) {
			this.values.requireKnownTag(scalar);
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
		return this.values.line(node);
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

}
