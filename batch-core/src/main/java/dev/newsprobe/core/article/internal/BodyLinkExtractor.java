package dev.newsprobe.core.article.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.newsprobe.core.article.BodyLink;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.Parser;

/**
 * Finds the links of a Markdown body: inline links and images ({@code [t](u)}, {@code ![a](u)}),
 * reference definitions ({@code [id]: u}), autolinks ({@code <https://…>}) and inline HTML
 * {@code <a href>} and {@code <img src>}, including an image inside a link. Fenced code blocks
 * and code spans are ignored, as a renderer would not turn them into links; indented code blocks
 * are not recognised (they are rare in articles and hard to tell from indented prose).
 */
public final class BodyLinkExtractor {

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`\n]*`");

	/** A link or image; its text may hold one level of brackets, e.g. an image inside a link. */
	private static final Pattern INLINE = Pattern.compile("(!?)\\[((?:[^\\[\\]\\\\\n]|\\\\.|\\[(?:[^\\[\\]\\\\\n]|\\\\.)*\\])*)\\]"
			+ "\\(\\s*(<[^>\n]*>|[^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^)]*\\)))?\\s*\\)");

	private static final Pattern REFERENCE = Pattern.compile("(?m)^ {0,3}\\[[^\\]\n]+\\]:[ \t]*<?([^\\s>]+)>?");

	private static final Pattern AUTOLINK = Pattern.compile("<(https?://[^>\\s]+)>", Pattern.CASE_INSENSITIVE);

	private static final Pattern HTML_TAG = Pattern.compile("<(a|img)\\b", Pattern.CASE_INSENSITIVE);

	private BodyLinkExtractor() {
	}

	/**
	 * Extracts the links of a body in the order they appear.
	 * @param body the Markdown text
	 * @param firstLine the file line the body starts on
	 * @return the links, with their file lines
	 */
	public static List<BodyLink> extract(String body, int firstLine) {
		if (body.isEmpty()) {
			return List.of();
		}
		String text = withoutCode(body);
		int[] lineStarts = lineStarts(text);
		List<Found> found = new ArrayList<>();
		List<int[]> covered = new ArrayList<>();
		findInline(text, 0, text.length(), found, covered);
		Matcher reference = REFERENCE.matcher(text);
		while (reference.find()) {
			found.add(new Found(reference.start(1), reference.group(1), false));
			covered.add(new int[] { reference.start(), reference.end() });
		}
		Matcher autolink = AUTOLINK.matcher(text);
		while (autolink.find()) {
			int at = autolink.start();
			if (covered.stream().noneMatch(range -> at >= range[0] && at < range[1])) {
				found.add(new Found(at, autolink.group(1), false));
			}
		}
		if (HTML_TAG.matcher(text).find()) {
			Document html = Jsoup.parse(text, "", Parser.htmlParser().setTrackPosition(true));
			for (Element element : html.select("a[href], img[src]")) {
				boolean image = element.normalName().equals("img");
				int offset = element.sourceRange().startPos();
				found.add(new Found(Math.max(offset, 0), element.attr(image ? "src" : "href"), image));
			}
		}
		found.sort((a, b) -> Integer.compare(a.offset, b.offset));
		List<BodyLink> links = new ArrayList<>(found.size());
		for (Found link : found) {
			if (!link.url.isBlank()) {
				links.add(new BodyLink(link.url.strip(), link.image, firstLine + lineIndex(lineStarts, link.offset)));
			}
		}
		return links;
	}

	private static void findInline(String text, int from, int to, List<Found> found, List<int[]> covered) {
		Matcher inline = INLINE.matcher(text).region(from, to);
		while (inline.find()) {
			String url = inline.group(3);
			if (url.startsWith("<") && url.endsWith(">")) {
				url = url.substring(1, url.length() - 1);
			}
			found.add(new Found(inline.start(), url, !inline.group(1).isEmpty()));
			covered.add(new int[] { inline.start(), inline.end() });
			if (inline.group(2).contains("](")) {
				findInline(text, inline.start(2), inline.end(2), found, covered);
			}
		}
	}

	/** Whether a body link points at something newsprobe does not check (mail, phone, a fragment). */
	public static boolean isIgnored(String url) {
		String lower = url.strip().toLowerCase(Locale.ROOT);
		return lower.startsWith("#") || lower.startsWith("mailto:") || lower.startsWith("tel:") || lower.startsWith("data:");
	}

	private static String withoutCode(String body) {
		StringBuilder out = new StringBuilder(body.length());
		String fence = null;
		for (String line : body.split("\n", -1)) {
			if (fence == null) {
				Matcher opening = FENCE.matcher(line);
				if (opening.find()) {
					fence = opening.group(1);
					out.append(" ".repeat(line.length())).append('\n');
					continue;
				}
				out.append(blankCodeSpans(line)).append('\n');
				continue;
			}
			String stripped = line.strip();
			// a fence is closed by a run of the same character at least as long, and nothing else
			char mark = fence.charAt(0);
			if (stripped.length() >= fence.length() && stripped.chars().allMatch(c -> c == mark)) {
				fence = null;
			}
			out.append(" ".repeat(line.length())).append('\n');
		}
		out.setLength(out.length() - 1);
		return out.toString();
	}

	private static String blankCodeSpans(String line) {
		if (line.indexOf('`') < 0) {
			return line;
		}
		Matcher span = CODE_SPAN.matcher(line);
		StringBuilder out = new StringBuilder(line);
		while (span.find()) {
			for (int i = span.start(); i < span.end(); i++) {
				out.setCharAt(i, ' ');
			}
		}
		return out.toString();
	}

	private static int[] lineStarts(String text) {
		int[] starts = new int[16];
		int count = 1;
		for (int i = 0; i < text.length(); i++) {
			if (text.charAt(i) == '\n') {
				if (count == starts.length) {
					starts = Arrays.copyOf(starts, count * 2);
				}
				starts[count++] = i + 1;
			}
		}
		return Arrays.copyOf(starts, count);
	}

	private static int lineIndex(int[] lineStarts, int offset) {
		int index = Arrays.binarySearch(lineStarts, offset);
		return (index >= 0) ? index : -index - 2;
	}

	private record Found(int offset, String url, boolean image) {
	}

}
