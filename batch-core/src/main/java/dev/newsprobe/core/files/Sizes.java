package dev.newsprobe.core.files;

/** File sizes in words people read. */
public final class Sizes {

	private Sizes() {
	}

	/** A size as bytes, KiB or MiB, e.g. {@code 4.0 MiB}. */
	public static String human(long bytes) {
		if (bytes >= 1024 * 1024) {
			return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
		}
		return (bytes >= 1024) ? String.format(java.util.Locale.ROOT, "%.1f KiB", bytes / 1024.0) : bytes + " bytes";
	}

}
