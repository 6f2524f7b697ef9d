package dev.newsprobe.core.image;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The size in pixels an SVG has as an image, from its root element's {@code width}, {@code height} and
 * {@code viewBox}, as browsers size an {@code <img>} of it:
 * <ul>
 * <li>a length is a number (decimals and exponents allowed: {@code 10.5}, {@code 2e3}) and a unit: none or
 * {@code px}; the absolute units at 96 px to the inch ({@code in}, {@code cm}, {@code mm}, {@code Q},
 * {@code pt}, {@code pc}); {@code em} and {@code rem} at the initial font size, 16 px; a percentage of the
 * {@code viewBox}'s width or height;</li>
 * <li>a side missing (or {@code auto}) follows from the other through the {@code viewBox}'s aspect ratio;
 * both missing, the {@code viewBox} is the size;</li>
 * <li>the result is rounded to whole pixels.</li>
 * </ul>
 * What cannot be resolved (a percentage without a {@code viewBox}, {@code ex}, {@code ch}, viewport units,
 * {@code calc()}, zero or negative sizes, no size and no {@code viewBox}, a start tag cut short) leaves the
 * size unknown, never guessed.
 */
final class SvgSize {

	/** The CSS pixels of one unit. */
	private static final String[] UNITS = { "px", "in", "cm", "mm", "q", "pt", "pc", "em", "rem" };

	private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");

	private static final double[] PIXELS = { 1, 96, 96 / 2.54, 96 / 25.4, 96 / 101.6, 96 / 72.0, 16, 16, 16 };

	private SvgSize() {
	}

	/**
	 * @param width the {@code width} attribute, or {@code null}
	 * @param height the {@code height} attribute, or {@code null}
	 * @param viewBox the {@code viewBox} attribute, or {@code null}
	 * @param complete whether the whole start tag was read (a cut one may hold more attributes)
	 */
	static ImageInfo of(String width, String height, String viewBox, boolean complete) {
		double[] box = viewBox(viewBox);
		double w = length(width, (box != null) ? box[0] : Double.NaN);
		double h = length(height, (box != null) ? box[1] : Double.NaN);
		if (!complete) {
			// attributes still to come may change everything: only what was read for certain counts
			return new ImageInfo("svg", pixels(absent(width) ? Double.NaN : w), pixels(absent(height) ? Double.NaN : h));
		}
		if (box != null) {
			if (absent(width) && absent(height)) {
				w = box[0];
				h = box[1];
			}
			else if (absent(height) && !Double.isNaN(w)) {
				h = w * box[1] / box[0];
			}
			else if (absent(width) && !Double.isNaN(h)) {
				w = h * box[0] / box[1];
			}
		}
		return new ImageInfo("svg", pixels(w), pixels(h));
	}

	private static boolean absent(String value) {
		return value == null || value.isBlank() || value.strip().equalsIgnoreCase("auto");
	}

	/** A length in pixels; NaN when absent or unresolvable. */
	private static double length(String value, double percentOf) {
		if (absent(value)) {
			return Double.NaN;
		}
		String text = value.strip().toLowerCase(Locale.ROOT);
		int end = numberEnd(text, 0);
		if (end <= 0) {
			return Double.NaN;
		}
		double number;
		try {
			number = Double.parseDouble(text.substring(0, end));
		}
		catch (NumberFormatException ex) {
			return Double.NaN;
		}
		String unit = text.substring(end).strip();
		if (unit.isEmpty()) {
			return number;
		}
		if (unit.equals("%")) {
			return number * percentOf / 100;
		}
		for (int i = 0; i < UNITS.length; i++) {
			if (UNITS[i].equals(unit)) {
				return number * PIXELS[i];
			}
		}
		return Double.NaN;
	}

	/** Where a CSS number starting at {@code from} ends (sign, digits, decimals, exponent), or -1. */
	private static int numberEnd(String text, int from) {
		int pos = from;
		if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
			pos++;
		}
		int digits = 0;
		while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
			pos++;
			digits++;
		}
		if (pos < text.length() && text.charAt(pos) == '.') {
			pos++;
			while (pos < text.length() && Character.isDigit(text.charAt(pos))) {
				pos++;
				digits++;
			}
		}
		if (digits == 0) {
			return -1;
		}
		if (pos < text.length() && text.charAt(pos) == 'e') {
			int exponent = pos + 1;
			if (exponent < text.length() && (text.charAt(exponent) == '+' || text.charAt(exponent) == '-')) {
				exponent++;
			}
			int exponentDigits = exponent;
			while (exponentDigits < text.length() && Character.isDigit(text.charAt(exponentDigits))) {
				exponentDigits++;
			}
			if (exponentDigits > exponent) {
				pos = exponentDigits;
			}
		}
		return pos;
	}

	/** The width and height of a {@code viewBox} ("min-x min-y width height"), or {@code null} when none or invalid. */
	private static double[] viewBox(String value) {
		if (value == null) {
			return null;
		}
		String[] parts = SEPARATORS.split(value.strip());
		if (parts.length != 4) {
			return null;
		}
		for (String part : parts) {
			if (numberEnd(part, 0) != part.length()) {
				return null;
			}
		}
		try {
			double width = Double.parseDouble(parts[2]);
			double height = Double.parseDouble(parts[3]);
			return (width > 0 && height > 0 && Double.isFinite(width) && Double.isFinite(height))
					? new double[] { width, height } : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static Integer pixels(double value) {
		if (Double.isNaN(value) || value <= 0 || value >= Integer.MAX_VALUE) {
			return null;
		}
		long rounded = Math.round(value);
		return (rounded > 0) ? (int) rounded : null;
	}

}
