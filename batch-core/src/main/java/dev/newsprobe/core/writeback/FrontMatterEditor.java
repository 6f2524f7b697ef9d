package dev.newsprobe.core.writeback;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import dev.newsprobe.core.frontmatter.FrontMatterSpan;
import dev.newsprobe.core.frontmatter.FrontMatterYaml;
import dev.newsprobe.core.frontmatter.YamlNodes;
import dev.newsprobe.core.frontmatter.YamlProblem;
import dev.newsprobe.core.frontmatter.YamlValues;
import dev.newsprobe.core.writeback.EditResult.Change;
import dev.newsprobe.core.writeback.EditResult.Refusal;
import dev.newsprobe.core.writeback.internal.CodePoints;
import dev.newsprobe.core.writeback.internal.EditPlan;
import dev.newsprobe.core.writeback.internal.EditPlan.Refused;
import dev.newsprobe.core.writeback.internal.EditPlan.Splice;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Changes single values in an article file's front matter and leaves every other byte as it was:
 * key order, quoting, comments, line endings (CRLF or LF), a byte-order mark, trailing spaces and
 * the Markdown body.
 * <p>
 * The front matter is found and composed exactly as the article parser does it (the same
 * {@link FrontMatterSpan}, {@link FrontMatterYaml} and {@link FrontMatterLimits}: YAML 1.2, never
 * constructed into objects); each node knows where its text starts and ends, and only those spans
 * are rewritten. A replaced value keeps its style: plain stays plain (or becomes single-quoted
 * when the new text cannot be written plain), single- and double-quoted values stay quoted with
 * correct escapes, {@code False} becomes {@code True}, {@code no} becomes {@code yes}. A flag that
 * is absent is added to its image, after the last field (block style) or before the closing
 * brace (flow style).
 * <p>
 * What cannot be edited safely is refused, with the reason, and the other edits still apply:
 * values behind an anchor or reached through an alias (changing one would change others),
 * multi-line and block ({@code |}, {@code >}) values, values with an explicit tag, lists or
 * mappings where a value belongs, a path that does not exist, a text that is not the one expected.
 * Finally the edited front matter is composed again and must read exactly as the old one with the
 * edits applied; if not, nothing is changed. Instances are immutable and thread-safe.
 */
public final class FrontMatterEditor {

	private final FrontMatterLimits limits;

	private final FrontMatterYaml yaml;

	public FrontMatterEditor(FrontMatterLimits limits) {
		this.limits = limits;
		this.yaml = new FrontMatterYaml(limits);
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
		FrontMatterSpan span;
		try {
			span = FrontMatterSpan.find(text);
		}
		catch (FrontMatterSpan.MissingException ex) {
			return refuseAll(bytes, "the file has no closed front matter between '---' lines");
		}
		String yaml = span.yaml(text);
		Node root;
		try {
			root = this.yaml.compose(yaml, FrontMatterSpan.YAML_FIRST_LINE);
		}
		catch (YamlProblem ex) {
			return refuseAll(bytes, "the front matter cannot be read: " + describe(ex));
		}
		if (!(root instanceof MappingNode rootMapping)) {
			return refuseAll(bytes, "the front matter is not a mapping");
		}
		CodePoints positions = new CodePoints(yaml);
		EditPlan plan = new EditPlan(rootMapping, YamlNodes.shared(root), positions);
		TreeMap<Integer, Splice> splices = new TreeMap<>();
		List<Change> changes = new ArrayList<>();
		List<Refusal> refusals = new ArrayList<>();
		for (Edit edit : edits) {
			try {
				Splice splice = plan.splice(edit);
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
			catch (Refused | YamlProblem ex) {
				refusals.add(new Refusal(edit.path(), (ex instanceof YamlProblem problem) ? describe(problem) : ex.getMessage()));
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
		String newText = text.substring(0, span.yamlStart()) + edited + text.substring(span.yamlEnd());
		return new EditResult(newText.getBytes(StandardCharsets.UTF_8), changes, refusals);
	}

	/** Composes the edited front matter and checks it reads as the old one with exactly the edits applied. */
	private String verify(Node oldRoot, String editedYaml, Collection<Splice> splices) {
		Object expected;
		Object actual;
		try {
			expected = new YamlValues(this.limits, FrontMatterSpan.YAML_FIRST_LINE).plain(oldRoot);
			Node newRoot = this.yaml.compose(editedYaml, FrontMatterSpan.YAML_FIRST_LINE);
			actual = (newRoot != null) ? new YamlValues(this.limits, FrontMatterSpan.YAML_FIRST_LINE).plain(newRoot) : null;
		}
		catch (YamlProblem ex) {
			return "the edited front matter would not read back (" + describe(ex) + "); the file is left as it was";
		}
		for (Splice splice : splices) {
			EditPlan.setPlain(expected, splice.change().path(), splice.reads());
		}
		if (!Objects.equals(expected, actual)) {
			return "the edited front matter would read differently beyond the edited values; the file is left as it was";
		}
		return null;
	}

	private static String describe(YamlProblem problem) {
		return String.format(Locale.ROOT, "line %d%s: %s", problem.line(),
				(problem.column() > 0) ? ", column " + problem.column() : "", problem.problem());
	}

	private static EditResult refuseAll(byte[] bytes, String reason) {
		return new EditResult(bytes, List.of(), List.of(new Refusal(null, reason)));
	}

}
