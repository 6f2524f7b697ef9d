package dev.newsprobe.core.probe.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
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
 * Soft-404 detection is deliberately conservative, because flagging a live article as gone is
 * worse than missing a dead one. A page is a soft 404 when
 * <ul>
 * <li>its {@code <title>} is a not-found phrase, optionally followed by one short site-name segment
 * after a separator ({@code | · • » « – — - ~ /}), e.g. {@code "Page not found – Harbour Daily"};
 * <li>or its first {@code <h1>} is such a phrase;
 * <li>or it has {@code <meta name=robots content=noindex>} and the first 2000 characters of its
 * text say that a page (or URL, article, content) was not found, or "error 404".
 * </ul>
 * "Is a not-found phrase" means that the segment contains a phrase such as "not found", "does not
 * exist", "no longer available", "cannot be found", "couldn't find" (or its German, French,
 * Spanish, Italian, Portuguese or Dutch counterpart), and every other word of the segment is a
 * filler word of error pages ("oops", "sorry", "the", "page", "you", "requested", "error", …); a
 * bare {@code 404} counts only with error words around it ("Error 404", "HTTP 404"). So "Missing
 * hikers not found", "How to fix a 404 error", "Article 14040" and "Page 404 – Harbour Daily" (a
 * paginated archive) are not soft 404s: the other words make them headlines. Colons do not
 * separate segments, as they mostly introduce headlines ("404: the number of…").
 */
public final class PageAnalyzer {

	/** How far into the body a {@code <meta charset>} is looked for (the HTML spec says 1024). */
	private static final int CHARSET_PRESCAN_BYTES = 8192;

	// The CSS queries, parsed once: jsoup parses a query given as text on every call, which cost
	// a third of a page's analysis.
	private static final Evaluator LINKS_WITH_HREF = QueryParser.parse("link[rel][href]");

	private static final Evaluator METAS_WITH_CONTENT = QueryParser.parse("meta[content]");

	private static final Evaluator NAMED_METAS_WITH_CONTENT = QueryParser.parse("meta[name][content]");

	private static final Evaluator HTML = QueryParser.parse("html");

	private static final Evaluator H1 = QueryParser.parse("h1");

	/** How much of the body text is searched for a not-found phrase on a noindex page. */
	private static final int NOINDEX_TEXT_CHARS = 2000;

	private static final int SITE_NAME_MAX_CHARS = 60;

	private static final int SITE_NAME_MAX_WORDS = 6;

	private static final int REASON_MAX_CHARS = 120;

	private static final Pattern COMMENT = Pattern.compile("(?s)<!--.*?(?:-->|$)");

	/** Both {@code <meta charset=x>} and {@code <meta http-equiv=Content-Type content="…; charset=x">}. */
	private static final Pattern META_CHARSET = Pattern
		.compile("<meta\\b[^>]{0,512}?charset\\s*=\\s*[\"']?\\s*([a-z0-9_.:\\-]{1,40})", Pattern.CASE_INSENSITIVE);

	/** Labels browsers decode as windows-1252, a superset whose extra characters pages use anyway. */
	private static final Set<String> WINDOWS_1252_LABELS = Set.of("iso-8859-1", "iso8859-1", "iso_8859-1", "latin1",
			"l1", "cp819", "ibm819", "us-ascii", "ascii", "ansi_x3.4-1968", "cp1252", "x-cp1252");

	private static final Pattern SEGMENT_SEPARATOR = Pattern.compile("\\s*[|·•»«]+\\s*|\\s+[–—~/-]+\\s+");

	/** A word boundary in normalised text, where words are separated by single spaces. */
	private static final String START = "(?<![^ ])";

	private static final String END = "(?![^ ])";

	/** "cannot", "can not", "can't", "could not", "couldn't", also without the apostrophe. */
	private static final String CANNOT = "(?:can(?: not|not|'?t)|could(?: not|n'?t))";

	/** The phrases that say "not found", in normalised text (lower case, straight apostrophes). */
	private static final String NOT_FOUND = "(?:not found" + "|(?:does|do|did)(?: not|n'?t) exist"
			+ "|no longer (?:exists?|available)" + "|" + CANNOT + " (?:be found|find)"
			+ "|nicht (?:mehr )?gefunden|existiert nicht(?: mehr)?|nicht mehr verfügbar"
			+ "|introuvable|(?:non|pas) trouvée?|n'existe (?:pas|plus)" + "|no (?:encontrad[ao]|existe)"
			+ "|non (?:trovat[ao]|esiste)" + "|não (?:encontrad[ao]|existe)"
			+ "|niet (?:gevonden|meer beschikbaar)|bestaat niet(?: meer)?)";

	private static final Pattern NOT_FOUND_PHRASE = Pattern.compile(START + NOT_FOUND + END);

	/** What a not-found text says is missing: the page, or what was on it. */
	private static final String MISSING = "(?:page|webpage|seite|webseite|pagina|página|url|article|artikel|content"
			+ "|inhalt|contenu|contenido|conteúdo|contenuto|inhoud)";

	private static final String ERROR = "(?:error|http|fehler|erreur|errore|erro|fout)";

	/** On a noindex page: text saying that the page (within five words) is not found, or "error 404". */
	private static final Pattern NOT_FOUND_TEXT = Pattern.compile(START + "(?:" + ERROR + " 404|404 (?:" + ERROR
			+ "|not found|page)" + "|" + MISSING + "(?: [^ ]+){0,5}? " + NOT_FOUND + "|" + CANNOT
			+ " find (?:(?:the |that |this |your )?(?:page|webpage|url)|what you))" + END);

	/** Words that surround a not-found phrase on error pages, in the languages above. */
	private static final Set<String> FILLER = Set.of(
			// English
			"a", "an", "the", "this", "that", "it", "page", "pages", "webpage", "web", "site", "content", "article",
			"story", "post", "file", "directory", "document", "resource", "item", "url", "link", "address", "requested",
			"you", "your", "you're", "we", "we're", "were", "are", "is", "was", "has", "have", "been", "be", "looking",
			"for", "what", "which", "or", "and", "sorry", "oops", "ooops", "whoops", "oh", "uh", "no", "error", "http",
			"may", "might", "moved", "removed", "deleted", "anymore", "unfortunately",
			// German
			"die", "der", "das", "diese", "dieser", "seite", "webseite", "angeforderte", "gesuchte", "konnte", "kann",
			"wurde", "leider", "fehler", "ups", "hoppla", "artikel", "inhalt", "sie", "wir",
			// French
			"la", "le", "cette", "erreur", "oups", "désolé", "désolée", "contenu", "est", "demandée", "vous",
			// Spanish
			"esta", "este", "página", "pagina", "lo", "sentimos", "artículo", "contenido", "solicitada",
			// Italian
			"questa", "errore", "spiacenti", "ops", "articolo", "contenuto", "richiesta",
			// Portuguese
			"o", "erro", "desculpe", "artigo", "conteúdo",
			// Dutch
			"de", "het", "deze", "fout", "oeps", "helaas", "inhoud", "opgevraagde");

	/** The words that may stand next to a bare 404: "Error 404", "HTTP 404", "Fehler 404". */
	private static final Set<String> ERROR_WORDS = Set.of("error", "http", "fehler", "erreur", "errore", "erro", "fout",
			"oops", "whoops", "ops", "ups", "oups", "oeps", "hoppla", "sorry");

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
				isAmp(document), soft404(document, title));
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

	private static String soft404(Document document, String title) {
		if (title != null && isNotFoundTitle(title)) {
			return "title " + quote(title);
		}
		Element h1 = document.selectFirst(H1);
		if (h1 != null) {
			String heading = h1.text();
			if (isNotFoundTitle(heading)) {
				return "first h1 " + quote(heading);
			}
		}
		if (isNoindex(document) && document.body() != null) {
			String text = document.body().text();
			Matcher phrase = NOT_FOUND_TEXT
				.matcher(normalize(text.substring(0, Math.min(text.length(), NOINDEX_TEXT_CHARS))));
			if (phrase.find()) {
				return "robots noindex and text " + quote(phrase.group());
			}
		}
		return null;
	}

	/** Whether a title or heading is a not-found phrase, optionally followed by a site name. */
	private static boolean isNotFoundTitle(String title) {
		List<String> segments = new ArrayList<>();
		for (String segment : SEGMENT_SEPARATOR.split(title)) {
			if (!segment.isBlank()) {
				segments.add(segment.trim());
			}
		}
		if (segments.isEmpty()) {
			return false;
		}
		int last = segments.size() - 1;
		for (int i = 0; i < last; i++) {
			if (!isNotFoundPhrase(segments.get(i))) {
				return false;
			}
		}
		return isNotFoundPhrase(segments.get(last)) || (last > 0 && isSiteName(segments.get(last)));
	}

	private static boolean isSiteName(String segment) {
		return segment.length() <= SITE_NAME_MAX_CHARS
				&& normalize(segment).split(" ").length <= SITE_NAME_MAX_WORDS;
	}

	private static boolean isNotFoundPhrase(String segment) {
		String text = normalize(segment);
		if (text.isEmpty()) {
			return false;
		}
		Matcher phrase = NOT_FOUND_PHRASE.matcher(text);
		if (phrase.find()) {
			for (String word : phrase.replaceAll(" ").trim().split(" +")) {
				if (!word.isEmpty() && !FILLER.contains(word) && !isNumber(word)) {
					return false;
				}
			}
			return true;
		}
		boolean has404 = false;
		for (String word : text.split(" ")) {
			if (word.equals("404")) {
				has404 = true;
			}
			else if (!ERROR_WORDS.contains(word)) {
				return false;
			}
		}
		return has404;
	}

	private static boolean isNumber(String word) {
		return word.chars().allMatch(Character::isDigit);
	}

	/**
	 * Lower-cases text and keeps its words (letters, digits, apostrophes inside words) separated by
	 * single spaces, so that phrases match whatever punctuation, case or apostrophe a page uses.
	 */
	private static String normalize(String text) {
		String lower = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
		StringBuilder words = new StringBuilder(lower.length());
		boolean inWord = false;
		for (int i = 0; i < lower.length();) {
			int c = lower.codePointAt(i);
			i += Character.charCount(c);
			if (isWordChar(c)) {
				words.appendCodePoint(c);
				inWord = true;
			}
			else if (inWord && isApostrophe(c) && i < lower.length() && isWordChar(lower.codePointAt(i))) {
				words.append('\'');
			}
			else if (inWord) {
				words.append(' ');
				inWord = false;
			}
		}
		int length = words.length();
		return (length > 0 && words.charAt(length - 1) == ' ') ? words.substring(0, length - 1) : words.toString();
	}

	private static boolean isWordChar(int c) {
		int type = Character.getType(c);
		return Character.isLetterOrDigit(c) || type == Character.NON_SPACING_MARK
				|| type == Character.COMBINING_SPACING_MARK;
	}

	private static boolean isApostrophe(int c) {
		return c == '\'' || c == '’' || c == '‘' || c == 'ʼ' || c == '`' || c == '´';
	}

	private static boolean isNoindex(Document document) {
		for (Element meta : document.select(NAMED_METAS_WITH_CONTENT)) {
			String name = meta.attr("name").trim();
			if (name.equalsIgnoreCase("robots") || name.equalsIgnoreCase("googlebot")) {
				for (String directive : meta.attr("content").toLowerCase(Locale.ROOT).split("[\\s,]+")) {
					if (directive.equals("noindex") || directive.equals("none")) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static String quote(String text) {
		if (text.length() <= REASON_MAX_CHARS) {
			return "\"" + text + "\"";
		}
		int cut = Character.isHighSurrogate(text.charAt(REASON_MAX_CHARS - 1)) ? REASON_MAX_CHARS - 1 : REASON_MAX_CHARS;
		return "\"" + text.substring(0, cut) + "…\"";
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
