package dev.newsprobe.jobs.report;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import dev.newsprobe.jobs.run.RunParameters;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * A small archive audited over three nights against local fixture sites on three loopback hosts,
 * so that a report has something to show: pages that work, break and are fixed again, a moved
 * page, a slow host, a host that answers 429, images whose {@code isCached} is wrong, and a file
 * that cannot be read. Between nights every URL is made due again, as a day passing would.
 * Used by the HTML report's browser test and to make the sample report.
 */
public final class ReportNights {

	/** The first night; the others follow day by day. */
	public static final LocalDate FIRST_NIGHT = LocalDate.of(2026, 11, 20);

	private final Path archive;

	private final FixtureWeb news;

	private final FixtureWeb media;

	private final FixtureWeb busy;

	private final JobOperator jobOperator;

	private final Job job;

	private final JdbcTemplate jdbc;

	/**
	 * @param archive the archive's root (the run's only input root)
	 * @param news a fixture site for pages (127.0.0.1)
	 * @param media a fixture site for images and slow pages (127.0.0.2)
	 * @param busy a fixture site that rate-limits (127.0.0.3)
	 */
	public ReportNights(Path archive, FixtureWeb news, FixtureWeb media, FixtureWeb busy, JobOperator jobOperator, Job job,
			JdbcTemplate jdbc) {
		this.archive = archive;
		this.news = news;
		this.media = media;
		this.busy = busy;
		this.jobOperator = jobOperator;
		this.job = job;
		this.jdbc = jdbc;
	}

	/** Writes the archive and audits it on each night, routes changing between nights; the last execution. */
	public JobExecution runNights(int nights) throws Exception {
		writeArchive();
		JobExecution last = null;
		for (int night = 0; night < nights; night++) {
			routes(night);
			if (night > 0) {
				this.jdbc.update("UPDATE newsprobe.url_state SET next_check_at = now() - interval '1 minute'"
						+ " WHERE next_check_at IS NOT NULL");
			}
			last = this.jobOperator.start(this.job, RunParameters.forNight(List.of(this.archive), FIRST_NIGHT.plusDays(night)));
			if (last.getStatus() != BatchStatus.COMPLETED) {
				throw new IllegalStateException("night " + night + " ended " + last.getStatus() + ": " + last.getExitStatus());
			}
		}
		return last;
	}

	private void routes(int night) {
		this.news.route("/harbour/tide-tables", Response.html("<title>Tide tables</title>"))
			.route("/harbour/ferry-timetable", Response.html("<title>Ferry timetable</title>"))
			.route("/harbour/new-pier", Response.html("<title>The new pier</title>"))
			.route("/harbour/fish-market", (night == 1) ? Response.status(503) : Response.html("<title>Fish market</title>"))
			.route("/alpine/glacier-retreat", Response.html("<title>Glacier retreat</title>"))
			.route("/alpine/pass-closed", (night == 0) ? Response.html("<title>Pass closed</title>") : Response.status(404))
			.route("/alpine/map-collection", (night == 1) ? Response.status(410) : Response.html("<title>Maps</title>"))
			.route("/alpine/new-home", Response.html("<title>Moved here</title>"));
		this.media.route("/img/pier.png", Response.image(Fixtures.png(64, 48), "image/png"))
			.route("/img/glacier.png", Response.image(Fixtures.png(64, 48), "image/png"))
			.route("/img/ferry.png", Response.status(404))
			.route("/img/market.png", Response.image(Fixtures.png(32, 32), "image/png"))
			.route("/slow/archive-index", Response.html("<title>Slow index</title>").latency(Duration.ofMillis(250)))
			.route("/slow/old-story", Response.status(404).latency(Duration.ofMillis(400)))
			.route("/alpine/old-home", Response.redirect(301, this.news.url("/alpine/new-home")));
		this.busy.route("/quay/council-vote", Response.status(429).header("Retry-After", "0"))
			.route("/quay/lifeboat", Response.status(429).header("Retry-After", "0"))
			.route("/quay/regatta", Response.html("<title>Regatta</title>"));
	}

	private void writeArchive() throws Exception {
		Files.createDirectories(this.archive.resolve("harbour"));
		Files.createDirectories(this.archive.resolve("alpine"));
		Files.createDirectories(this.archive.resolve("quayside"));
		article("harbour/tide-tables.md", "Harbour Daily", "harbourdaily.example", this.news.url("/harbour/tide-tables"),
				image(this.media.url("/img/pier.png"), 64, 48, true),
				"See the [ferry timetable](" + this.news.url("/harbour/ferry-timetable") + ").");
		article("harbour/new-pier.md", "Harbour Daily", "harbourdaily.example", this.news.url("/harbour/new-pier"),
				image(this.media.url("/img/ferry.png"), null, null, true)
						+ image(this.media.url("/img/pier.png"), null, null, false),
				"Older: [the archive](" + this.media.url("/slow/archive-index") + ").");
		article("harbour/fish-market.md", "Harbour Daily", "harbourdaily.example", this.news.url("/harbour/fish-market"),
				image(this.media.url("/img/market.png"), 32, 32, true), "");
		article("alpine/glacier.md", "Alpine Ledger", "alpineledger.example", this.news.url("/alpine/glacier-retreat"),
				image(this.media.url("/img/glacier.png"), 64, 48, true),
				"Closed: [the pass](" + this.news.url("/alpine/pass-closed") + "); our [old home](" + this.media.url("/alpine/old-home")
						+ ").");
		article("alpine/maps.md", "Alpine Ledger", "alpineledger.example", this.news.url("/alpine/map-collection"), null,
				"Background: [an old story](" + this.media.url("/slow/old-story") + ").");
		article("quayside/council.md", "Quayside Chronicle", "quayside.example", this.busy.url("/quay/council-vote"), null,
				"Also: [the lifeboat](" + this.busy.url("/quay/lifeboat") + "), [the regatta](" + this.busy.url("/quay/regatta")
						+ ").");
		Files.writeString(this.archive.resolve("quayside/draft.md"),
				"---\ntitle: \"A draft: never finished\"\nwebUrl: " + this.busy.url("/quay/draft") + "\n");
	}

	private static String image(String url, Integer width, Integer height, boolean cached) {
		return "  - url: \"" + url + "\"\n" + ((width != null) ? "    width: " + width + "\n    height: " + height + "\n" : "")
				+ "    isCached: " + cached + "\n";
	}

	private void article(String name, String providerName, String domain, String webUrl, String images, String body)
			throws Exception {
		StringBuilder text = new StringBuilder("---\ntitle: \"" + name + "\"\n");
		text.append("webUrl: \"").append(webUrl).append("\"\n");
		text.append("provider:\n  name: \"").append(providerName).append("\"\n  domain: ").append(domain).append('\n');
		if (images != null) {
			text.append("images:\n").append(images);
		}
		text.append("---\n").append(body).append('\n');
		Files.writeString(this.archive.resolve(name), text);
	}

}
