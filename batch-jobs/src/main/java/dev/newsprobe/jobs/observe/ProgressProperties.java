package dev.newsprobe.jobs.observe;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long-running steps show their progress.
 *
 * @param interval how often a step in progress says how far it is
 * @param mode {@code auto} (a live bar at a terminal, plain lines otherwise), {@code bar},
 * {@code lines} or {@code off}
 */
@ConfigurationProperties("newsprobe.progress")
public record ProgressProperties(@DefaultValue("5s") Duration interval, @DefaultValue("auto") Mode mode) {

	/** Where progress goes. */
	public enum Mode {

		/** A live bar when newsprobe runs at a terminal, plain lines when its output is redirected. */
		AUTO,
		/** A single line redrawn in place. */
		BAR,
		/** One plain line per interval. */
		LINES,
		/** Nothing. */
		OFF

	}

	public ProgressProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("newsprobe.progress.interval must be positive, not " + interval);
		}
	}

	/** The mode to use, {@code auto} resolved: a bar only when the process has a terminal. */
	public Mode effectiveMode() {
		if (this.mode != Mode.AUTO) {
			return this.mode;
		}
		return (System.console() != null) ? Mode.BAR : Mode.LINES;
	}

}
