package dev.newsprobe.jobs.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Which findings of a completed run's report make {@code audit --fail-on} exit with 4, for CI:
 * a link checker in a pipeline must fail the build, not print a report nobody reads. The counts are
 * the report's, scoped to the run's input roots: {@link RunReport#findings()}.
 */
public enum FailOn {

	/**
	 * Any broken URL cited by a live article under the roots (class {@code broken}: {@code BROKEN},
	 * {@code SOFT_404}, {@code NOT_AN_IMAGE}, {@code SERVER_ERROR}, {@code TIMEOUT}, {@code DNS_ERROR},
	 * {@code CONNECT_ERROR}, {@code TLS_ERROR}, {@code INVALID_URL}, {@code FORBIDDEN_ADDRESS}), or any
	 * file under the roots that cannot be read (its links go unchecked).
	 */
	BROKEN,

	/**
	 * What {@link #BROKEN} fails on, and any URL that needs attention ({@code MOVED},
	 * {@code SIZE_MISMATCH}, {@code BLOCKED}) or image whose declared {@code isCached} says the
	 * opposite of what was verified.
	 */
	ATTENTION;

	/** The option's value: {@code broken} or {@code attention}, in any case. */
	public static FailOn parse(String value) {
		for (FailOn failOn : values()) {
			if (failOn.word().equalsIgnoreCase(value.trim())) {
				return failOn;
			}
		}
		throw new IllegalArgumentException("--fail-on takes 'broken' or 'attention', not '" + value + "'");
	}

	/** The word a person types. */
	public String word() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * The findings this choice fails on, in words; empty when there are none.
	 * @param findings a report's findings
	 * @return e.g. {@code ["3 broken URLs", "1 rejected file"]}
	 */
	public List<String> found(RunReport.Findings findings) {
		List<String> found = new ArrayList<>();
		add(found, findings.brokenUrls(), "broken URL", "broken URLs");
		add(found, findings.rejectedFiles(), "rejected file", "rejected files");
		if (this == ATTENTION) {
			add(found, findings.attentionUrls(), "URL needing attention", "URLs needing attention");
			add(found, findings.staleCached(), "wrong isCached flag", "wrong isCached flags");
		}
		return found;
	}

	private static void add(List<String> found, long count, String one, String many) {
		if (count > 0) {
			found.add(String.format(Locale.ROOT, "%,d %s", count, (count == 1) ? one : many));
		}
	}

}
