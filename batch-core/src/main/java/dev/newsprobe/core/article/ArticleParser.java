package dev.newsprobe.core.article;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.newsprobe.core.article.internal.BodyLinkExtractor;
import dev.newsprobe.core.article.internal.FrontMatter;
import dev.newsprobe.core.article.internal.Rejection;
import dev.newsprobe.core.article.internal.YamlFields;
import dev.newsprobe.core.url.AmpCacheUrls;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.core.url.WebUrls;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads article files: YAML front matter and Markdown body into an {@link Article}.
 * <p>
 * Article files are untrusted. The YAML is composed into a node tree with alias, nesting and
 * size limits and read field by field; no object is ever constructed from a YAML tag. Bad content
 * never throws: it becomes a {@link ParseResult.Rejected} with the file, the line and what is wrong.
 * Instances are immutable and safe to share between threads.
 */
public final class ArticleParser {

	private static final Set<String> KNOWN_KEYS = Set.of("title", "excerpt", "publishedDateTime", "type", "quality",
			"heat", "published", "category", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "provider", "topics", "images",
			"related", "secured");

	private final ParserLimits limits;

	/** Never changed after construction, so shared by every parse, on any thread. */
	private final LoaderOptions loaderOptions;

	/**
	 * Tags plain scalars (int, bool, null, ...). Only read once built, so shared as well: building
	 * one per file (as {@code new Yaml()} does) cost about 5 % of the composing time.
	 */
	private final Resolver resolver = new Resolver();

	public ArticleParser(ParserLimits limits) {
		this.limits = limits;
		this.loaderOptions = new LoaderOptions();
		this.loaderOptions.setAllowDuplicateKeys(false);
		this.loaderOptions.setMaxAliasesForCollections(limits.maxAliases());
		this.loaderOptions.setNestingDepthLimit(limits.maxNestingDepth());
		this.loaderOptions.setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()));
		this.loaderOptions.setAllowRecursiveKeys(false);
		this.loaderOptions.setTagInspector(tag -> false);
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

	/**
	 * Reads an article file's bytes; files over the size limit are refused without being read.
	 * @param file the file
	 * @return the bytes and their hash, or why they could not be read
	 */
	public ArticleSource read(Path file) {
		String path = file.toString();
		try {
			long size = Files.size(file);
			if (size > this.limits.maxFileBytes()) {
				return unreadable(path, FindingCode.TOO_LARGE, "the file is " + humanBytes(size)
						+ ", more than the limit of " + humanBytes(this.limits.maxFileBytes()) + "; it was not read");
			}
			byte[] bytes;
			try (InputStream in = Files.newInputStream(file)) {
				bytes = in.readNBytes((int) Math.min(this.limits.maxFileBytes(), Integer.MAX_VALUE - 9) + 1);
			}
			if (bytes.length > this.limits.maxFileBytes()) {
				return unreadable(path, FindingCode.TOO_LARGE,
						"the file grew past the limit of " + humanBytes(this.limits.maxFileBytes()) + " while being read");
			}
			return ArticleSource.of(path, bytes);
		}
		catch (NoSuchFileException ex) {
			return unreadable(path, FindingCode.UNREADABLE, "the file vanished before it could be read");
		}
		catch (IOException | SecurityException ex) {
			return unreadable(path, FindingCode.UNREADABLE,
					"the file cannot be read: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
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
					"the file is " + humanBytes(bytes.length) + ", more than the limit of " + humanBytes(this.limits.maxFileBytes())));
		}
		try {
			String text = decode(bytes);
			FrontMatter split = FrontMatter.split(text);
			List<Finding> findings = new ArrayList<>();
			YamlFields fields = YamlFields.ofDocument(compose(split), split.yamlFirstLine(), this.limits.maxValues(), findings);
			return new ParseResult.Parsed(read(path, hash, fields, split, findings));
		}
		catch (Rejection ex) {
			return new ParseResult.Rejected(path, hash, ex.finding());
		}
		catch (RuntimeException ex) {
			// A parser bug must cost one file, not the run; the reason says it is one.
			return new ParseResult.Rejected(path, hash, new Finding(FindingCode.YAML_SYNTAX, 0,
					"unexpected problem reading the file (" + ex.getClass().getSimpleName() + ": " + ex.getMessage() + ")"));
		}
	}

	private static ArticleSource unreadable(String path, FindingCode code, String message) {
		return new ArticleSource(path, null, null, new Finding(code, 0, message));
	}

	private Node compose(FrontMatter split) {
		try {
			return new Composer(new ParserImpl(new StreamReader(split.yaml()), this.loaderOptions), this.resolver,
					this.loaderOptions).getSingleNode();
		}
		catch (MarkedYAMLException ex) {
			throw new Rejection(syntaxFinding(ex, split.yamlFirstLine()));
		}
		catch (YAMLException ex) {
			String message = String.valueOf(ex.getMessage());
			if (message.contains("aliases")) {
				throw new Rejection(new Finding(FindingCode.ALIAS_LIMIT, split.yamlFirstLine(), "the front matter uses more than "
						+ this.limits.maxAliases() + " aliases to lists or mappings (an alias bomb?); it was not expanded"));
			}
			if (message.contains("Nesting Depth")) {
				throw new Rejection(new Finding(FindingCode.NESTING_LIMIT, split.yamlFirstLine(),
						"the front matter nests deeper than " + this.limits.maxNestingDepth() + " levels"));
			}
			throw new Rejection(new Finding(FindingCode.YAML_SYNTAX, split.yamlFirstLine(), "the front matter cannot be read: " + message));
		}
	}

	private Article read(String path, String hash, YamlFields fields, FrontMatter split, List<Finding> findings) {
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
				BodyLinkExtractor.extract(split.body(), split.bodyFirstLine()), secured, extra, List.of(), List.of());
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

	private static Finding syntaxFinding(MarkedYAMLException ex, int lineOffset) {
		Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
		int line = (mark != null) ? mark.getLine() + lineOffset : lineOffset;
		int column = (mark != null) ? mark.getColumn() + 1 : 0;
		String problem = String.valueOf(ex.getProblem());
		String hint = "";
		if (problem.contains("mapping values are not allowed")) {
			hint = "; is there an unquoted ':' in a value? Put the value in quotes";
		}
		else if (problem.contains("'\\t'") || problem.contains("\\t(TAB)") || problem.contains("TAB")) {
			hint = "; YAML does not allow tabs for indentation, use spaces";
		}
		else if (problem.contains("duplicate key")) {
			return new Finding(FindingCode.DUPLICATE_KEY, line, problem);
		}
		String context = (ex.getContext() != null) ? " (" + ex.getContext() + ")" : "";
		return new Finding(FindingCode.YAML_SYNTAX, line,
				"column " + column + ": " + problem + context + hint);
	}

	private static String decode(byte[] bytes) {
		CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		try {
			return decoder.decode(ByteBuffer.wrap(bytes)).toString();
		}
		catch (CharacterCodingException ex) {
			int bad = firstInvalidUtf8(bytes);
			int line = 1;
			int lineStart = 0;
			for (int i = 0; i < bad; i++) {
				if (bytes[i] == '\n') {
					line++;
					lineStart = i + 1;
				}
			}
			throw new Rejection(new Finding(FindingCode.NOT_UTF8, line, String.format(
					"byte 0x%02X at column %d is not valid UTF-8; the file must be saved as UTF-8 (is it Latin-1 or Windows-1252?)",
					bytes[bad] & 0xff, bad - lineStart + 1)));
		}
	}

	private static int firstInvalidUtf8(byte[] bytes) {
		int i = 0;
		while (i < bytes.length) {
			int b = bytes[i] & 0xff;
			int length = (b < 0x80) ? 1 : (b >= 0xC2 && b <= 0xDF) ? 2 : (b >= 0xE0 && b <= 0xEF) ? 3 : (b >= 0xF0 && b <= 0xF4) ? 4 : 0;
			if (length == 0 || i + length > bytes.length) {
				return i;
			}
			// the second byte's range is narrower after these leads: no overlong forms, no surrogates, nothing past U+10FFFF
			int second = bytes[i + Math.min(1, length - 1)] & 0xff;
			int low = (b == 0xE0) ? 0xA0 : (b == 0xF0) ? 0x90 : 0x80;
			int high = (b == 0xED) ? 0x9F : (b == 0xF4) ? 0x8F : 0xBF;
			if (length > 1 && (second < low || second > high)) {
				return i;
			}
			for (int k = 1; k < length; k++) {
				if ((bytes[i + k] & 0xC0) != 0x80) {
					return i;
				}
			}
			i += length;
		}
		return Math.max(0, bytes.length - 1);
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

	private static String humanBytes(long bytes) {
		if (bytes >= 1024 * 1024) {
			return String.format("%.1f MiB", bytes / (1024.0 * 1024));
		}
		return (bytes >= 1024) ? String.format("%.1f KiB", bytes / 1024.0) : bytes + " bytes";
	}

	/** Lists every URL an article cites and checks each offline. */
	private static final class LinkCollector {

		private final YamlFields fields;

		private final List<Finding> findings;

		private final List<ArticleLink> links = new ArrayList<>();

		LinkCollector(YamlFields fields, List<Finding> findings) {
			this.fields = fields;
			this.findings = findings;
		}

		List<ArticleLink> collect(Article article) {
			String web = add(LinkRole.WEB, "webUrl", article.webUrl(), this.fields.lineOf("webUrl"), null);
			String amp = add(LinkRole.AMP, "ampWebUrl", article.ampWebUrl(), this.fields.lineOf("ampWebUrl"), null);
			String cdn = add(LinkRole.CDN_AMP, "cdnAmpWebUrl", article.cdnAmpWebUrl(), this.fields.lineOf("cdnAmpWebUrl"), null);
			checkAmpCache(amp, article.ampWebUrl(), cdn, article.cdnAmpWebUrl(), this.fields.lineOf("cdnAmpWebUrl"), "");
			addImages(LinkRole.IMAGE, article.images(), "image", null);
			for (int i = 0; i < article.related().size(); i++) {
				RelatedArticle related = article.related().get(i);
				String where = "related entry " + (i + 1) + " ";
				add(LinkRole.RELATED_WEB, where + "webUrl", related.webUrl(), related.line(), i);
				String relatedAmp = add(LinkRole.RELATED_AMP, where + "ampWebUrl", related.ampWebUrl(), related.line(), i);
				String relatedCdn = add(LinkRole.RELATED_CDN_AMP, where + "cdnAmpWebUrl", related.cdnAmpWebUrl(), related.line(), i);
				checkAmpCache(relatedAmp, related.ampWebUrl(), relatedCdn, related.cdnAmpWebUrl(), related.line(), where);
				addImages(LinkRole.RELATED_IMAGE, related.images(), where + "image", i);
			}
			for (BodyLink link : article.bodyLinks()) {
				if (BodyLinkExtractor.isIgnored(link.url())) {
					continue;
				}
				String absolute = WebUrls.resolve(web, link.url());
				LinkRole role = link.image() ? LinkRole.BODY_IMAGE : LinkRole.BODY_LINK;
				if (absolute == null) {
					this.findings.add(new Finding(FindingCode.INVALID_URL, link.line(), "body link '" + link.url()
							+ ((web == null) ? "' is relative and the article has no valid webUrl to resolve it against"
									: "' is relative and malformed; it cannot be resolved against the article's webUrl")));
					this.links.add(new ArticleLink(role, link.url(), false, link.line(), null));
					continue;
				}
				add(role, "body link", absolute, link.line(), null);
			}
			return this.links;
		}

		private void addImages(LinkRole role, List<ArticleImage> images, String what, Integer related) {
			for (int i = 0; i < images.size(); i++) {
				ArticleImage image = images.get(i);
				if (image.url() == null || image.url().isBlank()) {
					this.findings.add(new Finding(FindingCode.INVALID_URL, image.line(), what + " " + (i + 1) + " has no url"));
					continue;
				}
				add(role, what + " " + (i + 1) + " url", image.checkedUrl(), image.line(), related);
			}
		}

		private String add(LinkRole role, String what, String raw, int line, Integer related) {
			return (raw != null) ? add(role, what, WebUrls.check(raw), line, related) : null;
		}

		private String add(LinkRole role, String what, CheckedUrl checked, int line, Integer related) {
			String raw = checked.raw();
			if (checked.valid()) {
				this.links.add(new ArticleLink(role, checked.normalized(), true, line, related));
				return checked.normalized();
			}
			this.findings.add(new Finding(FindingCode.INVALID_URL, line, what + " '" + shorten(raw) + "' is invalid: " + checked.problem()));
			this.links.add(new ArticleLink(role, raw.strip(), false, line, related));
			return null;
		}

		private void checkAmpCache(String amp, String rawAmp, String cdn, String rawCdn, int line, String where) {
			if (rawCdn == null || cdn == null) {
				return;
			}
			if (rawAmp == null) {
				this.findings.add(new Finding(FindingCode.AMP_CACHE_MISMATCH, line,
						where + "cdnAmpWebUrl is given but there is no ampWebUrl it could be the cache of"));
				return;
			}
			if (amp == null) {
				return;
			}
			String expected = AmpCacheUrls.cacheUrlOf(amp);
			if (!expected.equals(cdn)) {
				this.findings.add(new Finding(FindingCode.AMP_CACHE_MISMATCH, line, where + "cdnAmpWebUrl '" + shorten(rawCdn)
						+ "' is not the AMP-cache form of ampWebUrl; expected '" + shorten(expected) + "'"));
			}
		}

		private static String shorten(String text) {
			return (text.length() <= 200) ? text : text.substring(0, 197) + "...";
		}

	}

}
