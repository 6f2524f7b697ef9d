package dev.newsprobe.jobs.ingest;

import java.util.concurrent.CompletableFuture;

/**
 * An article file whose reading and parsing the reader started ahead of the chunk it belongs to.
 *
 * @param candidate the file and its stored state
 * @param outcome what reading it gave; {@code null} for an unchanged file
 */
public record PreparedArticle(ArticleCandidate candidate, CompletableFuture<IngestItem> outcome) {
}
