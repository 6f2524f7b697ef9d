package dev.newsprobe.core.store;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Mirrors image URLs into an {@link ImageStore}: downloads each in full through an
 * {@link ImageFetcher} (the {@link ImageDownloader}: newsprobe's guarded HTTP layer) straight into the
 * store, and decides the copy's new state.
 * <ul>
 * <li>No copy held: a real image within the cap is stored ({@link CopyState#HELD}); anything else
 * is not ({@link CopyState#REFUSED} with the reason, or {@link CopyState#FAILED}, {@link CopyState#GONE}).</li>
 * <li>A copy held: the request is conditional on its validators. 304 keeps it and counts as verified;
 * 200 with a real image replaces it (the same bytes keep it); 404/410 evicts it ({@link CopyState#GONE});
 * a 200 that is no longer an acceptable image (not an image, too large) drops it ({@link CopyState#REFUSED});
 * any other failure keeps it, {@link CopyState#STALE}.</li>
 * </ul>
 * Bytes go to the store as they arrive and become visible only when the download has ended well.
 * The store's own eviction is reported in the outcome; removing a replaced copy's bytes is left to the
 * caller, who knows whether another URL still holds the same bytes.
 */
public final class ImageMirror {

	private final ImageFetcher fetcher;

	private final ImageStore store;

	private final long maxImageBytes;

	/**
	 * @param fetcher downloads the images
	 * @param store keeps them
	 * @param maxImageBytes the largest image accepted
	 */
	public ImageMirror(ImageFetcher fetcher, ImageStore store, long maxImageBytes) {
		this.fetcher = fetcher;
		this.store = store;
		this.maxImageBytes = maxImageBytes;
	}

	/**
	 * Mirrors one URL. The future never completes exceptionally: every failure is an outcome.
	 * @param url the image URL
	 * @param held the copy recorded as held, or {@code null}; when its bytes are no longer in the
	 * store it is fetched afresh, without validators
	 * @return the outcome, when known
	 */
	public CompletableFuture<MirrorOutcome> mirror(String url, ImageCopy held) {
		ImageCopy previous = (held != null && this.store.has(held.sha256())) ? held : null;
		ImageStore.Upload upload;
		try {
			upload = this.store.begin();
		}
		catch (IOException ex) {
			return CompletableFuture.completedFuture(failed(url, previous, "the image store cannot take an image: " + ex.getMessage()));
		}
		ImageFetch request = new ImageFetch(url, (previous != null) ? previous.etag() : null,
				(previous != null) ? previous.lastModified() : null, this.maxImageBytes);
		return this.fetcher.fetch(request, upload::write).handle((result, error) -> {
			try {
				if (error != null) {
					return failed(url, previous, "unexpected problem: " + error);
				}
				return decide(url, previous, held, result, upload);
			}
			finally {
				closeQuietly(upload);
			}
		});
	}

	private MirrorOutcome decide(String url, ImageCopy previous, ImageCopy held, ImageFetchResult result,
			ImageStore.Upload upload) {
		Instant now = result.checkedAt();
		FetchOutcome outcome = result.outcome();
		switch (outcome) {
			case FETCHED -> {
				StorePut put;
				try {
					put = upload.commit(result.contentType());
				}
				catch (IOException ex) {
					return outcome(url, (previous != null) ? CopyState.STALE : CopyState.FAILED, previous, previous, false,
							result, "not stored: " + ex.getMessage(), List.of());
				}
				boolean same = previous != null && previous.sha256().equals(put.address());
				ImageCopy copy = new ImageCopy(put.address(), put.image().size(), result.contentType(),
						result.image().format(), result.image().width(), result.image().height(), result.etag(),
						result.lastModified(), same ? previous.storedAt() : now, now);
				String what = (previous == null) ? "stored" : same ? "unchanged" : "replaced";
				return outcome(url, CopyState.HELD, copy, (held != null) ? held : previous, true, result,
						what + ": " + result.reason(), put.evicted());
			}
			case NOT_MODIFIED -> {
				this.store.touch(previous.sha256());
				ImageCopy copy = new ImageCopy(previous.sha256(), previous.size(), previous.contentType(), previous.format(),
						previous.width(), previous.height(), (result.etag() != null) ? result.etag() : previous.etag(),
						(result.lastModified() != null) ? result.lastModified() : previous.lastModified(),
						previous.storedAt(), now);
				return outcome(url, CopyState.HELD, copy, previous, true, result, "kept: 304 not modified", List.of());
			}
			case GONE -> {
				return outcome(url, CopyState.GONE, null, (held != null) ? held : previous, false, result,
						((previous != null) ? "evicted: " : "") + result.reason(), List.of());
			}
			case NOT_AN_IMAGE, TOO_LARGE -> {
				return outcome(url, CopyState.REFUSED, null, (held != null) ? held : previous, false, result,
						((previous != null) ? "evicted, the URL now serves something else: " : "not stored: ")
								+ result.reason(),
						List.of());
			}
			default -> {
				// FORBIDDEN_ADDRESS and FAILED: the server did not say the copy is wrong, so it is kept
				String why = (outcome == FetchOutcome.FORBIDDEN_ADDRESS) ? "forbidden address: " : "";
				if (previous != null) {
					return outcome(url, CopyState.STALE, previous, previous, false, result,
							"kept but stale: " + why + result.reason(), List.of());
				}
				return outcome(url, (outcome == FetchOutcome.FORBIDDEN_ADDRESS) ? CopyState.REFUSED : CopyState.FAILED,
						null, held, false, result, "not stored: " + why + result.reason(), List.of());
			}
		}
	}

	private static MirrorOutcome outcome(String url, CopyState state, ImageCopy copy, ImageCopy previous,
			boolean verified, ImageFetchResult result, String reason, List<String> evicted) {
		return new MirrorOutcome(url, state, copy, previous, verified, result.outcome(), result.statusCode(), reason,
				evicted, result.checkedAt());
	}

	private static MirrorOutcome failed(String url, ImageCopy previous, String reason) {
		return new MirrorOutcome(url, (previous != null) ? CopyState.STALE : CopyState.FAILED, previous, previous, false,
				FetchOutcome.FAILED, 0, reason, List.of(), Instant.now());
	}

	private static void closeQuietly(ImageStore.Upload upload) {
		try {
			upload.close();
		}
		catch (IOException ex) {
			// a temporary file left behind is deleted when the store is next opened
		}
	}

}
