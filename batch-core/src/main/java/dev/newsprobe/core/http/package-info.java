/**
 * newsprobe's HTTP layer: the transport (pooled async client, TLS, the address guard as resolver,
 * politeness) and the one attempt, redirect and retry machine every request goes through, its concerns in
 * classes named for them (RequestHeaders, BodyDecoding, RedirectChain, RetryPolicy, Backoff, HostKeys).
 */
package dev.newsprobe.core.http;
