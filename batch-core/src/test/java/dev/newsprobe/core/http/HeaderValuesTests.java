package dev.newsprobe.core.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The numbers headers carry, read without regular expressions. */
class HeaderValuesTests {

	@Test
	void aLengthIsDigitsOnlyWithinItsLimit() {
		assertThat(HeaderValues.length(" 1234 ")).isEqualTo(1234L);
		assertThat(HeaderValues.length("0")).isZero();
		assertThat(HeaderValues.length("999999999999999999")).isEqualTo(999_999_999_999_999_999L);
		assertThat(HeaderValues.length("9999999999999999999")).isNull();
		assertThat(HeaderValues.length("-1")).isNull();
		assertThat(HeaderValues.length("12 34")).isNull();
		assertThat(HeaderValues.length("")).isNull();
		assertThat(HeaderValues.length(null)).isNull();
		assertThat(HeaderValues.number("1234567890", 9)).isNull();
	}

	@Test
	void theCompleteLengthOfARangeIsAfterItsSlash() {
		assertThat(HeaderValues.completeLength("bytes 0-65535/1048576")).isEqualTo(1_048_576L);
		assertThat(HeaderValues.completeLength("bytes 0-65535/*")).isNull();
		assertThat(HeaderValues.completeLength("bytes 0-65535")).isNull();
	}

}
