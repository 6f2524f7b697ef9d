package dev.newsprobe.jobs.report.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.newsprobe.jobs.report.RunReport;

/**
 * The HTML report's charts, drawn as inline SVG by this class alone: nothing is fetched, nothing
 * runs in the browser. Every chart has a title, axis titles with their units, tick labels and a
 * legend, and tells its series apart by lightness and by pattern, dash or marker as well as by
 * colour, so it reads the same printed in grey.
 */
final class Charts {

	static final int WIDTH = 760;

	/** Fills of the verdict classes, darkest (most urgent) first. Lightness alone tells them apart in grey. */
	static final Fill BROKEN = new Fill("broken", "#b2182b", Pattern.SOLID, null);

	static final Fill ATTENTION = new Fill("attention", "#e08214", Pattern.HATCH, "#ffffff");

	static final Fill OK = new Fill("ok", "#a6dba0", Pattern.SOLID, null);

	static final Fill UNCHECKED = new Fill("unchecked", "#ffffff", Pattern.DOTS, "#666666");

	static final Fill UNDECLARED = new Fill("undeclared", "#ffffff", Pattern.HATCH, "#8a8a8a");

	static final Fill BAR = new Fill("bar", "#2166ac", Pattern.SOLID, null);

	/** Line styles of the provider series: colour, dash and marker differ at once. */
	private static final String[] LINE_COLOURS = { "#111111", "#b2182b", "#2166ac", "#5e3c99", "#8c510a" };

	private static final String[] LINE_DASHES = { "", "8 4", "2 3", "10 3 2 3", "5 2" };

	private static final String[] MARKERS = { "circle", "square", "triangle", "diamond", "cross" };

	private Charts() {
	}

	/** Stacked columns: the report's URLs by verdict class, one column per report of the same roots. */
	static String verdictsPerRun(List<RunReport.TrendRun> runs) {
		String id = "chart-verdicts";
		int height = 334;
		Frame frame = new Frame(70, 58, WIDTH - 24, height - 70);
		Svg svg = new Svg(id, height, "URLs by verdict class, per run",
				"Stacked columns, one per report of these input roots, oldest left: broken at the bottom, then need"
						+ " attention, not checked and ok.", List.of(BROKEN, ATTENTION, UNCHECKED, OK));
		long max = runs.stream().mapToLong(RunReport.TrendRun::urls).max().orElse(0);
		Axis y = Axis.of(max);
		svg.yAxis(frame, y, "URLs cited (distinct)");
		XLabels x = XLabels.of(runs.stream().map(RunReport.TrendRun::executionId).toList(),
				runs.stream().map(RunReport.TrendRun::night).toList());
		double band = frame.width() / Math.max(1, runs.size());
		double bar = Math.min(44, band * 0.7);
		for (int i = 0; i < runs.size(); i++) {
			RunReport.TrendRun run = runs.get(i);
			double left = frame.left() + band * i + (band - bar) / 2;
			double base = frame.bottom();
			long[] values = { run.broken(), run.attention(), run.unchecked(), run.ok() };
			Fill[] fills = { BROKEN, ATTENTION, UNCHECKED, OK };
			String[] names = { "broken", "need attention", "not checked", "ok" };
			for (int k = 0; k < values.length; k++) {
				double h = y.scale(values[k], frame.height());
				if (values[k] == 0) {
					continue;
				}
				svg.rect(left, base - h, bar, h, fills[k], x.full(i) + ": " + Html.n(values[k]) + " " + names[k]);
				base -= h;
			}
			svg.xTick(left + bar / 2, frame.bottom(), x.label(i));
		}
		svg.xTitle(frame, x.title());
		svg.legend(frame.left(), 36, List.of(BROKEN, ATTENTION, UNCHECKED, OK),
				List.of("broken", "need attention", "not checked", "ok"));
		return svg.end();
	}

	/**
	 * Lines: the broken share of the providers with most broken URLs now (the top of the providers
	 * table), in each report of the same roots.
	 */
	static String providerShare(List<RunReport.TrendRun> runs, List<RunReport.ProviderTrend> providers) {
		String id = "chart-providers";
		int height = 352;
		Frame frame = new Frame(70, 76, WIDTH - 220, height - 70);
		Svg svg = new Svg(id, height, "Broken share per provider, per run",
				"One line per provider with most broken URLs now; each point is the share of the provider's distinct URLs that"
						+ " were broken in that report.", List.of());
		List<Long> ids = runs.stream().map(RunReport.TrendRun::executionId).toList();
		XLabels x = XLabels.of(ids, runs.stream().map(RunReport.TrendRun::night).toList());
		double maxShare = 0;
		for (RunReport.ProviderTrend provider : providers) {
			for (RunReport.ProviderPoint point : provider.points()) {
				maxShare = Math.max(maxShare, share(point));
			}
		}
		Axis y = Axis.percent(maxShare);
		svg.yAxis(frame, y, "broken share of its URLs (%)");
		double band = frame.width() / Math.max(1, runs.size());
		for (int i = 0; i < runs.size(); i++) {
			svg.xTick(frame.left() + band * i + band / 2, frame.bottom(), x.label(i));
		}
		svg.xTitle(frame, x.title());
		if (providers.isEmpty()) {
			svg.message(frame, "No provider has a broken URL in this report.");
			return svg.end();
		}
		List<double[]> ends = new ArrayList<>();
		List<String> endLabels = new ArrayList<>();
		for (int p = 0; p < providers.size(); p++) {
			RunReport.ProviderTrend provider = providers.get(p);
			String colour = LINE_COLOURS[p % LINE_COLOURS.length];
			String dash = LINE_DASHES[p % LINE_DASHES.length];
			String marker = MARKERS[p % MARKERS.length];
			StringBuilder points = new StringBuilder();
			double[] last = null;
			double lastShare = 0;
			String name = providerName(provider.domain());
			for (RunReport.ProviderPoint point : provider.points()) {
				int index = ids.indexOf(point.executionId());
				if (index < 0) {
					continue;
				}
				double cx = frame.left() + band * index + band / 2;
				double cy = frame.bottom() - y.scale(share(point), frame.height());
				points.append(String.format(Locale.ROOT, "%.1f,%.1f ", cx, cy));
				svg.marker(marker, cx, cy, colour, name + ", " + x.full(index) + ": " + Html.n(point.broken()) + " of "
						+ Html.n(point.urls()) + " URLs broken (" + Html.percent(point.broken(), point.urls()) + ")");
				last = new double[] { cx, cy };
				lastShare = share(point);
			}
			svg.polyline(points.toString().trim(), colour, dash);
			if (last != null) {
				ends.add(last);
				endLabels.add(shorten(name, 20) + " " + String.format(Locale.ROOT, "%.1f %%", lastShare));
			}
		}
		svg.endLabels(ends, endLabels, frame);
		List<String> names = providers.stream().map(p -> shorten(providerName(p.domain()), 26)).toList();
		svg.lineLegend(frame.left(), 36, names, LINE_COLOURS, LINE_DASHES, MARKERS);
		return svg.end();
	}

	/** One bar of 100 %: the images of live articles by how their declared {@code isCached} compares. */
	static String imageCache(RunReport.ImageCache cache) {
		String id = "chart-images";
		int height = 166;
		Frame frame = new Frame(24, 76, WIDTH - 24, 100);
		Svg svg = new Svg(id, height, "Image cache health: declared isCached against what was verified",
				"One bar of all images of live articles, split by whether their isCached agrees with whether the image is served.",
				List.of(OK, BROKEN, ATTENTION, UNDECLARED, UNCHECKED));
		long total = cache.images();
		long[] values = { cache.agree(), cache.declaredCachedButUnavailable(), cache.declaredNotCachedButAvailable(),
				cache.undeclared(), cache.unchecked() };
		Fill[] fills = { OK, BROKEN, ATTENTION, UNDECLARED, UNCHECKED };
		String[] names = { "agree", "isCached: true, not served", "isCached: false, served", "no isCached",
				"unknown (unprobed or inconclusive)" };
		double left = frame.left();
		for (int k = 0; k < values.length; k++) {
			if (total == 0 || values[k] == 0) {
				continue;
			}
			double w = frame.width() * values[k] / total;
			svg.rect(left, frame.top(), w, 30, fills[k], names[k] + ": " + Html.n(values[k]) + " images ("
					+ Html.percent(values[k], total) + ")");
			left += w;
		}
		if (total == 0) {
			svg.message(new Frame(frame.left(), frame.top() - 10, frame.right(), frame.top() + 30), "No images in live articles.");
		}
		for (int t = 0; t <= 4; t++) {
			double tx = frame.left() + frame.width() * t / 4;
			svg.raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", tx,
					frame.top() + 30, tx, frame.top() + 35));
			svg.text(tx, frame.top() + 48, (t * 25) + " %", "tick", "middle");
		}
		svg.text(frame.left() + frame.width() / 2, frame.top() + 66, "share of the " + Html.n(total)
				+ " images of live articles (%)", "axis-title", "middle");
		List<String> labels = new ArrayList<>();
		for (int k = 0; k < values.length; k++) {
			labels.add(names[k] + " " + Html.n(values[k]));
		}
		svg.legend(frame.left(), 36, List.of(fills), labels);
		return svg.end();
	}

	/** Horizontal bars: the slowest hosts of the run, p95 as the bar, p50 as a line, the slowest as a circle. */
	static String slowestHosts(List<RunReport.SlowHost> hosts) {
		String id = "chart-slowest";
		List<RunReport.SlowHost> rows = hosts.stream().limit(10).toList();
		int height = 124 + Math.max(1, rows.size()) * 24;
		Frame frame = new Frame(200, 58, WIDTH - 40, height - 62);
		Svg svg = new Svg(id, height, "Slowest hosts in this run",
				"For each host, the time per URL of this run's probes, retries and redirects included.", List.of(BAR));
		long max = rows.stream().mapToLong(RunReport.SlowHost::maxMs).max().orElse(0);
		Axis x = Axis.of(max);
		svg.xAxis(frame, x, "time per URL, milliseconds (bar: p95, line: p50, circle: slowest)");
		if (rows.isEmpty()) {
			svg.message(frame, "This run probed nothing.");
		}
		for (int i = 0; i < rows.size(); i++) {
			RunReport.SlowHost host = rows.get(i);
			double top = frame.top() + 6 + i * 24;
			String name = (host.host() != null) ? host.host() : "(no host)";
			svg.text(frame.left() - 8, top + 12, shorten(name, 28), "label", "end");
			svg.rect(frame.left(), top, x.scale(host.p95Ms(), frame.width()), 16, BAR,
					name + ": p95 " + Html.n(host.p95Ms()) + " ms over " + Html.n(host.urls()) + " URLs");
			double p50 = frame.left() + x.scale(host.p50Ms(), frame.width());
			svg.raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"p50\"><title>%s</title></line>",
					p50, top - 2, p50, top + 18, Html.esc(name + ": p50 " + Html.n(host.p50Ms()) + " ms")));
			double slowest = frame.left() + x.scale(host.maxMs(), frame.width());
			svg.raw(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" class=\"max\"><title>%s</title></circle>",
					slowest, top + 8, Html.esc(name + ": slowest " + Html.n(host.maxMs()) + " ms")));
			svg.text(Math.min(slowest + 8, WIDTH - 4), top + 12, Html.n(host.p95Ms()) + " ms", "value",
					(slowest + 8 > WIDTH - 60) ? "end" : "start");
		}
		svg.legend(frame.left(), 36, List.of(BAR), List.of("p95 per URL (ms)"));
		return svg.end();
	}

	/** Grouped horizontal bars: per host, probes that ended 429/503 after their retries, and probes retried. */
	static String rateLimitedHosts(List<RunReport.RateLimitedHost> hosts) {
		String id = "chart-rate-limits";
		List<RunReport.RateLimitedHost> rows = hosts.stream().limit(10).toList();
		int height = 124 + Math.max(1, rows.size()) * 30;
		Frame frame = new Frame(200, 58, WIDTH - 40, height - 62);
		Svg svg = new Svg(id, height, "Most rate-limiting hosts in this run",
				"For each host, the probes of this run that still ended in 429 or 503 after their retries, and those that needed a retry.",
				List.of(BROKEN, ATTENTION));
		long max = rows.stream().mapToLong(h -> Math.max(h.throttled(), h.retried())).max().orElse(0);
		Axis x = Axis.of(max);
		svg.xAxis(frame, x, "probes in this run");
		if (rows.isEmpty()) {
			svg.message(frame, "No host answered 429 or 503 or needed retries in this run.");
		}
		for (int i = 0; i < rows.size(); i++) {
			RunReport.RateLimitedHost host = rows.get(i);
			double top = frame.top() + 6 + i * 30;
			String name = (host.host() != null) ? host.host() : "(no host)";
			svg.text(frame.left() - 8, top + 14, shorten(name, 28), "label", "end");
			double throttled = x.scale(host.throttled(), frame.width());
			double retried = x.scale(host.retried(), frame.width());
			svg.rect(frame.left(), top, throttled, 11, BROKEN, name + ": " + Html.n(host.throttled()) + " of "
					+ Html.n(host.probes()) + " probes ended 429/503");
			svg.rect(frame.left(), top + 12, retried, 11, ATTENTION, name + ": " + Html.n(host.retried()) + " of "
					+ Html.n(host.probes()) + " probes retried");
			svg.text(frame.left() + Math.max(throttled, retried) + 6, top + 16,
					Html.n(host.throttled()) + " / " + Html.n(host.retried()), "value", "start");
		}
		svg.legend(frame.left(), 36, List.of(BROKEN, ATTENTION), List.of("ended 429 or 503", "needed a retry"));
		return svg.end();
	}

	private static double share(RunReport.ProviderPoint point) {
		return (point.urls() == 0) ? 0 : 100.0 * point.broken() / point.urls();
	}

	private static String providerName(String domain) {
		return (domain != null) ? domain : "(no provider)";
	}

	static String shorten(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

	/** How a series is filled: a base colour, and a pattern drawn over it in an ink colour. */
	record Fill(String name, String base, Pattern pattern, String ink) {
	}

	enum Pattern {

		SOLID, HATCH, DOTS

	}

	/** The plot area. */
	private record Frame(double left, double top, double right, double bottom) {

		double width() {
			return this.right - this.left;
		}

		double height() {
			return this.bottom - this.top;
		}

	}

	/** A value axis from 0 with round ticks. */
	private record Axis(double max, double step, boolean percent) {

		static Axis of(long max) {
			double step = niceStep(Math.max(1, max), 5);
			step = Math.max(1, Math.ceil(step));
			return new Axis(Math.max(step, Math.ceil(max / step) * step), step, false);
		}

		static Axis percent(double max) {
			double top = Math.min(100, Math.max(10, Math.ceil(max / 10) * 10));
			double step = (top <= 20) ? 5 : (top <= 50) ? 10 : 20;
			return new Axis(Math.ceil(top / step) * step, step, true);
		}

		double scale(double value, double length) {
			return (this.max == 0) ? 0 : length * Math.min(value, this.max) / this.max;
		}

		List<Double> ticks() {
			List<Double> ticks = new ArrayList<>();
			for (double t = 0; t <= this.max + this.step / 2; t += this.step) {
				ticks.add(t);
			}
			return ticks;
		}

		String label(double tick) {
			return this.percent ? String.format(Locale.ROOT, "%.0f %%", tick) : Html.n(Math.round(tick));
		}

		private static double niceStep(double max, int ticks) {
			double raw = max / ticks;
			double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
			double norm = raw / magnitude;
			double nice = (norm <= 1) ? 1 : (norm <= 2) ? 2 : (norm <= 2.5) ? 2.5 : (norm <= 5) ? 5 : 10;
			return nice * magnitude;
		}

	}

	/**
	 * The x labels of runs: the night ({@code MM-DD}) when every run has its own night, else the
	 * execution ({@code #12}), the nights then in the axis title; the year always in the title.
	 */
	private record XLabels(List<String> labels, List<String> full, String title) {

		static XLabels of(List<Long> ids, List<String> nights) {
			Set<String> distinct = new LinkedHashSet<>(nights);
			boolean byNight = distinct.size() == nights.size() && !distinct.contains(null);
			List<String> labels = new ArrayList<>();
			List<String> full = new ArrayList<>();
			int every = Math.max(1, (int) Math.ceil(ids.size() / 12.0));
			for (int i = 0; i < ids.size(); i++) {
				String night = nights.get(i);
				full.add(((night != null) ? night : "?") + ", execution " + ids.get(i));
				boolean shown = i % every == 0 || i == ids.size() - 1;
				String label = byNight ? night.substring(5) : "#" + ids.get(i);
				labels.add(shown ? label : "");
			}
			String first = nights.isEmpty() ? null : nights.get(0);
			String last = nights.isEmpty() ? null : nights.get(nights.size() - 1);
			String range = (first == null) ? "" : first.equals(last) ? first : first + " to " + last;
			String title = byNight ? "night of the run (month-day), " + range : "execution of the run, nights " + range;
			return new XLabels(labels, full, title);
		}

		String label(int i) {
			return this.labels.get(i);
		}

		String full(int i) {
			return this.full.get(i);
		}

	}

	/** An SVG document under construction. */
	private static final class Svg {

		private final StringBuilder out = new StringBuilder(4096);

		private final String id;

		Svg(String id, int height, String title, String description, List<Fill> fills) {
			this.id = id;
			this.out.append(String.format(Locale.ROOT,
					"<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"%s\" data-chart=\"%s\" class=\"chart\" viewBox=\"0 0 %d %d\""
							+ " width=\"%d\" height=\"%d\" role=\"img\" aria-labelledby=\"%s-title %s-desc\">",
					id, id, WIDTH, height, WIDTH, height, id, id));
			this.out.append("<title id=\"").append(id).append("-title\">").append(Html.esc(title)).append("</title>");
			this.out.append("<desc id=\"").append(id).append("-desc\">").append(Html.esc(description)).append("</desc>");
			this.out.append("<defs>");
			for (Fill fill : fills) {
				pattern(fill);
			}
			this.out.append("</defs>");
			text(0, 14, title, "chart-title", "start");
		}

		private void pattern(Fill fill) {
			if (fill.pattern() == Pattern.SOLID) {
				return;
			}
			String patternId = this.id + "-" + fill.name();
			this.out.append("<pattern id=\"").append(patternId).append("\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\"");
			if (fill.pattern() == Pattern.HATCH) {
				this.out.append(" patternTransform=\"rotate(45)\"><rect width=\"6\" height=\"6\" fill=\"").append(fill.base())
					.append("\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"").append(fill.ink())
					.append("\" stroke-width=\"2.4\"/></pattern>");
			}
			else {
				this.out.append("><rect width=\"6\" height=\"6\" fill=\"").append(fill.base())
					.append("\"/><circle cx=\"3\" cy=\"3\" r=\"1.2\" fill=\"").append(fill.ink()).append("\"/></pattern>");
			}
		}

		private String paint(Fill fill) {
			return (fill.pattern() == Pattern.SOLID) ? fill.base() : "url(#" + this.id + "-" + fill.name() + ")";
		}

		void rect(double x, double y, double w, double h, Fill fill, String title) {
			this.out.append(String.format(Locale.ROOT,
					"<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" class=\"series-%s\"><title>%s</title></rect>",
					x, y, Math.max(0, w), Math.max(0, h), paint(fill), fill.name(), Html.esc(title)));
		}

		void text(double x, double y, String text, String cssClass, String anchor) {
			this.out.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\" text-anchor=\"%s\">%s</text>", x,
					y, cssClass, anchor, Html.esc(text)));
		}

		void raw(String svg) {
			this.out.append(svg);
		}

		void yAxis(Frame frame, Axis axis, String title) {
			for (double tick : axis.ticks()) {
				double y = frame.bottom() - axis.scale(tick, frame.height());
				raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>",
						frame.left(), y, frame.right(), y));
				text(frame.left() - 6, y + 4, axis.label(tick), "tick", "end");
			}
			raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", frame.left(),
					frame.top(), frame.left(), frame.bottom()));
			raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", frame.left(),
					frame.bottom(), frame.right(), frame.bottom()));
			raw(String.format(Locale.ROOT,
					"<text x=\"%.1f\" y=\"%.1f\" class=\"axis-title\" text-anchor=\"middle\" transform=\"rotate(-90 %.1f %.1f)\">%s</text>",
					14.0, (frame.top() + frame.bottom()) / 2, 14.0, (frame.top() + frame.bottom()) / 2, Html.esc(title)));
		}

		void xAxis(Frame frame, Axis axis, String title) {
			for (double tick : axis.ticks()) {
				double x = frame.left() + axis.scale(tick, frame.width());
				raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>", x,
						frame.top(), x, frame.bottom()));
				text(x, frame.bottom() + 16, axis.label(tick), "tick", "middle");
			}
			raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", frame.left(),
					frame.bottom(), frame.right(), frame.bottom()));
			text((frame.left() + frame.right()) / 2, frame.bottom() + 36, title, "axis-title", "middle");
		}

		void xTick(double x, double bottom, String label) {
			if (!label.isEmpty()) {
				raw(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" class=\"axis\"/>", x, bottom, x,
						bottom + 4));
				text(x, bottom + 17, label, "tick", "middle");
			}
		}

		void xTitle(Frame frame, String title) {
			text((frame.left() + frame.right()) / 2, frame.bottom() + 38, title, "axis-title", "middle");
		}

		void message(Frame frame, String message) {
			text((frame.left() + frame.right()) / 2, (frame.top() + frame.bottom()) / 2, message, "message", "middle");
		}

		/** Draws a legend from (x, y), wrapping to more rows when it would leave the chart; the y below it. */
		double legend(double x, double y, List<Fill> fills, List<String> labels) {
			double at = x;
			for (int i = 0; i < fills.size(); i++) {
				Fill fill = fills.get(i);
				double width = 30 + labels.get(i).length() * 6.6;
				if (at > x && at + width > WIDTH) {
					at = x;
					y += 17;
				}
				raw(String.format(Locale.ROOT,
						"<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"12\" fill=\"%s\" class=\"swatch series-%s\"/>", at,
						y - 10, paint(fill), fill.name()));
				text(at + 18, y, labels.get(i), "legend", "start");
				at += width;
			}
			return y + 18;
		}

		double lineLegend(double x, double y, List<String> names, String[] colours, String[] dashes, String[] markers) {
			double at = x;
			for (int i = 0; i < names.size(); i++) {
				String colour = colours[i % colours.length];
				double width = 40 + names.get(i).length() * 6.6;
				if (at > x && at + width > WIDTH) {
					at = x;
					y += 17;
				}
				raw(String.format(Locale.ROOT,
						"<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\" stroke-dasharray=\"%s\"/>", at,
						y - 4, at + 22, y - 4, colour, dashes[i % dashes.length]));
				marker(markers[i % markers.length], at + 11, y - 4, colour, null);
				text(at + 27, y, names.get(i), "legend", "start");
				at += width;
			}
			return y + 18;
		}

		void polyline(String points, String colour, String dash) {
			raw("<polyline points=\"" + points + "\" fill=\"none\" stroke=\"" + colour + "\" stroke-width=\"2\""
					+ (dash.isEmpty() ? "" : " stroke-dasharray=\"" + dash + "\"") + "/>");
		}

		void marker(String shape, double cx, double cy, String colour, String title) {
			String tip = (title != null) ? "<title>" + Html.esc(title) + "</title>" : "";
			String svg = switch (shape) {
				case "square" -> String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"8\" height=\"8\" fill=\"%s\">%s</rect>",
						cx - 4, cy - 4, colour, tip);
				case "triangle" -> String.format(Locale.ROOT, "<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"%s\">%s</path>", cx,
						cy - 5, cx + 5, cy + 4, cx - 5, cy + 4, colour, tip);
				case "diamond" -> String.format(Locale.ROOT,
						"<path d=\"M%.1f %.1fL%.1f %.1fL%.1f %.1fL%.1f %.1fZ\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\">%s</path>",
						cx, cy - 5, cx + 5, cy, cx, cy + 5, cx - 5, cy, colour, tip);
				case "cross" -> String.format(Locale.ROOT,
						"<path d=\"M%.1f %.1fL%.1f %.1fM%.1f %.1fL%.1f %.1f\" stroke=\"%s\" stroke-width=\"2.5\">%s</path>", cx - 4,
						cy - 4, cx + 4, cy + 4, cx - 4, cy + 4, cx + 4, cy - 4, colour, tip);
				default -> String.format(Locale.ROOT,
						"<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"#ffffff\" stroke=\"%s\" stroke-width=\"2\">%s</circle>", cx, cy,
						colour, tip);
			};
			raw(svg);
		}

		/** Labels at the right end of each line, moved apart so none overlaps another. */
		void endLabels(List<double[]> ends, List<String> labels, Frame frame) {
			List<Integer> order = new ArrayList<>();
			for (int i = 0; i < ends.size(); i++) {
				order.add(i);
			}
			order.sort(Comparator.comparingDouble(i -> ends.get(i)[1]));
			double previous = Double.NEGATIVE_INFINITY;
			for (int i : order) {
				double y = Math.max(ends.get(i)[1] + 4, previous + 13);
				previous = y;
				text(frame.right() + 10, y, labels.get(i), "end-label", "start");
			}
		}

		String end() {
			return this.out.append("</svg>").toString();
		}

	}

}
