package dev.newsprobe.core.probe;

import java.util.concurrent.TimeUnit;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static dev.newsprobe.core.probe.ProberTestSupport.probe;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An article's AMP URL probed against a real server: its page must be AMP and name the article as its
 * canonical, compared as one page whatever query or trailing slash either URL has.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AmpPageIntegrationTests {

	private final FixtureWeb web = FixtureWeb.start();

	private final HttpProber prober = TestPolicy.loopback().prober();

	@AfterEach
	void close() {
		this.prober.close();
		this.web.close();
	}

	@Test
	void aCanonicalThatDiffersFromTheWebUrlOnlyByItsQueryIsTheArticle() {
		// the case the issue found: a 200 AMP page was BROKEN because the webUrl carried "?case=x"
		this.web.route("/page/ok/amp", Fixtures.page().amp().title("Harbour").canonical(this.web.url("/page/ok")).response());

		ProbeResult result = probe(this.prober, amp("/page/ok/amp", this.web.url("/page/ok?case=x&utm_source=rss")));

		assertThat(result.verdict()).as(result.reason()).isEqualTo(Verdict.OK);
	}

	@Test
	void aCanonicalToAnotherPageIsASoft404WithTheCanonicalAsEvidence() {
		this.web.route("/page/ok/amp", Fixtures.page().amp().title("Other").canonical("/page/other/").response());

		ProbeResult result = probe(this.prober, amp("/page/ok/amp", this.web.url("/page/ok")));

		assertThat(result.verdict()).isEqualTo(Verdict.SOFT_404);
		assertThat(result.statusCode()).isEqualTo(200);
		assertThat(result.page().canonical()).isEqualTo(this.web.url("/page/other/"));
		assertThat(result.reason()).contains(this.web.url("/page/other/"), "another page", this.web.url("/page/ok"));
	}

	@Test
	void anAmpUrlServingAPageThatIsNotAmpIsASoft404() {
		this.web.route("/page/ok/amp", Fixtures.page().title("Harbour").canonical(this.web.url("/page/ok")).response());

		ProbeResult result = probe(this.prober, amp("/page/ok/amp", this.web.url("/page/ok")));

		assertThat(result.verdict()).isEqualTo(Verdict.SOFT_404);
		assertThat(result.page().amp()).isFalse();
	}

	private ProbeRequest amp(String path, String webUrl) {
		return new ProbeRequest(this.web.url(path), false, null, null, webUrl, null, null);
	}

}
