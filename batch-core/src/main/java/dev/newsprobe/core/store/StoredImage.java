package dev.newsprobe.core.store;

import java.time.Instant;

/**
 * An image held by an {@link ImageStore}.
 *
 * @param address its content address (hex SHA-256 of its bytes)
 * @param size its size in bytes
 * @param lastUsed when it was last stored, used or verified; the oldest is evicted first
 */
public record StoredImage(String address, long size, Instant lastUsed) {
}
