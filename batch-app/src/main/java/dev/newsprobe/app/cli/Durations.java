package dev.newsprobe.app.cli;

import java.time.Duration;

import org.springframework.boot.convert.DurationStyle;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Durations typed on the command line, in the forms configuration accepts: {@code 30s}, {@code 2m}, {@code PT1M}. */
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

}
