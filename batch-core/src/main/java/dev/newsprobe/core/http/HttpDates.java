package dev.newsprobe.core.http;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * newsprobe's one reader of HTTP dates ({@code Expires}, {@code Retry-After}, {@code Last-Modified},
 * {@code Date}, {@code Memento-Datetime}).
 * <p>
 * RFC 9110 §5.6.7 defines three forms and asks recipients to parse timestamps robustly, and many
 * servers write them loosely, so each form is read leniently:
 * <ul>
 * <li>IMF-fixdate {@code Sun, 06 Nov 1994 08:49:37 GMT}, also with a one-digit day (what
 * {@code DateTimeFormatter.RFC_1123_DATE_TIME} and many servers print) or a four-digit year;</li>
 * <li>RFC 850 {@code Sunday, 06-Nov-94 08:49:37 GMT}; a two-digit year more than 50 years ahead of
 * the reference time is read as the same year of the century before, as the RFC asks;</li>
 * <li>asctime {@code Sun Nov  6 08:49:37 1994}.</li>
 * </ul>
 * In each: names in any case, abbreviated or in full; any run of spaces; the weekday may be
 * missing and is not checked against the date (a wrong weekday is a common server slip, the date
 * itself is what counts); {@code GMT}, {@code UTC}, {@code UT}, {@code Z} or a numeric offset
 * such as {@code +0000} or {@code +02:00}; a missing zone means GMT. A second of 60 (a leap second)
 * is read as 59. Anything else — an impossible day, a month that is no month, stray words — is not
 * a date, and {@link #read} says why.
 */
public final class HttpDates {

	private static final String WEEKDAY = "(?:(?<weekday>[a-z]+)(?:\\s*,\\s*|\\s+))?";

	private static final String TIME = "(?<hour>\\d{1,2}):(?<minute>\\d{2}):(?<second>\\d{2})";

	private static final String ZONE = "(?:\\s*(?<zone>gmt|utc|ut|z|[+-]\\d{2}:?\\d{2}))?";

	/** IMF-fixdate and RFC 850: day, month, year, time, zone. */
	private static final Pattern DAY_FIRST = Pattern.compile(WEEKDAY
			+ "(?<day>\\d{1,2})(?:\\s+|\\s*-\\s*)(?<month>[a-z]{3,9})(?:\\s+|\\s*-\\s*)(?<year>\\d{4}|\\d{2})\\s+" + TIME + ZONE);

	/** asctime: month, day, time, year, and a zone some servers add. */
	private static final Pattern MONTH_FIRST = Pattern.compile(WEEKDAY
			+ "(?<month>[a-z]{3,9})\\s+(?<day>\\d{1,2})\\s+" + TIME + "\\s+(?<year>\\d{4})" + ZONE);

	private static final String[] MONTHS = { "january", "february", "march", "april", "may", "june", "july",
			"august", "september", "october", "november", "december" };

	private static final String[] WEEKDAYS = { "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
			"sunday" };

	private HttpDates() {
	}

	/**
	 * What reading a header value as an HTTP date gave: the instant, or why it is none.
	 *
	 * @param instant the instant the value names, or {@code null} when it is not a date
	 * @param problem why the value is not a date, or {@code null} when it is one
	 */
	public record Reading(Instant instant, String problem) {

		/** Whether the value was a date. */
		public boolean isDate() {
			return this.instant != null;
		}

	}

	/**
	 * Reads an HTTP date.
	 * @param value the header value; {@code null} or blank gives no date
	 * @param reference the time the value is read at, for the two-digit years of the RFC 850 form
	 * @return the instant it names, or {@code null} when it is not an HTTP date
	 */
	public static Instant parse(String value, Instant reference) {
		return read(value, reference).instant();
	}

	/**
	 * Reads an HTTP date and says why when it is none.
	 * @param value the header value; {@code null} or blank gives no date
	 * @param reference the time the value is read at, for the two-digit years of the RFC 850 form
	 * @return the reading
	 */
	public static Reading read(String value, Instant reference) {
		if (value == null || value.isBlank()) {
			return new Reading(null, "no date given");
		}
		String text = value.strip().toLowerCase(Locale.ROOT);
		Matcher match = DAY_FIRST.matcher(text);
		if (!match.matches()) {
			match = MONTH_FIRST.matcher(text);
			if (!match.matches()) {
				return notADate(value, "not in any of HTTP's three date forms");
			}
		}
		String weekday = match.group("weekday");
		if (weekday != null && nameIndex(WEEKDAYS, weekday) < 0) {
			return notADate(value, "'" + weekday + "' is not a weekday");
		}
		int month = nameIndex(MONTHS, match.group("month"));
		if (month < 0) {
			return notADate(value, "'" + match.group("month") + "' is not a month");
		}
		int year = Integer.parseInt(match.group("year"));
		if (match.group("year").length() == 2) {
			year = fullYear(year, reference);
		}
		int second = Math.min(Integer.parseInt(match.group("second")), 59);
		try {
			LocalDateTime time = LocalDateTime.of(year, month + 1, Integer.parseInt(match.group("day")),
					Integer.parseInt(match.group("hour")), Integer.parseInt(match.group("minute")), second);
			return new Reading(time.toInstant(offset(match.group("zone"))), null);
		}
		catch (DateTimeException ex) {
			return notADate(value, "no such day or time");
		}
	}

	private static Reading notADate(String value, String why) {
		String shown = (value.length() > 60) ? value.substring(0, 60) + "…" : value;
		return new Reading(null, "'" + shown.strip() + "' is not an HTTP date: " + why);
	}

	/** The index of the name a word abbreviates (three letters at least), or -1. */
	private static int nameIndex(String[] names, String word) {
		for (int i = 0; i < names.length; i++) {
			if (word.length() >= 3 && names[i].startsWith(word)) {
				return i;
			}
		}
		return -1;
	}

	/** RFC 9110: a two-digit year more than 50 years in the future is the latest past year ending so. */
	private static int fullYear(int twoDigits, Instant reference) {
		int now = LocalDateTime.ofInstant(reference, ZoneOffset.UTC).getYear();
		int year = (now / 100) * 100 + twoDigits;
		if (year > now + 50) {
			year -= 100;
		}
		else if (year < now - 49) {
			year += 100;
		}
		return year;
	}

	private static ZoneOffset offset(String zone) {
		if (zone == null || !(zone.startsWith("+") || zone.startsWith("-"))) {
			return ZoneOffset.UTC;
		}
		String digits = zone.replace(":", "");
		int hours = Integer.parseInt(digits.substring(1, 3));
		int minutes = Integer.parseInt(digits.substring(3, 5));
		int sign = zone.startsWith("-") ? -1 : 1;
		return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
	}

}
