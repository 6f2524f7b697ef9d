/**
 * Probing: a verdict with its evidence for each URL an article cites, through the HTTP layer (HttpProber).
 */
package dev.newsprobe.core.probe;
