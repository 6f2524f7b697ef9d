package dev.newsprobe.jobs.definition;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.core.url.WebUrls;
import dev.newsprobe.jobs.run.RunParameters;
import dev.newsprobe.jobs.test.JobFunctionalTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SSRF guard with newsprobe's default configuration (no allowed networks): articles citing
 * loopback addresses, in every spelling, get {@code FORBIDDEN_ADDRESS} and the servers there
 * never see a request.
 */
@JobFunctionalTest
class ProbeAddressGuardFunctionalTests {

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job articleAuditJob;

	@Autowired
	JdbcTemplate jdbc;

	@TempDir
	Path archive;

	@Test
	void loopbackInEverySpellingIsForbiddenAndNeverContacted() throws Exception {
		try (FixtureWeb web = FixtureWeb.start(); FixtureWeb web6 = FixtureWeb.startIpv6()) {
			web.fallback(Response.html("<title>should never be seen</title>"));
			web6.fallback(Response.html("<title>should never be seen</title>"));
			List<String> urls = List.of("http://127.0.0.1:" + web.port() + "/a", "http://[::1]:" + web6.port() + "/b",
					"http://2130706433:" + web.port() + "/c", "http://localhost:" + web.port() + "/d",
					"http://0177.0.0.01:" + web.port() + "/e", "http://0x7f000001:" + web.port() + "/f",
					"http://localhost.:" + web.port() + "/g", "http://[::ffff:127.0.0.1]:" + web.port() + "/h",
					"http://user:pass@127.1:" + web.port() + "/i");
			StringBuilder body = new StringBuilder();
			urls.subList(1, urls.size()).forEach(url -> body.append("[link](").append(url).append(")\n"));
			Files.writeString(this.archive.resolve("ssrf.md"),
					"---\ntitle: \"SSRF\"\nwebUrl: \"" + urls.get(0) + "\"\n---\n" + body);

			JobExecution execution = this.jobOperator.start(this.articleAuditJob,
					RunParameters.forRun(List.of(this.archive), 1));

			assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			for (String url : urls) {
				// stored as browsers read it: 2130706433 is 127.0.0.1, credentials are dropped
				Map<String, Object> state = this.jdbc.queryForMap(
						"SELECT verdict, verdict_reason FROM newsprobe.url_state WHERE url = ?", WebUrls.check(url).normalized());
				assertThat(state).as(url).containsEntry("verdict", "FORBIDDEN_ADDRESS");
				assertThat((String) state.get("verdict_reason")).as(url).contains("loopback");
			}
			assertThat(web.totalRequests()).isZero();
			assertThat(web.connectionsOpened()).isZero();
			assertThat(web6.totalRequests()).isZero();
			assertThat(this.jdbc.queryForList("SELECT url FROM newsprobe.url_state", String.class))
				.noneMatch(stored -> stored.contains("pass"));
		}
	}

}
