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
 * {@code <a href>} and {@code <img src>}. Code blocks and code spans are ignored, as a renderer
 * would not turn them into links.
 */
public final class BodyLinkExtractor {

	private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~)");

	private static final Pattern CODE_SPAN = Pattern.compile("`[^`\n]*`");

	private static final Pattern INLINE = Pattern.compile(
			"(!?)\\[(?:[^\\]\\\\\n]|\\\\.)*\\]\\(\\s*(<[^>\n]*>|[^\\s()]*(?:\\([^\\s()]*\\)[^\\s()]*)*)(?:\\s+(?:\"[^\"]*\"|'[^']*'|\\([^)]*\\)))?\\s*\\)");

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
		Matcher inline = INLINE.matcher(text);
		while (inline.find()) {
			String url = inline.group(2);
			if (url.startsWith("<") && url.endsWith(">")) {
				url = url.substring(1, url.length() - 1);
			}
			found.add(new Found(inline.start(), url, !inline.group(1).isEmpty()));
		}
		Matcher reference = REFERENCE.matcher(text);
		while (reference.find()) {
			found.add(new Found(reference.start(1), reference.group(1), false));
		}
		Matcher autolink = AUTOLINK.matcher(text);
		while (autolink.find()) {
			found.add(new Found(autolink.start(), autolink.group(1), false));
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

	/** Whether a body link points at something newsprobe does not check (mail, phone, a fragment). */
	public static boolean isIgnored(String url) {
		String lower = url.strip().toLowerCase(Locale.ROOT);
		return lower.startsWith("#") || lower.startsWith("mailto:") || lower.startsWith("tel:") || lower.startsWith("data:");
	}

	private static String withoutCode(String body) {
		StringBuilder out = new StringBuilder(body.length());
		boolean inFence = false;
		String fence = null;
		for (String line : body.split("\n", -1)) {
			Matcher opening = FENCE.matcher(line);
			if (opening.find() && (!inFence || line.strip().startsWith(fence))) {
				inFence = !inFence;
				fence = opening.group(1);
				out.append(" ".repeat(line.length())).append('\n');
				continue;
			}
			out.append(inFence ? " ".repeat(line.length()) : blankCodeSpans(line)).append('\n');
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
