package dev.newsprobe.jobs.writeback;

import java.util.Arrays;
import java.util.Locale;

/**
 * What write-back changes in the files, from the {@code writeBack} job parameter:
 * {@code cached} (stale {@code isCached} flags), {@code moved} (URLs that moved, replaced by their new
 * location), or both, comma-separated. Absent or blank means no write-back.
 *
 * @param cached whether {@code isCached} flags are rewritten
 * @param moved whether moved URLs are replaced
 */
public record WriteBackMode(boolean cached, boolean moved) {

	/** No write-back. */
	public static final WriteBackMode NONE = new WriteBackMode(false, false);

	/**
	 * Reads a parameter value.
	 * @param value e.g. {@code cached}, {@code cached,moved}, or {@code null}
	 * @return the mode
	 * @throws IllegalArgumentException for an unknown word
	 */
	public static WriteBackMode parse(String value) {
		if (value == null || value.isBlank()) {
			return NONE;
		}
		boolean cached = false;
		boolean moved = false;
		for (String word : Arrays.stream(value.split(",")).map(w -> w.strip().toLowerCase(Locale.ROOT)).toList()) {
			switch (word) {
				case "cached" -> cached = true;
				case "moved" -> moved = true;
				default -> throw new IllegalArgumentException(
						"write-back takes 'cached', 'moved' or 'cached,moved', not '" + word + "'");
			}
		}
		return new WriteBackMode(cached, moved);
	}

	/** Whether anything is written back. */
	public boolean enabled() {
		return this.cached || this.moved;
	}

	/** The parameter value of this mode. */
	@Override
	public String toString() {
		return (this.cached && this.moved) ? "cached,moved" : this.cached ? "cached" : this.moved ? "moved" : "";
	}

}
