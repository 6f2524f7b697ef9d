package dev.newsprobe.core.http;

import java.time.Instant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HttpDatesTests {

	/** A fixed reading time: nothing here depends on the day the tests run. */
	static final Instant NOW = Instant.parse("2026-12-02T17:00:00Z");

	static final Instant DEC_4 = Instant.parse("2026-12-04T16:10:00Z");

	@ParameterizedTest
	@ValueSource(strings = {
			// IMF-fixdate, as RFC 9110 asks servers to send it
			"Fri, 04 Dec 2026 16:10:00 GMT",
			// a one-digit day, as DateTimeFormatter.RFC_1123_DATE_TIME and many servers print it
			"Fri, 4 Dec 2026 16:10:00 GMT",
			// any case of names
			"fri, 04 dec 2026 16:10:00 gmt", "FRI, 04 DEC 2026 16:10:00 GMT",
			// extra spaces, leading and trailing too
			"  Fri,  4   Dec  2026   16:10:00   GMT  ", "Fri,04 Dec 2026 16:10:00 GMT",
			// no weekday; a full weekday or month name
			"04 Dec 2026 16:10:00 GMT", "Friday, 04 December 2026 16:10:00 GMT",
			// other names of the zero offset, or none at all
			"Fri, 04 Dec 2026 16:10:00 UTC", "Fri, 04 Dec 2026 16:10:00 UT", "Fri, 04 Dec 2026 16:10:00 +0000",
			"Fri, 04 Dec 2026 16:10:00 -0000", "Fri, 04 Dec 2026 16:10:00 Z", "Fri, 04 Dec 2026 16:10:00",
			// a numeric offset other than zero is applied
			"Fri, 04 Dec 2026 18:10:00 +0200", "Fri, 04 Dec 2026 11:10:00 -05:00",
			// RFC 850, the obsolete form, with its two-digit year, or a four-digit one
			"Friday, 04-Dec-26 16:10:00 GMT", "Friday, 4-Dec-26 16:10:00 GMT", "Fri, 04-Dec-2026 16:10:00 GMT",
			// asctime, with its space-padded day, a two-digit day, and the zone some servers add
			"Fri Dec  4 16:10:00 2026", "Fri Dec 4 16:10:00 2026", "Fri Dec 04 16:10:00 2026", "Dec 4 16:10:00 2026",
			"Fri Dec  4 16:10:00 2026 GMT",
			// a wrong weekday: the date is what counts
			"Mon, 04 Dec 2026 16:10:00 GMT" })
	void everySpellingOfOneDateReadsAsThatDate(String spelling) {
		assertThat(HttpDates.parse(spelling, NOW)).isEqualTo(DEC_4);
		assertThat(HttpDates.read(spelling, NOW).problem()).isNull();
	}

	@Test
	void aTwoDigitYearMoreThanFiftyYearsAheadIsTheCenturyBefore() {
		assertThat(HttpDates.parse("Sunday, 06-Nov-94 08:49:37 GMT", NOW)).isEqualTo(Instant.parse("1994-11-06T08:49:37Z"));
		assertThat(HttpDates.parse("Sunday, 06-Nov-76 08:49:37 GMT", NOW)).as("50 years ahead is still ahead")
			.isEqualTo(Instant.parse("2076-11-06T08:49:37Z"));
		assertThat(HttpDates.parse("Sunday, 06-Nov-77 08:49:37 GMT", NOW)).isEqualTo(Instant.parse("1977-11-06T08:49:37Z"));
	}

	@Test
	void aLeapSecondIsReadAsTheSecondBefore() {
		assertThat(HttpDates.parse("Wed, 31 Dec 2025 23:59:60 GMT", NOW)).isEqualTo(Instant.parse("2025-12-31T23:59:59Z"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-1", "soon", "tomorrow", "2026-12-04T16:10:00Z", "Fri, 32 Dec 2026 16:10:00 GMT",
			"Fri, 30 Feb 2026 16:10:00 GMT", "Fri, 04 Dez 2026 16:10:00 GMT", "Fri, 04 De 2026 16:10:00 GMT",
			"Fri, 04 Dec 2026 24:10:00 GMT", "Fri, 04 Dec 2026 16:61:00 GMT", "Fri, 04 Dec 2026 16:10 GMT",
			"Fri, 04 Dec 2026 16:10:00 CET", "Fri, 04 Dec 2026 16:10:00 GMT extra", "Fri, 04 Dec 126 16:10:00 GMT",
			"Fry, 04 Dec 2026 16:10:00 GMT", "Fri, 04 Dec 2026 16:10:00 +2500", "Fri Dec  4 16:10:00 26",
			"Fri, 04 Dec 2026 16:10:00 GMT\u0000" })
	void garbageIsNoDateAndSaysWhy(String garbage) {
		HttpDates.Reading reading = HttpDates.read(garbage, NOW);
		assertThat(reading.instant()).isNull();
		assertThat(reading.isDate()).isFalse();
		assertThat(reading.problem()).startsWith("'" + garbage.strip() + "' is not an HTTP date: ");
	}

	@Test
	void whyADateIsNoneNamesTheWordAtFault() {
		assertThat(HttpDates.read("Fri, 04 Dez 2026 16:10:00 GMT", NOW).problem()).endsWith("'dez' is not a month");
		assertThat(HttpDates.read("Fry, 04 Dec 2026 16:10:00 GMT", NOW).problem()).endsWith("'fry' is not a weekday");
		assertThat(HttpDates.read("Fri, 30 Feb 2026 16:10:00 GMT", NOW).problem()).endsWith("no such day or time");
		assertThat(HttpDates.read("soon", NOW).problem()).endsWith("not in any of HTTP's three date forms");
	}

	@Test
	void nothingGivenIsNoDate() {
		assertThat(HttpDates.parse(null, NOW)).isNull();
		assertThat(HttpDates.parse("   ", NOW)).isNull();
		assertThat(HttpDates.read(null, NOW).problem()).isEqualTo("no date given");
	}

	@Test
	void aLongGarbageValueIsShortenedInTheReason() {
		String value = "x".repeat(500);
		assertThat(HttpDates.read(value, NOW).problem()).contains("x".repeat(60) + "…").doesNotContain("x".repeat(61));
	}

}
