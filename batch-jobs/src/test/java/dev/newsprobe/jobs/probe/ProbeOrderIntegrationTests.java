package dev.newsprobe.jobs.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The order in which due URLs are read ({@code newsprobe.probe_order}): page after page, every due
 * URL exactly once, and each page spread over the hosts rather than one host's URLs in a row (which
 * would leave per-host politeness holding back the rest of the concurrency).
 */
class ProbeOrderIntegrationTests {

	static final int HOSTS = 4;

	static final int PER_HOST = 50;

	static JdbcTemplate jdbc;

	@BeforeAll
	static void database() {
		DataSource dataSource = TestDatabases.freshMigratedDatabase(ProbeOrderIntegrationTests.class);
		jdbc = new JdbcTemplate(dataSource);
		jdbc.update("INSERT INTO newsprobe.article (id, path, content_hash, first_ingested_at, last_ingested_at,"
				+ " last_ingest_execution_id) VALUES (1, '/a.md', 'h', now(), now(), 1)");
		for (int h = 0; h < HOSTS; h++) {
			jdbc.update("INSERT INTO newsprobe.url_state (url, kind, first_seen_at, first_seen_execution_id, next_check_at)"
					+ " SELECT 'https://host' || ? || '.example/story/' || i, 'page', now(), 1, now() - interval '1 hour'"
					+ " FROM generate_series(1, ?) i", h, PER_HOST);
		}
		// one URL that is not due, and one no live article cites: neither is ever read
		jdbc.update("INSERT INTO newsprobe.url_state (url, kind, first_seen_at, first_seen_execution_id, next_check_at)"
				+ " VALUES ('https://host0.example/later', 'page', now(), 1, now() + interval '1 day'),"
				+ " ('https://host0.example/uncited', 'page', now(), 1, now() - interval '1 hour')");
		jdbc.update("INSERT INTO newsprobe.article_link (article_id, position, url, role, valid, line)"
				+ " SELECT 1, row_number() OVER (ORDER BY url), url, 'web', true, 1 FROM newsprobe.url_state"
				+ " WHERE url <> 'https://host0.example/uncited'");
	}

	@Test
	void pagesReadEveryDueUrlOnceAndEachPageMixesTheHosts() {
		ProbeRepository repository = new ProbeRepository(jdbc);
		Instant cutoff = Instant.now();
		List<String> read = new ArrayList<>();
		List<Integer> hostsPerPage = new ArrayList<>();
		String after = "";
		for (List<DueUrl> page = repository.due(ProbeScope.DUE, cutoff, after, 12, null); !page.isEmpty();
				page = repository.due(ProbeScope.DUE, cutoff, after, 12, null)) {
			Set<String> hosts = new HashSet<>();
			for (DueUrl due : page) {
				read.add(due.url());
				hosts.add(due.url().substring(0, due.url().indexOf(".example")));
			}
			hostsPerPage.add(hosts.size());
			after = page.get(page.size() - 1).url();
		}

		assertThat(read).hasSize(HOSTS * PER_HOST).doesNotHaveDuplicates()
			.doesNotContain("https://host0.example/later", "https://host0.example/uncited");
		// sorted as text, a page of 12 would hold one host only
		assertThat(hostsPerPage).as("hosts on each page").allSatisfy(hosts -> assertThat(hosts).isGreaterThanOrEqualTo(2));
		assertThat(hostsPerPage.stream().mapToInt(Integer::intValue).average().orElseThrow()).isGreaterThan(3);
	}

	@Test
	void aReadResumedAfterAnyUrlGoesOnWithTheUrlsAfterIt() {
		ProbeRepository repository = new ProbeRepository(jdbc);
		Instant cutoff = Instant.now();
		List<String> all = repository.due(ProbeScope.DUE, cutoff, "", 1000, null).stream().map(DueUrl::url).toList();

		// what a restart does: the last URL of the last committed chunk is the whole cursor
		String resumeAfter = all.get(77);
		List<String> rest = repository.due(ProbeScope.DUE, cutoff, resumeAfter, 1000, null).stream().map(DueUrl::url).toList();

		assertThat(rest).containsExactlyElementsOf(all.subList(78, all.size()));
	}

}
