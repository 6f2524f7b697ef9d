package dev.newsprobe.jobs.probe;

import java.util.concurrent.CompletableFuture;

import dev.newsprobe.core.probe.ProbeResult;

/**
 * A probe under way: the reader starts it, the writer waits for it, so many URLs are probed at
 * once within the prober's limits.
 *
 * @param due the URL
 * @param result its result, when known
 */
public record PendingProbe(DueUrl due, CompletableFuture<ProbeResult> result) {
}
