package dev.newsprobe.jobs.probe;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The probe partitioner on a real database: every due URL is read by exactly one partition, all the
 * URLs of a host (host and port) by the same one, and the partitions get similar numbers of URLs.
 */
class HostPartitionerIntegrationTests {

	static JdbcTemplate jdbc;

	@BeforeAll
	static void database() {
		DataSource dataSource = TestDatabases.freshMigratedDatabase(HostPartitionerIntegrationTests.class);
		jdbc = new JdbcTemplate(dataSource);
		jdbc.update("INSERT INTO newsprobe.article (id, path, content_hash, first_ingested_at, last_ingested_at,"
				+ " last_ingest_execution_id) VALUES (1, '/a.md', 'h', now(), now(), 1)");
		// twelve hosts of very different sizes; two differ only by port, one by letter case
		String[] hosts = { "big.example", "mid.example", "mid.example:8080", "small1.example", "small2.example",
				"small3.example", "small4.example", "small5.example", "tiny1.example", "tiny2.example", "MiXed.example",
				"user@auth.example" };
		int[] counts = { 400, 150, 150, 60, 60, 60, 60, 60, 5, 5, 20, 20 };
		for (int h = 0; h < hosts.length; h++) {
			String prefix = "https://" + hosts[h] + "/p/";
			jdbc.update("INSERT INTO newsprobe.url_state (url, kind, first_seen_at, first_seen_execution_id, next_check_at)"
					+ " SELECT ? || i || '?q=' || ?, 'page', now(), 1, now() - interval '1 hour' FROM generate_series(1, ?) i",
					prefix, h, counts[h]);
		}
		jdbc.update("INSERT INTO newsprobe.article_link (article_id, position, url, role, valid, line)"
				+ " SELECT 1, row_number() OVER (ORDER BY url), url, 'web', true, 1 FROM newsprobe.url_state");
	}

	@Test
	void everyUrlFallsIntoOnePartitionAndEveryHostIsKeptWhole() {
		ProbeRepository repository = new ProbeRepository(jdbc);
		Map<String, ExecutionContext> partitions = new HostPartitioner(repository).partition(3);

		assertThat(partitions).containsOnlyKeys("partition0", "partition1", "partition2");
		Map<String, String> partitionOfUrl = new HashMap<>();
		Map<String, String> partitionOfHost = new HashMap<>();
		List<Integer> sizes = new ArrayList<>();
		for (Map.Entry<String, ExecutionContext> partition : partitions.entrySet()) {
			ExecutionContext context = partition.getValue();
			Instant cutoff = Instant.parse(context.getString(ProbingReader.CUTOFF));
			byte[] buckets = HostPartitioner.hostBuckets(context.getString(HostPartitioner.HOST_BUCKETS));
			List<DueUrl> due = new ArrayList<>();
			String after = "";
			for (List<DueUrl> page = repository.due(ProbeScope.DUE, cutoff, after, 100, buckets); !page.isEmpty();
					page = repository.due(ProbeScope.DUE, cutoff, after, 100, buckets)) {
				due.addAll(page);
				after = page.get(page.size() - 1).url();
			}
			sizes.add(due.size());
			for (DueUrl url : due) {
				assertThat(partitionOfUrl.put(url.url(), partition.getKey())).as("read by one partition only: " + url.url()).isNull();
				String host = jdbc.queryForObject("SELECT newsprobe.url_authority(?)", String.class, url.url());
				String before = partitionOfHost.putIfAbsent(host, partition.getKey());
				assertThat(before).as("host %s in one partition", host).isIn(null, partition.getKey());
			}
		}
		assertThat(partitionOfUrl).hasSize(1050);
		assertThat(partitionOfHost).containsKeys("big.example", "mid.example", "mid.example:8080", "mixed.example",
				"auth.example");
		// the biggest host alone is 400 of 1050; the others fill the two other partitions evenly
		sizes.sort(null);
		assertThat(sizes.get(2)).isGreaterThanOrEqualTo(400);
		assertThat(sizes.get(1) - sizes.get(0)).as("partitions " + sizes).isLessThanOrEqualTo(60);
	}

	@Test
	void theHostOfAUrlIsItsHostAndPortInLowerCase() {
		assertThat(jdbc.queryForObject("SELECT newsprobe.url_authority('HTTPS://User:pw@News.Example:8443/a/b?c#d')", String.class))
			.isEqualTo("news.example:8443");
		assertThat(jdbc.queryForObject("SELECT newsprobe.url_host_bucket('https://news.example/a')"
				+ " = newsprobe.url_host_bucket('https://news.example/b?x')", Boolean.class)).isTrue();
		assertThat(jdbc.queryForObject("SELECT newsprobe.url_host_bucket('not a url') BETWEEN 0 AND 1023", Boolean.class))
			.isTrue();
	}

}
