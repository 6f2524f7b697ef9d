package dev.newsprobe.jobs.ingest.internal;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleImage;
import dev.newsprobe.core.article.ArticleLink;
import dev.newsprobe.core.article.RelatedArticle;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.jobs.support.CopyRows;
import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The rows an article owns, {@code related_article}, {@code article_image} and {@code article_link},
 * replaced together whenever the article is: one {@code DELETE} and one {@code COPY} per table and
 * chunk, whatever its size.
 */
public final class ArticleChildRepository {

	private final JdbcTemplate jdbc;

	public ArticleChildRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Replaces the child rows (related articles, images, links) of the given articles. */
	public void replace(List<Article> articles, List<Long> ids) {
		this.jdbc.execute((Connection con) -> {
			Array idArray = con.createArrayOf("bigint", ids.toArray());
			for (String table : List.of("related_article", "article_image", "article_link")) {
				try (PreparedStatement ps = con.prepareStatement("DELETE FROM newsprobe." + table + " WHERE article_id = ANY(?)")) {
					ps.setArray(1, idArray);
					ps.executeUpdate();
				}
			}
			related(articles, ids).copy(con, "newsprobe.related_article", "article_id, position, title, excerpt, published_at,"
					+ " web_url, amp_web_url, cdn_amp_web_url, type, provider_name, provider_domain, quality");
			images(articles, ids).copy(con, "newsprobe.article_image",
					"article_id, position, related_position, url, declared_width, declared_height, declared_is_cached, title, line");
			links(articles, ids).copy(con, "newsprobe.article_link", "article_id, position, url, role, related_position, valid, line");
			return null;
		});
	}

	private static CopyRows related(List<Article> articles, List<Long> ids) {
		CopyRows rows = new CopyRows(12);
		for (int a = 0; a < articles.size(); a++) {
			List<RelatedArticle> related = articles.get(a).related();
			for (int i = 0; i < related.size(); i++) {
				RelatedArticle r = related.get(i);
				rows.add(ids.get(a), i, DbText.clean(r.title()), DbText.clean(r.excerpt()), r.publishedAt(), DbText.clean(r.webUrl()),
						DbText.clean(r.ampWebUrl()), DbText.clean(r.cdnAmpWebUrl()), DbText.clean(r.type()),
						(r.provider() != null) ? DbText.clean(r.provider().name()) : null,
						(r.provider() != null) ? DbText.clean(r.provider().domain()) : null, r.quality());
			}
		}
		return rows;
	}

	private static CopyRows images(List<Article> articles, List<Long> ids) {
		CopyRows rows = new CopyRows(9);
		for (int a = 0; a < articles.size(); a++) {
			Article article = articles.get(a);
			int position = 0;
			List<List<ArticleImage>> groups = new ArrayList<>();
			groups.add(article.images());
			article.related().forEach(r -> groups.add(r.images()));
			for (int g = 0; g < groups.size(); g++) {
				for (ArticleImage image : groups.get(g)) {
					if (image.url() == null || image.url().isBlank()) {
						continue;
					}
					CheckedUrl url = image.checkedUrl();
					rows.add(ids.get(a), position++, (g == 0) ? null : g - 1,
							url.valid() ? url.normalized() : NewUrlRepository.shorten(DbText.clean(url.raw().strip())),
							image.declaredWidth(), image.declaredHeight(), image.declaredIsCached(), DbText.clean(image.title()),
							image.line());
				}
			}
		}
		return rows;
	}

	private static CopyRows links(List<Article> articles, List<Long> ids) {
		CopyRows rows = new CopyRows(7);
		for (int a = 0; a < articles.size(); a++) {
			List<ArticleLink> links = articles.get(a).links();
			for (int i = 0; i < links.size(); i++) {
				ArticleLink link = links.get(i);
				rows.add(ids.get(a), i, NewUrlRepository.storedUrl(link), link.role().columnValue(), link.relatedPosition(),
						link.valid(), link.line());
			}
		}
		return rows;
	}

}
