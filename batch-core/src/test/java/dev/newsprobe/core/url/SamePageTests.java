package dev.newsprobe.core.url;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** When a canonical link names the article's page, and when another page. */
class SamePageTests {

	@ParameterizedTest
	@CsvSource({ "http://h.example/page/ok?case=x, http://h.example/page/ok",
			"https://h.example/a?utm_source=x&utm_medium=y&fbclid=z, https://h.example/a",
			"https://h.example/a/, https://h.example/a", "HTTPS://H.EXAMPLE/a, https://h.example/a",
			"http://h.example/a, https://h.example/a", "https://h.example:443/a, https://h.example/a",
			"https://h.example/a#comments, https://h.example/a", "https://h.example/%7Euser/a, https://h.example/~user/a",
			"https://h.example/caf%c3%a9, https://h.example/caf%C3%A9", "https://h.example/café, https://h.example/caf%C3%A9",
			"https://h.example, https://h.example/", "http://0x7f.1/a, http://127.0.0.1/a" })
	void theseNameOnePage(String one, String other) {
		assertThat(SamePage.test(one, other)).isTrue();
		assertThat(SamePage.test(other, one)).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "https://h.example/a, https://h.example/b", "https://h.example/a, https://www.h.example/a",
			"https://h.example/a, https://h.example:8443/a", "https://h.example/A, https://h.example/a",
			"https://h.example/a/b, https://h.example/a", "https://h.example/a%2Fb, https://h.example/a/b",
			"https://h.example/a, not a url", "https://h.example/a, ''" })
	void theseNameTwoPages(String one, String other) {
		assertThat(SamePage.test(one, other)).isFalse();
	}

}
