package dev.newsprobe.jobs.ingest.internal;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two ingest partitions writing files that share a web URL at the same moment: the second to ask
 * which files declare it waits for the first to commit, so the duplicate is found as the single
 * step would find it, whatever the timing.
 */
class ArticleRepositoryConcurrencyIntegrationTests {

	static JdbcTemplate jdbc;

	static TransactionTemplate transactions;

	@BeforeAll
	static void database() {
		DataSource dataSource = TestDatabases.freshMigratedDatabase(ArticleRepositoryConcurrencyIntegrationTests.class);
		jdbc = new JdbcTemplate(dataSource);
		transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
	}

	@Test
	void aSecondPartitionSharingAWebUrlWaitsForTheFirstAndSeesItsFile() throws Exception {
		ArticleRepository repository = new ArticleRepository(jdbc);
		String url = "https://news.example/story/";
		CountDownLatch firstAsked = new CountDownLatch(1);
		CountDownLatch firstMayCommit = new CountDownLatch(1);
		CompletableFuture<Map<String, List<String>>> first = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
			insert("/archive/a.md", url);
			Map<String, List<String>> seen = repository.livePathsByWebUrl(List.of(url));
			firstAsked.countDown();
			await(firstMayCommit);
			return seen;
		}));
		assertThat(firstAsked.await(30, TimeUnit.SECONDS)).isTrue();
		CompletableFuture<Map<String, List<String>>> second = CompletableFuture.supplyAsync(() -> transactions.execute(status -> {
			insert("/archive/b.md", url);
			return repository.livePathsByWebUrl(List.of(url));
		}));

		Thread.sleep(500);
		assertThat(second).as("waits while the first partition's chunk is open").isNotDone();
		firstMayCommit.countDown();

		assertThat(first.get(30, TimeUnit.SECONDS)).containsEntry(url, List.of("/archive/a.md"));
		assertThat(second.get(30, TimeUnit.SECONDS)).containsEntry(url, List.of("/archive/a.md", "/archive/b.md"));
	}

	private static void insert(String path, String webUrl) {
		jdbc.update("INSERT INTO newsprobe.article (id, path, content_hash, web_url, first_ingested_at, last_ingested_at,"
				+ " last_ingest_execution_id) VALUES (nextval('newsprobe.article_id_seq'), ?, 'h', ?, now(), now(), 1)", path,
				webUrl);
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
