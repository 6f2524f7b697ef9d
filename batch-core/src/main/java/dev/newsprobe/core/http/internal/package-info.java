/**
 * The HTTP layer's parts that touch Apache HttpClient directly: the address guard, extra trust, the per-
 * host scheduler and the body readers.
 */
package dev.newsprobe.core.http.internal;
