package dev.newsprobe.core.probe.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsprobe.core.probe.PageInfo;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Reads what newsprobe checks in an HTML page: its title, canonical, {@code amphtml} and
 * {@code og:image} links, whether it is an AMP document, and whether it is a "not found" page
 * although it was served with 200 (a soft 404).
 * <p>
 * The body is untrusted and may be a truncated prefix of the page: whatever precedes the cut is
 * read, and no input makes it throw.
 * <p>
 * Soft-404 detection ({@link SoftNotFound}) is deliberately conservative, because flagging a live
 * article as gone is worse than missing a dead one.
 */
public final class PageAnalyzer {

	/** How far into the body a {@code <meta charset>} is looked for (the HTML spec says 1024). */
	private static final int CHARSET_PRESCAN_BYTES = 8192;

	// The CSS queries, parsed once: jsoup parses a query given as text on every call, which cost
	// a third of a page's analysis.
	private static final Evaluator LINKS_WITH_HREF = QueryParser.parse("link[rel][href]");

	private static final Evaluator METAS_WITH_CONTENT = QueryParser.parse("meta[content]");

	private static final Evaluator HTML = QueryParser.parse("html");

	private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(?:-->|$)");

	/** Both {@code <meta charset=x>} and {@code <meta http-equiv=Content-Type content="…; charset=x">}. */
	private static final Pattern META_CHARSET = Pattern
		.compile("<meta\\b[^>]{0,512}?charset\\s*=\\s*[\"']?\\s*([a-z0-9_.:\\-]{1,40})", Pattern.CASE_INSENSITIVE);

	/** Labels browsers decode as windows-1252, a superset whose extra characters pages use anyway. */
	private static final Set<String> WINDOWS_1252_LABELS = Set.of("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
			"l1", "cp819", "ibm819", "us-ascii", "ascii", "ansi_x3.4-1968", "cp1252", "x-cp1252");

	private PageAnalyzer() {
	}

	/**
	 * Analyses a page body.
	 * @param body the bytes read, possibly a truncated prefix of the page; {@code null} reads as empty
	 * @param length how many bytes of {@code body} were read
	 * @param contentTypeHeader the {@code Content-Type} response header, or {@code null}
	 * @param pageUrl the URL the page was read from, against which relative links are resolved
	 * @return what the page says about itself
	 */
	public static PageInfo analyze(byte[] body, int length, String contentTypeHeader, String pageUrl) {
		byte[] bytes = (body != null) ? body : new byte[0];
		int end = Math.max(0, Math.min(length, bytes.length));
		Document document = Jsoup.parse(decode(bytes, end, contentTypeHeader), (pageUrl != null) ? pageUrl : "");
		String title = blankToNull(document.title());
		return new PageInfo(title, linkHref(document, "canonical"), linkHref(document, "amphtml"), ogImage(document),
				isAmp(document), SoftNotFound.reason(document, title));
	}

	/**
	 * Tells whether a {@code Content-Type} header announces an HTML page.
	 * @param contentTypeHeader the header value, or {@code null}
	 * @return whether it is {@code text/html} or {@code application/xhtml+xml}
	 */
	public static boolean isHtml(String contentTypeHeader) {
		if (contentTypeHeader == null) {
			return false;
		}
		int semicolon = contentTypeHeader.indexOf(';');
		String mediaType = ((semicolon < 0) ? contentTypeHeader : contentTypeHeader.substring(0, semicolon)).trim()
			.toLowerCase(Locale.ROOT);
		return mediaType.equals("text/html") || mediaType.equals("application/xhtml+xml");
	}

	/** Decodes as a browser would: byte order mark, then the header's charset, then a meta, then UTF-8. */
	private static String decode(byte[] bytes, int end, String contentTypeHeader) {
		if (end >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
			return new String(bytes, 3, end - 3, StandardCharsets.UTF_8);
		}
		if (end >= 2 && (bytes[0] & 0xFF) == 0xFE && (bytes[1] & 0xFF) == 0xFF) {
			return new String(bytes, 2, end - 2, StandardCharsets.UTF_16BE);
		}
		if (end >= 2 && (bytes[0] & 0xFF) == 0xFF && (bytes[1] & 0xFF) == 0xFE) {
			return new String(bytes, 2, end - 2, StandardCharsets.UTF_16LE);
		}
		Charset charset = charsetNamed(headerCharset(contentTypeHeader));
		if (charset == null) {
			charset = metaCharset(bytes, end);
		}
		return new String(bytes, 0, end, (charset != null) ? charset : StandardCharsets.UTF_8);
	}

	private static String headerCharset(String contentTypeHeader) {
		if (contentTypeHeader == null) {
			return null;
		}
		String[] parts = contentTypeHeader.split(";");
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals > 0 && parts[i].substring(0, equals).trim().equalsIgnoreCase("charset")) {
				return parts[i].substring(equals + 1).replace("\"", "").replace("'", "");
			}
		}
		return null;
	}

	private static Charset metaCharset(byte[] bytes, int end) {
		// ISO-8859-1 maps each byte to one char, so any ASCII-compatible page reads right here.
		String prefix = new String(bytes, 0, Math.min(end, CHARSET_PRESCAN_BYTES), StandardCharsets.ISO_8859_1);
		Matcher meta = META_CHARSET.matcher(COMMENT.matcher(prefix).replaceAll(""));
		if (!meta.find()) {
			return null;
		}
		Charset charset = charsetNamed(meta.group(1));
		// A meta that could be read as ASCII is not in UTF-16, whatever it claims.
		if (charset != null && charset.name().startsWith("UTF-16")) {
			return StandardCharsets.UTF_8;
		}
		return charset;
	}

	private static Charset charsetNamed(String label) {
		if (label == null || label.isBlank()) {
			return null;
		}
		String name = label.trim().toLowerCase(Locale.ROOT);
		if (WINDOWS_1252_LABELS.contains(name)) {
			name = "windows-1252";
		}
		else if (name.equals("gb2312")) {
			name = "GBK";
		}
		try {
			return Charset.forName(name);
		}
		catch (IllegalArgumentException ex) {
			// Illegal or unsupported name: the caller falls back to the next source.
			return null;
		}
	}

	private static String linkHref(Document document, String relation) {
		for (Element link : document.select(LINKS_WITH_HREF)) {
			for (String token : link.attr("rel").trim().split("\\s+")) {
				if (token.equalsIgnoreCase(relation)) {
					String url = absolute(link, "href");
					if (url != null) {
						return url;
					}
				}
			}
		}
		return null;
	}

	private static String ogImage(Document document) {
		String url = metaUrl(document, "og:image");
		return (url != null) ? url : metaUrl(document, "og:image:url");
	}

	private static String metaUrl(Document document, String property) {
		for (Element meta : document.select(METAS_WITH_CONTENT)) {
			if (meta.attr("property").trim().equalsIgnoreCase(property)
					|| meta.attr("name").trim().equalsIgnoreCase(property)) {
				String url = absolute(meta, "content");
				if (url != null) {
					return url;
				}
			}
		}
		return null;
	}

	private static String absolute(Element element, String attribute) {
		if (element.attr(attribute).isBlank()) {
			return null;
		}
		return blankToNull(element.absUrl(attribute));
	}

	/** AMP pages carry {@code amp} or {@code ⚡}; {@code amp4email} and {@code amp4ads} are other formats. */
	private static boolean isAmp(Document document) {
		Element html = document.selectFirst(HTML);
		return html != null && (html.hasAttr("amp") || html.hasAttr("⚡")) && !html.hasAttr("amp4email")
				&& !html.hasAttr("⚡4email") && !html.hasAttr("amp4ads") && !html.hasAttr("⚡4ads");
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
