package dev.newsprobe.jobs.store;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The image store: whether images are mirrored, where, and how much.
 *
 * @param enabled whether verified images are mirrored into the store; off by default
 * @param directory the store's directory; by default {@code images} under {@code newsprobe.home}
 * ({@code NEWSPROBE_HOME}, default {@code ./.newsprobe})
 * @param maxBytes the cap on the store's total size; the least recently used or verified images are evicted to stay under it
 * @param maxImageBytes the largest image mirrored; a larger one is not stored, and the reason is recorded
 * @param revalidateAfter how long a held copy stays current before it is revalidated with a conditional request
 * @param retryAfter how long a URL without a copy (refused, failed, gone, evicted) waits before it is tried again
 * @param chunkSize image URLs written per transaction; as many more are downloaded ahead
 */
@ConfigurationProperties("newsprobe.store")
public record StoreProperties(@DefaultValue("false") boolean enabled, Path directory,
		@DefaultValue("10GB") DataSize maxBytes, @DefaultValue("20MB") DataSize maxImageBytes,
		@DefaultValue("7d") Duration revalidateAfter, @DefaultValue("1d") Duration retryAfter,
		@DefaultValue("50") int chunkSize) {

	public StoreProperties {
		if (maxBytes.toBytes() < 1 || maxImageBytes.toBytes() < 1) {
			throw new IllegalArgumentException("newsprobe.store.max-bytes and max-image-bytes must be positive, not "
					+ maxBytes + " and " + maxImageBytes);
		}
		if (maxImageBytes.toBytes() > maxBytes.toBytes()) {
			throw new IllegalArgumentException("newsprobe.store.max-image-bytes (" + maxImageBytes
					+ ") must not be larger than newsprobe.store.max-bytes (" + maxBytes + "), the whole store's cap");
		}
		if (revalidateAfter.isNegative() || retryAfter.isNegative()) {
			throw new IllegalArgumentException("newsprobe.store.revalidate-after and retry-after must not be negative");
		}
		if (chunkSize < 1) {
			throw new IllegalArgumentException("newsprobe.store.chunk-size must be at least 1, not " + chunkSize);
		}
	}

	/** The store's directory: the one configured, or {@code images} under the home directory. */
	public Path directoryUnder(String home) {
		Path base = (this.directory != null) ? this.directory : Path.of((home != null) ? home : ".newsprobe", "images");
		return base.toAbsolutePath().normalize();
	}

}
