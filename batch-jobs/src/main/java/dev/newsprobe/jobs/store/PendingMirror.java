package dev.newsprobe.jobs.store;

import java.util.concurrent.CompletableFuture;

import dev.newsprobe.core.store.MirrorOutcome;

/**
 * A download under way: the reader starts it, the writer waits for it and records it.
 *
 * @param candidate the URL and its recorded copy
 * @param outcome what mirroring it did, when known
 */
public record PendingMirror(MirrorCandidate candidate, CompletableFuture<MirrorOutcome> outcome) {
}
