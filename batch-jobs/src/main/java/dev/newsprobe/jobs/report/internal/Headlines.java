package dev.newsprobe.jobs.report.internal;

import java.util.List;
import java.util.Locale;

import dev.newsprobe.jobs.report.RunReport;

/**
 * The report's headline: what changed since the previous report of the same roots, in one
 * sentence a person reads first, and its three numbers (broken now, newly broken, fixed).
 */
public final class Headlines {

	private Headlines() {
	}

	/**
	 * The headline of a report.
	 * @param run the execution
	 * @param trend the reports of the same roots, this one last
	 * @param urls this report's URLs
	 * @param changes this run's changes
	 * @return the headline
	 */
	public static RunReport.Headline of(RunReport.Run run, RunReport.Trend trend, RunReport.Urls urls,
			RunReport.Changes changes) {
		long broken = urls.byClass().getOrDefault("broken", 0L);
		long first = run.executions().get(0);
		RunReport.TrendRun previous = null;
		List<RunReport.TrendRun> runs = trend.runs();
		for (RunReport.TrendRun point : runs) {
			if (point.executionId() < first) {
				previous = point;
			}
		}
		String sentence;
		if (previous == null) {
			sentence = String.format(Locale.ROOT, "First report of these input roots: %s of %s cited %s broken.", n(broken),
					n(urls.total()), (urls.total() == 1) ? "URL is" : "URLs are");
		}
		else {
			long delta = broken - previous.broken();
			String since = "since execution " + previous.executionId()
					+ ((previous.night() != null) ? " (" + previous.night() + ")" : "");
			String run2 = String.format(Locale.ROOT, "%s broke in this run and %s %s fixed", n(changes.newlyBroken()),
					n(changes.fixed()), (changes.fixed() == 1) ? "was" : "were");
			if (delta > 0) {
				sentence = String.format(Locale.ROOT, "Worse %s: %s broken, %s more than then; %s.", since, urls(broken),
						n(delta), run2);
			}
			else if (delta < 0) {
				sentence = String.format(Locale.ROOT, "Better %s: %s broken, %s fewer than then; %s.", since, urls(broken),
						n(-delta), run2);
			}
			else {
				sentence = String.format(Locale.ROOT, "No change in broken URLs %s: %s broken; %s.", since, urls(broken), run2);
			}
		}
		return new RunReport.Headline(sentence, (previous != null) ? previous.executionId() : null,
				(previous != null) ? previous.night() : null, broken, (previous != null) ? previous.broken() : null,
				changes.newlyBroken(), changes.fixed());
	}

	private static String urls(long count) {
		return n(count) + ((count == 1) ? " URL is" : " URLs are");
	}

	private static String n(long value) {
		return String.format(Locale.ROOT, "%,d", value);
	}

}
