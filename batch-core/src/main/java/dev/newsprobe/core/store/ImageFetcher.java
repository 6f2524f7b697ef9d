package dev.newsprobe.core.store;

import java.util.concurrent.CompletableFuture;

import dev.newsprobe.core.http.BodySink;

/**
 * Downloads images in full, with the same safety as probing: the address guard on every hop,
 * timeouts, politeness, the User-Agent.
 */
public interface ImageFetcher {

	/**
	 * Downloads one image into a sink. The future never completes exceptionally: every failure
	 * is an outcome.
	 * @param request what to fetch, with the validators of a copy already held
	 * @param sink where the body goes
	 * @return what was found, when it is known
	 */
	CompletableFuture<ImageFetchResult> fetch(ImageFetch request, BodySink sink);

}
