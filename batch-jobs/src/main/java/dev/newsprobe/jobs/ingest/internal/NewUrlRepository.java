package dev.newsprobe.jobs.ingest.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleLink;
import dev.newsprobe.jobs.support.DbText;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The URLs ingest finds, into {@code url_state}: one row per distinct URL not yet known, in one
 * statement ({@code unnest} of arrays) per chunk, in key order with {@code ON CONFLICT DO NOTHING}
 * so that two partitions citing one URL neither deadlock nor duplicate it.
 */
public final class NewUrlRepository {

	/** Invalid URLs are kept as evidence, shortened so that no index entry can overflow. */
	static final int MAX_INVALID_URL_LENGTH = 600;

	private final JdbcTemplate jdbc;

	public NewUrlRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records every distinct URL not yet known: valid ones due for probing now, invalid ones with
	 * their offline verdict and never due.
	 * @return how many URLs were new
	 */
	public int insert(Collection<Article> articles, long executionId) {
		Map<String, String[]> urls = new TreeMap<>();
		for (Article article : articles) {
			for (ArticleLink link : article.links()) {
				String url = storedUrl(link);
				String kind = link.role().isImage() ? "image" : "page";
				urls.putIfAbsent(url, new String[] { kind, link.valid() ? null : "INVALID_URL",
						link.valid() ? null : "not a well-formed http(s) URL" });
			}
		}
		if (urls.isEmpty()) {
			return 0;
		}
		List<String> keys = new ArrayList<>(urls.keySet());
		Object[] kinds = keys.stream().map(key -> urls.get(key)[0]).toArray();
		Object[] verdicts = keys.stream().map(key -> urls.get(key)[1]).toArray();
		Object[] reasons = keys.stream().map(key -> urls.get(key)[2]).toArray();
		return this.jdbc.execute((Connection con) -> {
			try (PreparedStatement ps = con.prepareStatement("""
					INSERT INTO newsprobe.url_state (url, kind, verdict, verdict_reason, first_seen_at,
					    first_seen_execution_id, next_check_at)
					SELECT u.url, u.kind, u.verdict, u.reason, now(), ?, CASE WHEN u.verdict IS NULL THEN now() END
					FROM unnest(?::text[], ?::text[], ?::text[], ?::text[]) AS u(url, kind, verdict, reason)
					ON CONFLICT (url) DO NOTHING
					""")) {
				ps.setLong(1, executionId);
				ps.setArray(2, con.createArrayOf("text", keys.toArray()));
				ps.setArray(3, con.createArrayOf("text", kinds));
				ps.setArray(4, con.createArrayOf("text", verdicts));
				ps.setArray(5, con.createArrayOf("text", reasons));
				return ps.executeUpdate();
			}
		});
	}

	/** The URL as stored: normalised when valid, cleaned and shortened when not. */
	static String storedUrl(ArticleLink link) {
		return link.valid() ? link.url() : shorten(DbText.clean(link.url()));
	}

	static String shorten(String text) {
		return (text.length() <= MAX_INVALID_URL_LENGTH) ? text : text.substring(0, MAX_INVALID_URL_LENGTH - 1) + "\u2026";
	}

}
