package dev.newsprobe.core.article.internal;

import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleImage;
import dev.newsprobe.core.article.ArticleLink;
import dev.newsprobe.core.article.BodyLink;
import dev.newsprobe.core.article.Finding;
import dev.newsprobe.core.article.FindingCode;
import dev.newsprobe.core.article.LinkRole;
import dev.newsprobe.core.article.RelatedArticle;
import dev.newsprobe.core.url.AmpCacheUrls;
import dev.newsprobe.core.url.CheckedUrl;
import dev.newsprobe.core.url.WebUrls;

/** Lists every URL an article cites and checks each offline, noting each invalid one. */
public final class LinkCollector {

	private final YamlFields fields;

	private final List<Finding> findings;

	private final List<ArticleLink> links = new ArrayList<>();

	public LinkCollector(YamlFields fields, List<Finding> findings) {
		this.fields = fields;
		this.findings = findings;
	}

	/** Every URL of the article, in file order. */
	public List<ArticleLink> collect(Article article) {
		String web = add(LinkRole.WEB, "webUrl", article.webUrl(), this.fields.lineOf("webUrl"), null);
		String amp = add(LinkRole.AMP, "ampWebUrl", article.ampWebUrl(), this.fields.lineOf("ampWebUrl"), null);
		String cdn = add(LinkRole.CDN_AMP, "cdnAmpWebUrl", article.cdnAmpWebUrl(), this.fields.lineOf("cdnAmpWebUrl"), null);
		checkAmpCache(amp, article.ampWebUrl(), cdn, article.cdnAmpWebUrl(), this.fields.lineOf("cdnAmpWebUrl"), "");
		addImages(LinkRole.IMAGE, article.images(), "image", null);
		for (int i = 0; i < article.related().size(); i++) {
			RelatedArticle related = article.related().get(i);
			String where = "related entry " + (i + 1) + " ";
			add(LinkRole.RELATED_WEB, where + "webUrl", related.webUrl(), related.line(), i);
			String relatedAmp = add(LinkRole.RELATED_AMP, where + "ampWebUrl", related.ampWebUrl(), related.line(), i);
			String relatedCdn = add(LinkRole.RELATED_CDN_AMP, where + "cdnAmpWebUrl", related.cdnAmpWebUrl(), related.line(), i);
			checkAmpCache(relatedAmp, related.ampWebUrl(), relatedCdn, related.cdnAmpWebUrl(), related.line(), where);
			addImages(LinkRole.RELATED_IMAGE, related.images(), where + "image", i);
		}
		for (BodyLink link : article.bodyLinks()) {
			if (BodyLinkExtractor.isIgnored(link.url())) {
				continue;
			}
			String absolute = WebUrls.resolve(web, link.url());
			LinkRole role = link.image() ? LinkRole.BODY_IMAGE : LinkRole.BODY_LINK;
			if (absolute == null) {
				this.findings.add(new Finding(FindingCode.INVALID_URL, link.line(), "body link '" + link.url()
						+ ((web == null) ? "' is relative and the article has no valid webUrl to resolve it against"
								: "' is relative and malformed; it cannot be resolved against the article's webUrl")));
				this.links.add(new ArticleLink(role, link.url(), false, link.line(), null));
				continue;
			}
			add(role, "body link", absolute, link.line(), null);
		}
		return this.links;
	}

	private void addImages(LinkRole role, List<ArticleImage> images, String what, Integer related) {
		for (int i = 0; i < images.size(); i++) {
			ArticleImage image = images.get(i);
			if (image.url() == null || image.url().isBlank()) {
				this.findings.add(new Finding(FindingCode.INVALID_URL, image.line(), what + " " + (i + 1) + " has no url"));
				continue;
			}
			add(role, what + " " + (i + 1) + " url", image.checkedUrl(), image.line(), related);
		}
	}

	private String add(LinkRole role, String what, String raw, int line, Integer related) {
		return (raw != null) ? add(role, what, WebUrls.check(raw), line, related) : null;
	}

	private String add(LinkRole role, String what, CheckedUrl checked, int line, Integer related) {
		String raw = checked.raw();
		if (checked.valid()) {
			this.links.add(new ArticleLink(role, checked.normalized(), true, line, related));
			return checked.normalized();
		}
		this.findings.add(new Finding(FindingCode.INVALID_URL, line, what + " '" + shorten(raw) + "' is invalid: " + checked.problem()));
		this.links.add(new ArticleLink(role, raw.strip(), false, line, related));
		return null;
	}

	private void checkAmpCache(String amp, String rawAmp, String cdn, String rawCdn, int line, String where) {
		if (rawCdn == null || cdn == null) {
			return;
		}
		if (rawAmp == null) {
			this.findings.add(new Finding(FindingCode.AMP_CACHE_MISMATCH, line,
					where + "cdnAmpWebUrl is given but there is no ampWebUrl it could be the cache of"));
			return;
		}
		if (amp == null) {
			return;
		}
		String expected = AmpCacheUrls.cacheUrlOf(amp);
		if (!expected.equals(cdn)) {
			this.findings.add(new Finding(FindingCode.AMP_CACHE_MISMATCH, line, where + "cdnAmpWebUrl '" + shorten(rawCdn)
					+ "' is not the AMP-cache form of ampWebUrl; expected '" + shorten(expected) + "'"));
		}
	}

	private static String shorten(String text) {
		return (text.length() <= 200) ? text : text.substring(0, 197) + "...";
	}

}
