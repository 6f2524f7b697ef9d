package dev.newsprobe.core.store;

import java.util.concurrent.CompletableFuture;

import dev.newsprobe.core.http.BodySink;
import dev.newsprobe.core.http.CallListener;
import dev.newsprobe.core.http.CallRequest;
import dev.newsprobe.core.http.HttpPolicy;
import dev.newsprobe.core.http.HttpTransport;
import dev.newsprobe.core.image.ImageSniffer;

/**
 * Downloads images in full for the image store, through newsprobe's HTTP layer, so a download gets the same
 * address guard, politeness, redirects, retries and timeouts as a probe: {@code GET} with the held copy's
 * validators, the body asked for as stored ({@code identity}: the exact bytes are what is hashed) and
 * streamed into the sink within {@link ImageFetch#maxBytes()}, its first bytes sniffed so that what is not an
 * image is not downloaded. Connect errors, timeouts and 408/429/502/503/504 are retried, but only until a
 * body has started to arrive. {@link DownloadResults} says what each ending means.
 */
public final class ImageDownloader implements ImageFetcher, AutoCloseable {

	private static final String ACCEPT = "image/*,*/*;q=0.5";

	private final HttpTransport transport;

	private final boolean owned;

	private final DownloadResults results;

	private final int sniffBytes;

	/**
	 * A downloader with a transport of its own, closed with it.
	 * @param policy how to behave
	 * @param sniffBytes how many first bytes tell whether a body is an image
	 */
	public ImageDownloader(HttpPolicy policy, int sniffBytes) {
		this(new HttpTransport(policy, null, null), sniffBytes, true);
	}

	/**
	 * A downloader over a transport shared with others (e.g. the prober's), left open when it closes.
	 * @param transport the transport
	 * @param sniffBytes how many first bytes tell whether a body is an image
	 */
	public ImageDownloader(HttpTransport transport, int sniffBytes) {
		this(transport, sniffBytes, false);
	}

	private ImageDownloader(HttpTransport transport, int sniffBytes, boolean owned) {
		this.transport = transport;
		this.owned = owned;
		this.sniffBytes = sniffBytes;
		this.results = new DownloadResults(transport.policy());
	}

	@Override
	public CompletableFuture<ImageFetchResult> fetch(ImageFetch request, BodySink sink) {
		CallRequest call = CallRequest.to(request.url(), "GET")
			.accept(ACCEPT)
			.validators(request.etag(), request.lastModified())
			.streamTo(sink, request.maxBytes(), this.sniffBytes, (bytes, length) -> ImageSniffer.sniff(bytes, length) != null)
			.build();
		return this.transport.call(call, CallListener.NONE).thenApply(outcome -> {
			try {
				return this.results.of(request, outcome);
			}
			catch (RuntimeException ex) {
				return this.results.failedOn(request, outcome, ex);
			}
		});
	}

	/** HTTP requests sent through this downloader's transport (all its users') since it was opened. */
	public long requestsSent() {
		return this.transport.requestsSent();
	}

	@Override
	public void close() {
		if (this.owned) {
			this.transport.close();
		}
	}

}
