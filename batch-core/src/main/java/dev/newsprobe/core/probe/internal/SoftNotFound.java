package dev.newsprobe.core.probe.internal;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Tells a "not found" page served with 200 (a soft 404).
 * <p>
 * Deliberately conservative, because flagging a live article as gone is
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
final class SoftNotFound {

	// CSS queries parsed once: jsoup parses a query given as text on every call
	private static final Evaluator NAMED_METAS_WITH_CONTENT = QueryParser.parse("meta[name][content]");

	private static final Evaluator H1 = QueryParser.parse("h1");

	/** How much of the body text is searched for a not-found phrase on a noindex page. */
	private static final int NOINDEX_TEXT_CHARS = 2000;

	private static final int SITE_NAME_MAX_CHARS = 60;

	private static final int SITE_NAME_MAX_WORDS = 6;

	private static final int REASON_MAX_CHARS = 120;

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

	private static final Pattern DIRECTIVE_SEPARATOR = Pattern.compile("[\\s,]+");

	private SoftNotFound() {
	}

	/**
	 * Why a page that answered 200 is a "not found" page, or {@code null} when it is not one.
	 * @param document the parsed page
	 * @param title its title, or {@code null}
	 */
	static String reason(Document document, String title) {
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
				for (String directive : DIRECTIVE_SEPARATOR.split(meta.attr("content").toLowerCase(Locale.ROOT))) {
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

}
