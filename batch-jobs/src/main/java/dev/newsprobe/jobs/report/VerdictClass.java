package dev.newsprobe.jobs.report;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import dev.newsprobe.core.probe.Verdict;

/**
 * How the report groups verdicts for people: a link works, needs a look, or is broken. The CSV of
 * broken links lists exactly the URLs whose verdict is in {@link #BROKEN}.
 */
public enum VerdictClass {

	/** {@code OK}: the link works. */
	OK(Verdict.OK),

	/**
	 * Works or inconclusive, but worth a look: {@code MOVED} (update the file to the new location),
	 * {@code SIZE_MISMATCH} (the image is there, its declared size is wrong), {@code BLOCKED} (a bot
	 * wall or rate limit answered; not known to be broken).
	 */
	ATTENTION(Verdict.MOVED, Verdict.SIZE_MISMATCH, Verdict.BLOCKED),

	/**
	 * The link does not deliver what the article promises: {@code BROKEN}, {@code SOFT_404},
	 * {@code NOT_AN_IMAGE}, {@code SERVER_ERROR}, {@code TIMEOUT}, {@code DNS_ERROR},
	 * {@code CONNECT_ERROR}, {@code TLS_ERROR}, {@code INVALID_URL}, {@code FORBIDDEN_ADDRESS}.
	 */
	BROKEN(Verdict.BROKEN, Verdict.SOFT_404, Verdict.NOT_AN_IMAGE, Verdict.SERVER_ERROR, Verdict.TIMEOUT,
			Verdict.DNS_ERROR, Verdict.CONNECT_ERROR, Verdict.TLS_ERROR, Verdict.INVALID_URL, Verdict.FORBIDDEN_ADDRESS),

	/** Not checked yet (no verdict). */
	UNCHECKED;

	private final List<Verdict> verdicts;

	VerdictClass(Verdict... verdicts) {
		this.verdicts = List.of(verdicts);
	}

	/** The verdicts of this class. */
	public List<Verdict> verdicts() {
		return this.verdicts;
	}

	/** The class of a verdict name; {@code null} is {@link #UNCHECKED}. */
	public static VerdictClass of(String verdict) {
		if (verdict == null) {
			return UNCHECKED;
		}
		Verdict value = Verdict.valueOf(verdict);
		return Arrays.stream(values()).filter(c -> c.verdicts.contains(value)).findFirst().orElseThrow();
	}

	/** The name used in the JSON report and the SQL the report runs: {@code ok}, {@code attention}, ... */
	public String key() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

	/**
	 * A SQL {@code CASE} expression giving the class key of a verdict column; built from this
	 * enum's constants only, never from input.
	 * @param column the verdict column
	 * @return the expression
	 */
	public static String sqlCase(String column) {
		StringBuilder sql = new StringBuilder("CASE");
		for (VerdictClass verdictClass : values()) {
			if (!verdictClass.verdicts.isEmpty()) {
				sql.append(" WHEN ").append(column).append(" IN (")
					.append(verdictClass.verdicts.stream().map(v -> "'" + v.name() + "'").collect(Collectors.joining(", ")))
					.append(") THEN '").append(verdictClass.key()).append('\'');
			}
		}
		return sql.append(" ELSE '").append(UNCHECKED.key()).append("' END").toString();
	}

}
