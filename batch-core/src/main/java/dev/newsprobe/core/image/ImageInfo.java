package dev.newsprobe.core.image;

/**
 * The format and size of an image, read from its first bytes.
 *
 * @param format the format, e.g. {@code jpeg}, {@code png}, {@code gif}, {@code webp}
 * @param width the width in pixels, or {@code null} when the bytes read did not reach it
 * @param height the height in pixels, or {@code null} when the bytes read did not reach it
 */
public record ImageInfo(String format, Integer width, Integer height) {
}
