package dev.newsprobe.core.article.internal;

import dev.newsprobe.core.article.Finding;

/**
 * Raised inside the parser when a file cannot be read; the parser turns it into a rejected result,
 * so it never reaches callers.
 */
public final class Rejection extends RuntimeException {

	private final transient Finding finding;

	public Rejection(Finding finding) {
		super(finding.describe(), null, false, false);
		this.finding = finding;
	}

	public Finding finding() {
		return this.finding;
	}

}
