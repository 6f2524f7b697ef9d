package dev.newsprobe.core.frontmatter;

import dev.newsprobe.core.frontmatter.internal.EngineMessages;
import dev.newsprobe.core.frontmatter.internal.NodeComposer;
import dev.newsprobe.core.frontmatter.internal.SourceText;
import dev.newsprobe.core.frontmatter.internal.SpacedCommentScanner;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.scanner.ScannerImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;
import org.snakeyaml.engine.v2.schema.CoreSchema;

/**
 * Composes the YAML of a front matter into a node tree: YAML 1.2 as SnakeYAML Engine reads it,
 * plain scalars typed by the 1.2 core schema ({@code yes} is text, {@code 0x25} a number), with
 * the limits of {@link FrontMatterLimits} and no object ever constructed from a tag (composing
 * stops at nodes). Every problem is a {@link YamlProblem} at its file line and column. The
 * article parser and the write-back editor read with the same instance settings, so they agree on
 * what a file says. Instances are immutable and safe to share between threads.
 */
public final class FrontMatterYaml {

	private final FrontMatterLimits limits;

	/** Never changed after construction, so shared by every parse, on any thread. */
	private final LoadSettings settings;

	/** Only read once built, so shared as well. */
	private final ScalarResolver resolver;

	public FrontMatterYaml(FrontMatterLimits limits) {
		this.limits = limits;
		CoreSchema schema = new CoreSchema();
		this.resolver = schema.getScalarResolver();
		this.settings = LoadSettings.builder()
			.setSchema(schema)
			.setAllowDuplicateKeys(true) // checked by YamlValues, with both lines in the message
			.setAllowRecursiveKeys(false)
			.setAllowNonScalarKeys(true)
			.setMaxAliasesForCollections(limits.maxAliases())
			.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
			.setParseComments(false)
			.build();
	}

	/** The limits this reader enforces. */
	public FrontMatterLimits limits() {
		return this.limits;
	}

	/**
	 * Composes a front matter's YAML.
	 * @param yaml the text between the {@code ---} lines
	 * @param firstLine the file line the text starts on, so that problems name file lines
	 * @return the document's root node, {@code null} when it holds no document (nothing, or only comments)
	 * @throws YamlProblem when the YAML is invalid or breaks a limit
	 */
	public Node compose(String yaml, int firstLine) {
		SourceText text = new SourceText(yaml);
		try {
			StreamReader reader = new StreamReader(this.settings, yaml);
			var scanner = new SpacedCommentScanner(new ScannerImpl(this.settings, reader), text, firstLine);
			return new NodeComposer(new ParserImpl(this.settings, scanner), this.resolver, this.limits, text, firstLine).compose();
		}
		catch (YamlEngineException ex) {
			throw new EngineMessages(text, firstLine).translate(ex);
		}
	}

}
