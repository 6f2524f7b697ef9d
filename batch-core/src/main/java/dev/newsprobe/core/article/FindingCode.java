package dev.newsprobe.core.article;

/**
 * The closed set of problems ingest records for an article file. A rejecting code means the
 * file could not be read and no article was stored; the others accompany a stored article.
 */
public enum FindingCode {

	/** The file has no bytes (or only whitespace). */
	EMPTY_FILE(true),
	/** The file does not start with a {@code ---} line. */
	NO_FRONT_MATTER(true),
	/** The opening {@code ---} line is never followed by a closing one. */
	UNCLOSED_FRONT_MATTER(true),
	/** The bytes are not valid UTF-8. */
	NOT_UTF8(true),
	/** The front matter is not valid YAML (unquoted colons, tab indentation, ...). */
	YAML_SYNTAX(true),
	/** A key appears twice in the same mapping, so which value is meant is unknown. */
	DUPLICATE_KEY(true),
	/** The front matter uses more aliases than allowed (an alias bomb, or close to one). */
	ALIAS_LIMIT(true),
	/** The front matter nests deeper, or holds more values, than allowed. */
	NESTING_LIMIT(true),
	/** An alias inside the list or mapping it refers to: a structure that would contain itself. */
	RECURSIVE_ALIAS(true),
	/** A YAML tag newsprobe does not read (it asks for a type, e.g. {@code !ruby/object}), or a value its tag does not fit. */
	UNSUPPORTED_TAG(true),
	/** The front matter is not a mapping of keys to values. */
	NOT_A_MAPPING(true),
	/** A field has a structure that cannot be read, e.g. a string where a list of images belongs. */
	WRONG_TYPE(true),
	/** The file is larger than the configured limit; it was not read. */
	TOO_LARGE(true),
	/** The file could not be read from disk (permissions, vanished, not a regular file, replaced during the run, I/O error). */
	UNREADABLE(true),
	/** newsprobe itself failed on the file (a bug, or a library's); the reason names what was thrown. */
	INTERNAL(true),

	/** A value had a slightly wrong type and was read leniently, e.g. {@code width: "700"}. */
	LENIENT_VALUE(false),
	/** A URL is malformed, too long, or not http(s); it is never probed. */
	INVALID_URL(false),
	/** {@code cdnAmpWebUrl} is not the AMP-cache form of {@code ampWebUrl}. */
	AMP_CACHE_MISMATCH(false),
	/** Another file declares the same {@code webUrl}. */
	DUPLICATE_WEB_URL(false),
	/** An input root holds no article file at all (an empty directory, or a disk not mounted); recorded for the root. */
	NO_ARTICLE_FILES(false);

	private final boolean rejects;

	FindingCode(boolean rejects) {
		this.rejects = rejects;
	}

	/** Whether a finding with this code means the file was rejected. */
	public boolean rejects() {
		return this.rejects;
	}

}
