package dev.newsprobe.core.article;

import java.util.Locale;

/** Where in an article a cited URL comes from; stored as lower-case text in {@code article_link.role}. */
public enum LinkRole {

	/** {@code webUrl} of the article. */
	WEB(false),
	/** {@code ampWebUrl} of the article. */
	AMP(false),
	/** {@code cdnAmpWebUrl} of the article. */
	CDN_AMP(false),
	/** An entry of the article's {@code images}. */
	IMAGE(true),
	/** {@code webUrl} of a related article. */
	RELATED_WEB(false),
	/** {@code ampWebUrl} of a related article. */
	RELATED_AMP(false),
	/** {@code cdnAmpWebUrl} of a related article. */
	RELATED_CDN_AMP(false),
	/** An image of a related article. */
	RELATED_IMAGE(true),
	/** A Markdown or HTML link in the body. */
	BODY_LINK(false),
	/** A Markdown or HTML image in the body. */
	BODY_IMAGE(true);

	private final boolean image;

	LinkRole(boolean image) {
		this.image = image;
	}

	/** Whether the URL is expected to be an image rather than a page. */
	public boolean isImage() {
		return this.image;
	}

	/** The name stored in the database, e.g. {@code related_web}. */
	public String columnValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
