package dev.newsprobe.core.http;

import java.net.URI;

import dev.newsprobe.core.http.CallOutcome.Ending;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a redirect leads, and when it is not followed. */
class RedirectChainTests {

	static final URI FROM = URI.create("https://news.example/2026/story?id=1");

	@Test
	void aRelativeLocationIsResolvedAgainstTheUrlThatSentItAndNormalised() {
		RedirectChain chain = chain(10);

		RedirectChain.Next next = chain.follow(FROM, "GET", 301, " /2026/new story ");

		assertThat(next.refusal()).isNull();
		assertThat(next.url()).isEqualTo("https://news.example/2026/new%20story");
		assertThat(next.method()).isEqualTo("GET");
	}

	@Test
	void seeOtherTurnsARequestIntoGetButLeavesHeadAlone() {
		assertThat(chain(10).follow(FROM, "GET", 303, "/x").method()).isEqualTo("GET");
		assertThat(chain(10).follow(FROM, "HEAD", 303, "/x").method()).isEqualTo("HEAD");
		assertThat(chain(10).follow(FROM, "HEAD", 307, "/x").method()).isEqualTo("HEAD");
	}

	@Test
	void aUrlMetAgainIsALoop() {
		RedirectChain chain = chain(10);
		chain.follow(FROM, "GET", 302, "/b");

		RedirectChain.Next back = chain.follow(URI.create("https://news.example/b"), "GET", 302, FROM.toString());

		assertThat(back.refusal()).isEqualTo(Ending.REDIRECT_LOOP);
		assertThat(back.location()).isEqualTo(FROM.toString());
	}

	@Test
	void moreRedirectsThanAllowedAreRefused() {
		RedirectChain chain = chain(2);
		for (int i = 0; i < 3; i++) {
			chain.add(new Hop("https://news.example/" + i, "GET", 302, "/" + (i + 1), null));
		}

		assertThat(chain.follow(FROM, "GET", 302, "/9").refusal()).isEqualTo(Ending.TOO_MANY_REDIRECTS);
	}

	@Test
	void aLocationThatIsNoUriOrNoHttpIsRefusedWithTheReason() {
		assertThat(chain(10).follow(FROM, "GET", 302, "http://[::1").refusal()).isEqualTo(Ending.MALFORMED_REDIRECT);
		RedirectChain.Next ftp = chain(10).follow(FROM, "GET", 302, "ftp://files.example/a");
		assertThat(ftp.refusal()).isEqualTo(Ending.UNUSABLE_REDIRECT);
		assertThat(ftp.problem()).contains("ftp");
		assertThat(ftp.location()).isEqualTo("ftp://files.example/a");
	}

	@Test
	void aNewAttemptForgetsTheHopsAndUrlsOfTheLastOne() {
		RedirectChain chain = chain(10);
		chain.add(new Hop(FROM.toString(), "GET", 302, "/b", null));
		chain.follow(FROM, "GET", 302, "/b");

		chain.restart(FROM.toString());

		assertThat(chain.hops()).isEmpty();
		assertThat(chain.follow(FROM, "GET", 302, "/b").refusal()).isNull();
	}

	static RedirectChain chain(int maxRedirects) {
		RedirectChain chain = new RedirectChain(maxRedirects);
		chain.restart(FROM.toString());
		return chain;
	}

}
