package dev.newsprobe.jobs.store;

import dev.newsprobe.core.store.ImageCopy;

/**
 * An image URL due for mirroring or revalidation, with what is recorded of its copy.
 *
 * @param url the URL
 * @param state its copy's recorded state, or {@code null} when never mirrored
 * @param held the copy recorded as held, or {@code null}
 */
public record MirrorCandidate(String url, String state, ImageCopy held) {
}
