package dev.newsprobe.core.frontmatter.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import dev.newsprobe.core.frontmatter.YamlProblem;
import dev.newsprobe.core.frontmatter.YamlProblem.Kind;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.parser.Parser;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;

/**
 * Builds the node tree of one front matter from the YAML library's parser events, in a loop with a
 * stack of its own rather than by recursion, so that no input can overflow the thread's stack. It
 * enforces what the library's own composer does not, or not safely: the nesting depth, the number
 * of aliases to lists and mappings (the billion-laughs bomb), no alias inside the collection it
 * refers to (a recursive structure, which every later walk over the tree would loop on), one
 * document only, and YAML 1.2's rule that the continuation lines of a flow collection or quoted
 * text inside a block collection are indented more than that collection.
 */
public final class NodeComposer {

	private final Parser parser;

	private final ScalarResolver resolver;

	private final FrontMatterLimits limits;

	private final SourceText text;

	private final int firstLine;

	private final Map<String, Node> anchors = new HashMap<>();

	/** Collections being composed: an alias to one of them would make the tree recursive. */
	private final Map<Node, Mark> open = new IdentityHashMap<>();

	private final Deque<Frame> stack = new ArrayDeque<>();

	private int collectionAliases;

	/**
	 * @param parser the events of the front matter's YAML
	 * @param resolver tags plain scalars (the YAML 1.2 core schema)
	 * @param limits the limits to enforce
	 * @param text the YAML text, for the checks the events do not allow
	 * @param firstLine the file line the YAML text starts on
	 */
	public NodeComposer(Parser parser, ScalarResolver resolver, FrontMatterLimits limits, SourceText text, int firstLine) {
		this.parser = parser;
		this.resolver = resolver;
		this.limits = limits;
		this.text = text;
		this.firstLine = firstLine;
	}

	/**
	 * Composes the one document of the front matter.
	 * @return its root node, {@code null} when the front matter holds no document (only comments, or nothing)
	 * @throws YamlProblem when it breaks a limit or a rule; the library's own errors are thrown as they come
	 */
	public Node compose() {
		expect(Event.ID.StreamStart);
		if (this.parser.checkEvent(Event.ID.StreamEnd)) {
			return null;
		}
		expect(Event.ID.DocumentStart);
		Node root = null;
		while (root == null) {
			root = step(this.parser.next());
		}
		expect(Event.ID.DocumentEnd);
		if (!this.parser.checkEvent(Event.ID.StreamEnd)) {
			Mark mark = this.parser.peekEvent().getStartMark().orElse(null);
			throw problem(Kind.SYNTAX, mark, "a second YAML document starts here; a front matter holds one document"
					+ " (is a '---' or '...' line meant to close it?)");
		}
		return root;
	}

	/** Takes one event; returns the root node once the document's top node is complete. */
	private Node step(Event event) {
		switch (event.getEventId()) {
			case Scalar -> {
				return add(scalar((ScalarEvent) event));
			}
			case Alias -> {
				return add(alias((AliasEvent) event));
			}
			case SequenceStart, MappingStart -> {
				start((CollectionStartEvent) event);
				return null;
			}
			case SequenceEnd, MappingEnd -> {
				Frame frame = this.stack.pop();
				frame.node.setEndMark(event.getEndMark());
				this.open.remove(frame.node);
				if (frame.node.getFlowStyle() == FlowStyle.FLOW) {
					checkContinuationLines(frame.node.getStartMark(), event.getEndMark(), "list or mapping in brackets");
				}
				return add(frame.node);
			}
			default -> throw new IllegalStateException("unexpected YAML event " + event);
		}
	}

	private ScalarNode scalar(ScalarEvent event) {
		String explicit = event.getTag().orElse(null);
		Tag tag;
		boolean resolved;
		if (explicit == null || explicit.equals("!")) {
			tag = this.resolver.resolve(event.getValue(), explicit == null && event.getImplicit().canOmitTagInPlainScalar());
			resolved = true;
		}
		else {
			tag = new Tag(explicit);
			resolved = false;
		}
		ScalarNode node = new ScalarNode(tag, resolved, event.getValue(), event.getScalarStyle(), event.getStartMark(),
				event.getEndMark());
		if (event.getScalarStyle() == ScalarStyle.DOUBLE_QUOTED || event.getScalarStyle() == ScalarStyle.SINGLE_QUOTED) {
			checkContinuationLines(event.getStartMark(), event.getEndMark(), "quoted text");
		}
		anchor(event.getAnchor(), node);
		return node;
	}

	private Node alias(AliasEvent event) {
		String name = event.getAlias().getValue();
		Node node = this.anchors.get(name);
		Mark mark = event.getStartMark().orElse(null);
		if (node == null) {
			throw problem(Kind.SYNTAX, mark, "the alias *" + name + " refers to no anchor &" + name + " above it");
		}
		if (this.open.containsKey(node)) {
			Mark anchored = this.open.get(node);
			throw problem(Kind.RECURSIVE_ALIAS, mark, "the alias *" + name + " is inside the list or mapping &" + name
					+ ((anchored != null) ? " (line " + (anchored.getLine() + this.firstLine) + ")" : "")
					+ " it refers to, which would make it contain itself; recursive structures are not read");
		}
		if (node instanceof CollectionNode<?> && ++this.collectionAliases > this.limits.maxAliases()) {
			throw new YamlProblem(Kind.ALIAS_LIMIT, line(mark), column(mark), "the front matter uses more than "
					+ this.limits.maxAliases() + " aliases to lists or mappings (an alias bomb?); it was not expanded");
		}
		return node;
	}

	private void start(CollectionStartEvent event) {
		if (this.stack.size() >= this.limits.maxNestingDepth()) {
			throw problem(Kind.NESTING_LIMIT, event.getStartMark().orElse(null),
					"the front matter nests deeper than " + this.limits.maxNestingDepth() + " levels");
		}
		String explicit = event.getTag().orElse(null);
		boolean mapping = event.getEventId() == Event.ID.MappingStart;
		boolean resolved = explicit == null || explicit.equals("!");
		Tag tag = resolved ? (mapping ? Tag.MAP : Tag.SEQ) : new Tag(explicit);
		CollectionNode<?> node = mapping
				? new MappingNode(tag, resolved, new ArrayList<>(), event.getFlowStyle(), event.getStartMark(), Optional.empty())
				: new SequenceNode(tag, resolved, new ArrayList<>(), event.getFlowStyle(), event.getStartMark(), Optional.empty());
		anchor(event.getAnchor(), node);
		this.open.put(node, event.getStartMark().orElse(null));
		this.stack.push(new Frame(node));
	}

	private void anchor(Optional<Anchor> anchor, Node node) {
		if (anchor.isPresent()) {
			node.setAnchor(anchor);
			this.anchors.put(anchor.get().getValue(), node);
		}
	}

	/** Puts a finished node into its parent; returns it when it is the document's top node. */
	private Node add(Node node) {
		Frame parent = this.stack.peek();
		if (parent == null) {
			return node;
		}
		if (parent.node instanceof SequenceNode sequence) {
			sequence.getValue().add(node);
		}
		else if (parent.key == null) {
			parent.key = node;
		}
		else {
			((MappingNode) parent.node).getValue().add(new NodeTuple(parent.key, node));
			parent.key = null;
		}
		return null;
	}

	/**
	 * YAML 1.2: inside a block collection starting in column n (0-based), the lines a flow
	 * collection or a quoted text continues on must be indented by more than n spaces (tabs do
	 * not count as indentation); an empty line may be less indented.
	 */
	private void checkContinuationLines(Optional<Mark> start, Optional<Mark> end, String what) {
		if (start.isEmpty() || end.isEmpty() || start.get().getLine() == end.get().getLine()) {
			return;
		}
		int block = blockColumn();
		if (block < 0) {
			return;
		}
		for (int line = start.get().getLine() + 1; line <= end.get().getLine(); line++) {
			String content = this.text.line(line);
			int spaces = 0;
			while (spaces < content.length() && content.charAt(spaces) == ' ') {
				spaces++;
			}
			if (spaces <= block && spaces < content.length()) {
				boolean tab = content.charAt(spaces) == '\t';
				throw new YamlProblem(Kind.SYNTAX, line + this.firstLine, spaces + 1, "this line continues the " + what
						+ " that starts on line " + (start.get().getLine() + this.firstLine) + " and must be indented by at least "
						+ (block + 1) + ((block == 0) ? " space" : " spaces") + (tab ? " (a tab does not count as indentation)" : ""));
			}
		}
	}

	/** The start column of the innermost block collection, -1 when there is none. */
	private int blockColumn() {
		for (Frame frame : this.stack) {
			if (frame.node.getFlowStyle() != FlowStyle.FLOW) {
				return frame.node.getStartMark().map(Mark::getColumn).orElse(-1);
			}
		}
		return -1;
	}

	private void expect(Event.ID id) {
		Event event = this.parser.next();
		if (event.getEventId() != id) {
			throw new IllegalStateException("expected a YAML " + id + " event, got " + event);
		}
	}

	private YamlProblem problem(Kind kind, Mark mark, String message) {
		return new YamlProblem(kind, line(mark), column(mark), message);
	}

	private int line(Mark mark) {
		return (mark != null) ? mark.getLine() + this.firstLine : this.firstLine;
	}

	private static int column(Mark mark) {
		return (mark != null) ? mark.getColumn() + 1 : 0;
	}

	/** A collection being composed, and for a mapping the key waiting for its value. */
	private static final class Frame {

		private final CollectionNode<?> node;

		private Node key;

		Frame(CollectionNode<?> node) {
			this.node = node;
		}

	}

}
