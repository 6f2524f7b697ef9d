package dev.newsprobe.core.probe.internal;

import dev.newsprobe.core.probe.Verdict;

/**
 * A verdict and the words that say why: what one of the verdict functions decided.
 *
 * @param verdict the verdict
 * @param reason why, in words an archive owner can act on
 */
public record Judgement(Verdict verdict, String reason) {
}
