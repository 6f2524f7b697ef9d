package dev.newsprobe.core.frontmatter;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Facts about a composed node tree as a whole. */
public final class YamlNodes {

	private YamlNodes() {
	}

	/**
	 * The nodes reached more than once from the root (through an alias): changing one of them
	 * in the text would change every place it appears. A loop over the tree, not a recursion, and
	 * each node is expanded once, so a recursive tree cannot make it loop.
	 */
	public static Map<Node, Boolean> shared(Node root) {
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

}
