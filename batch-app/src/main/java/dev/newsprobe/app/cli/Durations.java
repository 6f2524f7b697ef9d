package dev.newsprobe.app.cli;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Durations as a person types and reads them: typed in the forms configuration accepts
 * ({@code 30s}, {@code 2m}, {@code PT1M}), shown as {@code 4.2 s} or {@code 3 min 07 s}.
 */
final class Durations {

	private Durations() {
	}

	static Duration parse(CommandLine commandLine, String option, String text) {
		try {
			Duration duration = DurationStyle.detectAndParse(text);
			if (duration.isNegative()) {
				throw new IllegalArgumentException("negative");
			}
			return duration;
		}
		catch (IllegalArgumentException ex) {
			throw new ParameterException(commandLine, "Invalid value for option '" + option + "': '" + text
					+ "' is not a duration (e.g. 30s, 2m, PT1M)");
		}
	}

	/** From start to end, or to now while it lasts; zero before it starts. */
	static Duration between(LocalDateTime start, LocalDateTime end) {
		if (start == null) {
			return Duration.ZERO;
		}
		return Duration.between(start, (end != null) ? end : LocalDateTime.now());
	}

	/** {@code 4.2 s} under a minute, {@code 3 min 07 s} above. */
	static String human(Duration duration) {
		long millis = duration.toMillis();
		if (millis < 60_000) {
			return String.format("%.1f s", millis / 1000.0);
		}
		return String.format("%d min %02d s", millis / 60_000, (millis / 1000) % 60);
	}

	/** How long from start to end (or now), in words. */
	static String human(LocalDateTime start, LocalDateTime end) {
		return human(between(start, end));
	}

}
