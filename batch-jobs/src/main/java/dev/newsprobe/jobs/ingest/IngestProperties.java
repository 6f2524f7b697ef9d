package dev.newsprobe.jobs.ingest;

import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How the ingest step reads the archive.
 *
 * @param chunkSize how many files are written to the database per transaction; a restart
 * resumes after the last committed chunk
 * @param maxFileSize article files larger than this are rejected without being read
 * @param maxAliases the most YAML aliases to lists or mappings one front matter may use
 * @param maxNestingDepth the deepest one front matter may nest
 * @param maxValues the most values one front matter may hold once aliases are followed
 * @param maxGoneShare the share (0 to 1) of an input root's live articles whose files may vanish in
 * one run before the sweep refuses to mark them gone without {@code audit --allow-mass-gone}
 */
@ConfigurationProperties("newsprobe.ingest")
public record IngestProperties(@DefaultValue("200") int chunkSize, @DefaultValue("4MB") DataSize maxFileSize,
		@DefaultValue("20") int maxAliases, @DefaultValue("30") int maxNestingDepth,
		@DefaultValue("50000") int maxValues, @DefaultValue("0.2") double maxGoneShare) {

	public IngestProperties {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("newsprobe.ingest.chunk-size must be at least 1, was " + chunkSize);
		}
		if (!(maxGoneShare >= 0 && maxGoneShare <= 1)) {
			throw new IllegalArgumentException("newsprobe.ingest.max-gone-share must be between 0 and 1 (0.2 is 20 %), was "
					+ maxGoneShare);
		}
	}

	/** The front-matter limits these properties describe. */
	public FrontMatterLimits parserLimits() {
		return new FrontMatterLimits(this.maxFileSize.toBytes(), this.maxAliases, this.maxNestingDepth, this.maxValues);
	}

}
