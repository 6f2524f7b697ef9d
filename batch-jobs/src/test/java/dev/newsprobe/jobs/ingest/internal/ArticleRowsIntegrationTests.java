package dev.newsprobe.jobs.ingest.internal;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ParseResult;
import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import dev.newsprobe.jobs.support.PlainJson;
import dev.newsprobe.jobs.test.TestDatabases;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rows of an article (links, images, related articles) go with it: they have no declared
 * foreign key since V15, so deleting or truncating articles must still remove them, and only theirs.
 */
class ArticleRowsIntegrationTests {

	static final String ARTICLE = """
			---
			title: "%s"
			webUrl: "https://news.example/%s/"
			images:
			  - url: "https://img.example/%s.jpg"
			    width: 700
			    height: 415
			related:
			  - title: "Related"
			    webUrl: "https://other.example/%s/"
			    images:
			      - url: "https://img.example/%s-related.jpg"
			---
			See [the source](https://source.example/%s).
			""";

	JdbcTemplate jdbc;

	ArticleRepository repository;

	@BeforeEach
	void database() {
		DataSource dataSource = TestDatabases.freshMigratedDatabase(ArticleRowsIntegrationTests.class);
		this.jdbc = new JdbcTemplate(dataSource);
		this.repository = new ArticleRepository(this.jdbc);
		List<Article> articles = new ArrayList<>();
		for (String name : List.of("one", "two")) {
			String text = ARTICLE.formatted(name, name, name, name, name, name);
			ParseResult result = new ArticleParser(FrontMatterLimits.DEFAULTS).parse("/archive/" + name + ".md",
					text.getBytes(StandardCharsets.UTF_8));
			articles.add(((ParseResult.Parsed) result).article());
		}
		List<Long> ids = this.repository.allocateIds(articles.size());
		this.repository.upsert(articles, articles.stream().map(a -> PlainJson.write(a.extra())).toList(), ids, 1);
		new ArticleChildRepository(this.jdbc).replace(articles, ids);
	}

	@Test
	void deletingAnArticleDeletesItsRowsAndNoOthers() {
		assertThat(rowsOf("/archive/one.md")).containsExactly(5, 2, 1);

		this.jdbc.update("DELETE FROM newsprobe.article WHERE path = '/archive/one.md'");

		assertThat(count("article_link") + count("article_image") + count("related_article")).isEqualTo(5 + 2 + 1);
		assertThat(rowsOf("/archive/two.md")).containsExactly(5, 2, 1);
	}

	@Test
	void whoMayDeleteArticlesNeedsNoRightsOnTheirRows() {
		// as with a foreign key's cascade: the rows go with the rights of the tables' owner
		this.jdbc.execute("""
				DO $$ BEGIN
				    CREATE ROLE np_test_article_deleter NOLOGIN;
				EXCEPTION WHEN duplicate_object THEN NULL;
				END $$""");
		this.jdbc.execute("GRANT USAGE ON SCHEMA newsprobe TO np_test_article_deleter");
		this.jdbc.execute("GRANT SELECT, DELETE ON newsprobe.article TO np_test_article_deleter");

		this.jdbc.execute((Connection con) -> {
			try (Statement statement = con.createStatement()) {
				statement.execute("SET ROLE np_test_article_deleter");
				statement.executeUpdate("DELETE FROM newsprobe.article WHERE path = '/archive/one.md'");
				statement.execute("RESET ROLE");
			}
			return null;
		});

		assertThat(count("article_link") + count("article_image") + count("related_article")).isEqualTo(5 + 2 + 1);
		assertThat(rowsOf("/archive/two.md")).containsExactly(5, 2, 1);
	}

	@Test
	void truncatingArticlesTruncatesTheirRows() {
		this.jdbc.execute("TRUNCATE newsprobe.article CASCADE");

		assertThat(List.of(count("article_link"), count("article_image"), count("related_article"))).containsOnly(0);
	}

	@Test
	void textWithTabsNewlinesAndBackslashesIsStoredAsWritten() {
		String title = "Tab\there, a line\nbreak, a back\\slash, \\N and \\. alone:\n\\.\n\u00e9\u6f22";
		String text = """
				---
				title: "Odd"
				related:
				  - title: "%s"
				    webUrl: "https://other.example/odd/"
				---
				""".formatted(title.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n"));
		Article article = ((ParseResult.Parsed) new ArticleParser(FrontMatterLimits.DEFAULTS).parse("/archive/odd.md",
				text.getBytes(StandardCharsets.UTF_8))).article();
		assertThat(article.related().get(0).title()).isEqualTo(title);
		List<Long> ids = this.repository.allocateIds(1);

		this.repository.upsert(List.of(article), List.of(PlainJson.write(article.extra())), ids, 1);
		new ArticleChildRepository(this.jdbc).replace(List.of(article), ids);

		assertThat(this.jdbc.queryForObject("SELECT title FROM newsprobe.related_article WHERE article_id = ?", String.class,
				ids.get(0))).isEqualTo(title);
	}

	/** Links, images and related articles of one article. */
	private List<Integer> rowsOf(String path) {
		return List.of("article_link", "article_image", "related_article").stream()
			.map(table -> this.jdbc.queryForObject("SELECT count(*) FROM newsprobe." + table
					+ " t JOIN newsprobe.article a ON a.id = t.article_id WHERE a.path = ?", Integer.class, path))
			.toList();
	}

	private int count(String table) {
		return this.jdbc.queryForObject("SELECT count(*) FROM newsprobe." + table, Integer.class);
	}

}
