package dev.newsprobe.core.frontmatter;

/**
 * Bounds that keep one hostile article file from costing more than a little time and memory,
 * the same for reading a front matter and for editing it.
 *
 * @param maxFileBytes files larger than this are rejected without being read
 * @param maxAliases the most YAML aliases to lists or mappings a front matter may use
 * @param maxNestingDepth the deepest lists and mappings may nest
 * @param maxValues the most values a front matter may hold once aliases are followed
 */
public record FrontMatterLimits(long maxFileBytes, int maxAliases, int maxNestingDepth, int maxValues) {

	/** Limits generous for real news articles and tight for hostile files. */
	public static final FrontMatterLimits DEFAULTS = new FrontMatterLimits(4L * 1024 * 1024, 20, 30, 50_000);

	public FrontMatterLimits {
		if (maxFileBytes <= 0 || maxAliases < 0 || maxNestingDepth <= 0 || maxValues <= 0) {
			throw new IllegalArgumentException("front-matter limits must be positive");
		}
	}

}
