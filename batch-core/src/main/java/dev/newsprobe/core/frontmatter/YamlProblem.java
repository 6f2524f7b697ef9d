package dev.newsprobe.core.frontmatter;

/**
 * Why a front matter cannot be read, located to its file line and column, in words a person acts
 * on. Thrown by {@link FrontMatterYaml} and {@link YamlValues}; the article parser turns it into a
 * rejection, the editor into a refusal.
 */
public final class YamlProblem extends RuntimeException {

	/** What kind of problem it is. */
	public enum Kind {

		/** Not valid YAML, or YAML a front matter cannot hold (a second document). */
		SYNTAX,
		/** A key appears twice in one mapping. */
		DUPLICATE_KEY,
		/** More aliases to lists or mappings than allowed. */
		ALIAS_LIMIT,
		/** An alias inside the list or mapping it refers to. */
		RECURSIVE_ALIAS,
		/** Nested deeper, or more values once aliases are followed, than allowed. */
		NESTING_LIMIT,
		/** A tag newsprobe does not read, or a value its tag does not fit. */
		UNSUPPORTED_TAG

	}

	private final transient Kind kind;

	private final int line;

	private final int column;

	private final String problem;

	/**
	 * @param kind what kind of problem
	 * @param line the file line (1-based), 0 when it concerns the whole front matter
	 * @param column the column (1-based), 0 when unknown
	 * @param problem what is wrong and what to do, without the position
	 */
	public YamlProblem(Kind kind, int line, int column, String problem) {
		super(problem, null, false, false);
		this.kind = kind;
		this.line = line;
		this.column = column;
		this.problem = problem;
	}

	/** What kind of problem it is. */
	public Kind kind() {
		return this.kind;
	}

	/** The file line (1-based), 0 when it concerns the whole front matter. */
	public int line() {
		return this.line;
	}

	/** The column (1-based), 0 when unknown. */
	public int column() {
		return this.column;
	}

	/** What is wrong and what to do, without the position. */
	public String problem() {
		return this.problem;
	}

}
