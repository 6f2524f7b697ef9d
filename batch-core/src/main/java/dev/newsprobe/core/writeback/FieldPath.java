package dev.newsprobe.core.writeback;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Where a value sits in an article's front matter: a chain of keys and list indexes, e.g.
 * {@code related[1].images[0].isCached}. List indexes count entries the way the article parser
 * does: null entries ({@code - ~} or an empty {@code -}) are skipped, so index {@code n} is the
 * {@code n}-th entry of {@code Article.images()} or {@code RelatedArticle.images()}.
 *
 * @param segments the keys ({@link String}) and indexes ({@link Integer}), outermost first
 */
public record FieldPath(List<Object> segments) {

	public FieldPath {
		if (segments.isEmpty() || !(segments.get(segments.size() - 1) instanceof String)) {
			throw new IllegalArgumentException("a field path ends with a key: " + segments);
		}
		for (Object segment : segments) {
			if (!(segment instanceof String) && !(segment instanceof Integer)) {
				throw new IllegalArgumentException("a field path holds keys and indexes only: " + segments);
			}
		}
		segments = Collections.unmodifiableList(new ArrayList<>(segments));
	}

	/** A top-level key, e.g. {@code webUrl}. */
	public static FieldPath key(String key) {
		return new FieldPath(List.of(key));
	}

	/** A key of a related article, e.g. {@code related[2].webUrl}. */
	public static FieldPath related(int related, String key) {
		return new FieldPath(List.of("related", related, key));
	}

	/**
	 * A field of an image.
	 * @param related the index of the related article, {@code null} for the article's own images
	 * @param image the index of the image in its list
	 * @param key the field, e.g. {@code isCached} or {@code url}
	 * @return the path
	 */
	public static FieldPath image(Integer related, int image, String key) {
		return (related == null) ? new FieldPath(List.of("images", image, key))
				: new FieldPath(List.of("related", related, "images", image, key));
	}

	/** The last key: the field itself. */
	public String field() {
		return (String) this.segments.get(this.segments.size() - 1);
	}

	/** The path of the mapping holding the field. */
	public List<Object> parent() {
		return this.segments.subList(0, this.segments.size() - 1);
	}

	/** The mapping holding the field, as text, e.g. {@code related[0].images[1]}; empty for a top-level key. */
	public String location() {
		return text(parent());
	}

	@Override
	public String toString() {
		return text(this.segments);
	}

	private static String text(List<Object> segments) {
		StringBuilder text = new StringBuilder();
		for (Object segment : segments) {
			if (segment instanceof Integer index) {
				text.append('[').append(index).append(']');
			}
			else {
				text.append(text.isEmpty() ? "" : ".").append(segment);
			}
		}
		return text.toString();
	}

}
