package dev.newsprobe.core.article;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.newsprobe.core.article.internal.BodyLinkExtractor;
import dev.newsprobe.core.article.internal.LinkCollector;
import dev.newsprobe.core.article.internal.Rejection;
import dev.newsprobe.core.article.internal.Utf8Text;
import dev.newsprobe.core.article.internal.YamlFields;
import dev.newsprobe.core.files.FileRefusedException;
import dev.newsprobe.core.files.FileStat;
import dev.newsprobe.core.files.FileStats;
import dev.newsprobe.core.files.SafeFileReader;
import dev.newsprobe.core.files.Sizes;
import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import dev.newsprobe.core.frontmatter.FrontMatterSpan;
import dev.newsprobe.core.frontmatter.FrontMatterYaml;
import dev.newsprobe.core.frontmatter.YamlProblem;
import dev.newsprobe.core.frontmatter.YamlValues;
import dev.newsprobe.core.url.WebUrls;
import org.snakeyaml.engine.v2.nodes.Node;

/**
 * Reads article files: YAML front matter and Markdown body into an {@link Article}.
 * <p>
 * Article files are untrusted. The YAML is composed by {@link FrontMatterYaml} (YAML 1.2, with
 * alias, nesting and size limits) and read field by field; no object is ever constructed from a
 * YAML tag. Files are read by a {@link SafeFileReader}: never through a symbolic link, never
 * anything but a regular file. Bad content never throws, and neither does a bug: every problem
 * becomes a {@link ParseResult.Rejected} with the file, the line and what is wrong, and anything
 * thrown while parsing becomes an {@code INTERNAL} rejection naming it. Instances are immutable and
 * safe to share between threads.
 */
public final class ArticleParser {

	/** How long opening one file may take before it is refused (a FIFO swapped in, a hung file system). */
	public static final Duration OPEN_TIMEOUT = Duration.ofSeconds(5);

	private static final Set<String> KNOWN_KEYS = Set.of("title", "excerpt", "publishedDateTime", "type", "quality",
			"heat", "published", "category", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "provider", "topics", "images",
			"related", "secured");

	private final FrontMatterLimits limits;

	private final FrontMatterYaml yaml;

	private final SafeFileReader files;

	/** A parser reading files with a reader of its own (threads end by themselves when idle). */
	public ArticleParser(FrontMatterLimits limits) {
		this(limits, new SafeFileReader(new FileStats(), OPEN_TIMEOUT));
	}

	/** A parser reading files with a given reader. */
	public ArticleParser(FrontMatterLimits limits, SafeFileReader files) {
		this.limits = limits;
		this.yaml = new FrontMatterYaml(limits);
		this.files = files;
	}

	/**
	 * Reads and parses an article file.
	 * @param file the file
	 * @return the article, or why it could not be read
	 */
	public ParseResult parse(Path file) {
		return parse(read(file));
	}

	/**
	 * Parses an article from bytes already in memory.
	 * @param path the name to give the article (its file)
	 * @param bytes the file content
	 * @return the article, or why it could not be read
	 */
	public ParseResult parse(String path, byte[] bytes) {
		return parse(ArticleSource.of(path, bytes));
	}

	/** Reads whatever regular file is at a path now (see {@link #read(Path, FileStat)}). */
	public ArticleSource read(Path file) {
		return read(file, null);
	}

	/**
	 * Reads an article file's bytes; files over the size limit are refused without being read, and
	 * so is anything but the regular file the walk saw at that path.
	 * @param file the file
	 * @param walked what the walk saw there, {@code null} for whatever regular file is there now
	 * @return the bytes, their hash and the file's stat, or why they could not be read
	 */
	public ArticleSource read(Path file, FileStat walked) {
		String path = file.toString();
		try {
			SafeFileReader.Read read = this.files.read(file, walked, this.limits.maxFileBytes());
			return ArticleSource.of(path, read.bytes(), read.stat());
		}
		catch (FileRefusedException ex) {
			FindingCode code = (ex.reason() == FileRefusedException.Reason.TOO_LARGE) ? FindingCode.TOO_LARGE : FindingCode.UNREADABLE;
			return new ArticleSource(path, null, null, new Finding(code, 0, ex.getMessage()), null);
		}
	}

	/**
	 * Parses what {@link #read(Path)} gave.
	 * @param source the bytes of one file
	 * @return the article, or why it could not be read
	 */
	public ParseResult parse(ArticleSource source) {
		String path = source.path();
		String hash = source.contentHash();
		if (!source.readable()) {
			return new ParseResult.Rejected(path, hash, source.problem());
		}
		byte[] bytes = source.bytes();
		if (bytes.length > this.limits.maxFileBytes()) {
			return new ParseResult.Rejected(path, hash, new Finding(FindingCode.TOO_LARGE, 0,
					"the file is " + Sizes.human(bytes.length) + ", more than the limit of " + Sizes.human(this.limits.maxFileBytes())));
		}
		try {
			return new ParseResult.Parsed(read(path, hash, Utf8Text.decode(bytes)));
		}
		catch (Rejection ex) {
			return new ParseResult.Rejected(path, hash, ex.finding());
		}
		catch (YamlProblem ex) {
			return new ParseResult.Rejected(path, hash, finding(ex));
		}
		catch (Throwable ex) {
			// The last line of defence: a library bug or an input that breaks one (a stack overflow)
			// costs this file, never the run. The reason names it, so it can be reported.
			return new ParseResult.Rejected(path, hash, new Finding(FindingCode.INTERNAL, 0,
					"newsprobe failed on this file (" + ex.getClass().getName() + ": " + ex.getMessage()
							+ "); it was skipped, the rest of the run goes on. Please report it with the file"));
		}
	}

	private Article read(String path, String hash, String text) {
		FrontMatterSpan span;
		try {
			span = FrontMatterSpan.find(text);
		}
		catch (FrontMatterSpan.MissingException ex) {
			throw new Rejection(switch (ex.reason()) {
				case EMPTY -> new Finding(FindingCode.EMPTY_FILE, 0, "the file is empty");
				case NOT_OPENED -> new Finding(FindingCode.NO_FRONT_MATTER, 1,
						"the file does not start with a '---' line, so it has no front matter");
				case NOT_CLOSED -> new Finding(FindingCode.UNCLOSED_FRONT_MATTER, 1,
						"the front matter opened on line 1 is never closed: no '---' line follows it");
			});
		}
		int firstLine = FrontMatterSpan.YAML_FIRST_LINE;
		Node root = this.yaml.compose(span.yaml(text), firstLine);
		YamlValues values = new YamlValues(this.limits, firstLine);
		List<Finding> findings = new ArrayList<>();
		YamlFields fields = YamlFields.ofDocument(root, values, firstLine, findings);
		return article(path, hash, fields, span.body(text), span.bodyFirstLine(), findings);
	}

	private static Article article(String path, String hash, YamlFields fields, String body, int bodyFirstLine,
			List<Finding> findings) {
		Provider provider = provider(fields);
		List<ArticleImage> images = images(fields);
		List<RelatedArticle> related = new ArrayList<>();
		for (YamlFields entry : fields.mappings("related", "related article")) {
			related.add(new RelatedArticle(entry.text("title"), entry.text("excerpt"), entry.dateTime("publishedDateTime"),
					entry.text("webUrl"), entry.text("ampWebUrl"), entry.text("cdnAmpWebUrl"), entry.text("type"),
					provider(entry), entry.integer("quality"), images(entry), entry.line()));
		}
		String secured = null;
		if (fields.isScalar("secured")) {
			String value = fields.text("secured");
			secured = (value != null) ? sha256(value.getBytes(StandardCharsets.UTF_8)) : null;
		}
		Map<String, Object> extra = new LinkedHashMap<>();
		for (String key : fields.keys()) {
			if (!KNOWN_KEYS.contains(key)) {
				extra.put(key, fields.plain(key));
			}
		}
		Article article = new Article(path, hash, fields.text("title"), fields.text("excerpt"),
				fields.dateTime("publishedDateTime"), fields.text("type"), fields.integer("quality"), fields.integer("heat"),
				fields.bool("published"), fields.text("category"), fields.text("webUrl"), fields.text("ampWebUrl"),
				fields.text("cdnAmpWebUrl"), provider, fields.texts("topics"), images, related,
				BodyLinkExtractor.extract(body, bodyFirstLine), secured, extra, List.of(), List.of());
		List<ArticleLink> links = new LinkCollector(fields, findings).collect(article);
		return new Article(path, hash, article.title(), article.excerpt(), article.publishedAt(), article.type(),
				article.quality(), article.heat(), article.published(), article.category(), article.webUrl(),
				article.ampWebUrl(), article.cdnAmpWebUrl(), provider, article.topics(), images, related,
				article.bodyLinks(), secured, extra, links, findings);
	}

	private static Provider provider(YamlFields fields) {
		if (fields.isScalar("provider")) {
			String name = fields.text("provider");
			if (name == null) {
				return null;
			}
			fields.note(FindingCode.LENIENT_VALUE, "provider", "provider is a single text, not {name, domain}; read as the name");
			return new Provider(name, null);
		}
		YamlFields provider = fields.mapping("provider");
		return (provider != null) ? new Provider(provider.text("name"), provider.text("domain")) : null;
	}

	private static List<ArticleImage> images(YamlFields fields) {
		List<ArticleImage> images = new ArrayList<>();
		for (YamlFields image : fields.mappings("images", "image")) {
			String url = image.text("url");
			images.add(new ArticleImage(url, image.integer("width"), image.integer("height"), image.bool("isCached"),
					image.text("title"), image.line(), (url == null || url.isBlank()) ? null : WebUrls.check(url)));
		}
		return images;
	}

	/** The finding a front-matter problem is for the ingest. */
	static Finding finding(YamlProblem problem) {
		FindingCode code = switch (problem.kind()) {
			case SYNTAX -> FindingCode.YAML_SYNTAX;
			case DUPLICATE_KEY -> FindingCode.DUPLICATE_KEY;
			case ALIAS_LIMIT -> FindingCode.ALIAS_LIMIT;
			case RECURSIVE_ALIAS -> FindingCode.RECURSIVE_ALIAS;
			case NESTING_LIMIT -> FindingCode.NESTING_LIMIT;
			case UNSUPPORTED_TAG -> FindingCode.UNSUPPORTED_TAG;
		};
		return new Finding(code, problem.line(), problem.column(), problem.problem());
	}

	/** Hex SHA-256 of some bytes, the form of every content hash newsprobe stores. */
	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java runtime", ex);
		}
	}

}
