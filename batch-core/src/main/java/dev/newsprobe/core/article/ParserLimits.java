package dev.newsprobe.core.article;

/**
 * Bounds that keep one hostile article file from costing more than a little time and memory.
 *
 * @param maxFileBytes files larger than this are rejected without being read
 * @param maxAliases the most YAML aliases to collections a front matter may use
 * @param maxNestingDepth the deepest a front matter may nest
 * @param maxValues the most scalar values a front matter may hold once aliases are followed
 */
public record ParserLimits(long maxFileBytes, int maxAliases, int maxNestingDepth, int maxValues) {

	/** Limits generous for real news articles and tight for hostile files. */
	public static final ParserLimits DEFAULTS = new ParserLimits(4L * 1024 * 1024, 20, 30, 50_000);

	public ParserLimits {
		if (maxFileBytes <= 0 || maxAliases < 0 || maxNestingDepth <= 0 || maxValues <= 0) {
			throw new IllegalArgumentException("parser limits must be positive");
		}
	}

}
