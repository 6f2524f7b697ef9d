package dev.newsprobe.core.probe.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.newsprobe.core.http.Answer;
import dev.newsprobe.core.http.CallListener;
import dev.newsprobe.core.http.CallOutcome;
import dev.newsprobe.core.http.CallRequest;
import dev.newsprobe.core.http.HeaderValues;
import dev.newsprobe.core.http.Hop;
import dev.newsprobe.core.http.HttpTransport;
import dev.newsprobe.core.image.ImageInfo;
import dev.newsprobe.core.image.ImageSizes;
import dev.newsprobe.core.image.ImageSniffer;
import dev.newsprobe.core.probe.ProbePolicy;
import dev.newsprobe.core.probe.ProbeRequest;

/**
 * Reads on into an image whose size was not in its first bytes (a JPEG frame header behind large metadata, a
 * HEIF {@code meta} box further on), with ranged GETs from where the format's walk stopped: the first as long
 * as the sniff window, each next one twice as long, never past {@code imageSizeMaxBytes} from the file's
 * start (with the defaults, 64 KiB then 128, 256 and 512: at most four more requests, 1 MiB in all). A
 * server that ignores the range answers 200, and its body is read from the start up to the same limit. Each
 * request goes through the HTTP layer as any other (guard, politeness, retries). What is still not found
 * leaves the size unknown, which the verdict says.
 */
public final class ImageReadOn {

	/**
	 * Where reading on starts: the image as sniffed, and the file offset.
	 *
	 * @param image the image, its size unknown
	 * @param at the file offset to read from
	 */
	public record Start(ImageInfo image, long at) {
	}

	/**
	 * What reading on found.
	 *
	 * @param image the image, sized when found
	 * @param hops the requests made
	 * @param requests how many
	 * @param readUpTo how far into the file was read
	 */
	public record Found(ImageInfo image, List<Hop> hops, int requests, long readUpTo) {
	}

	private static final String ACCEPT = "image/*,*/*;q=0.5";

	private final HttpTransport transport;

	private final int sniffBytes;

	private final int maxBytes;

	public ImageReadOn(HttpTransport transport, ProbePolicy policy) {
		this.transport = transport;
		this.sniffBytes = policy.imageSniffBytes();
		this.maxBytes = policy.imageSizeMaxBytes();
	}

	/**
	 * Where reading on would start for a probe's answer, or {@code null} when it is not needed: a page, a HEAD, no
	 * image, a size found, a compressed body (whose offsets are not the file's), or the limit reached.
	 */
	public Start start(ProbeRequest request, CallOutcome outcome) {
		Answer answer = outcome.answer();
		if (!request.image() || outcome.ending() != CallOutcome.Ending.ANSWERED || outcome.giveUp() != CallOutcome.GiveUp.NONE
				|| answer == null || answer.status() / 100 != 2 || answer.header("Content-Encoding") != null
				|| !outcome.hops().get(outcome.hops().size() - 1).method().equals("GET")) {
			return null;
		}
		// not compressed (said above): the bytes kept are the file's first bytes as they are
		ImageInfo image = ImageSniffer.sniff(answer.body(), answer.length());
		long at = ImageSizes.readOnAt(image, answer.body(), answer.length());
		return (at > 0 && at < this.maxBytes) ? new Start(image, at) : null;
	}

	/**
	 * Reads on from a start until the size is found or the limit is reached; never completes exceptionally.
	 * @param start where to start
	 * @param url the URL that answered with the image
	 * @param listener hears the requests
	 */
	public CompletableFuture<Found> read(Start start, String url, CallListener listener) {
		return step(start.image(), start.at(), this.sniffBytes, url, listener, new Found(start.image(), List.of(), 0, 0));
	}

	private CompletableFuture<Found> step(ImageInfo image, long at, long window, String url, CallListener listener,
			Found sofar) {
		long end = Math.min(at + window, this.maxBytes) - 1;
		CallRequest range = CallRequest.to(url, "GET")
			.accept(ACCEPT)
			.rangeOnGet("bytes=" + at + "-" + end)
			.bodyCap((int) (end + 1))
			.build();
		return this.transport.call(range, listener).thenCompose(outcome -> {
			List<Hop> hops = new ArrayList<>(sofar.hops());
			hops.addAll(outcome.hops());
			ImageSizes.Reading reading = continueWith(image, at, outcome);
			Found found = new Found(reading.image(), hops, sofar.requests() + outcome.requests(), end + 1);
			boolean sized = reading.image().width() != null && reading.image().height() != null;
			if (sized || reading.readOnAt() <= at || reading.readOnAt() >= this.maxBytes) {
				return CompletableFuture.completedFuture(found);
			}
			return step(reading.image(), reading.readOnAt(), window * 2, url, listener, found);
		}).exceptionally(ex -> sofar);
	}

	/** The walk on from the bytes of a ranged answer (206 from {@code at}, or a 200 whole body from 0). */
	private static ImageSizes.Reading continueWith(ImageInfo image, long at, CallOutcome outcome) {
		Answer answer = outcome.answer();
		if (outcome.ending() != CallOutcome.Ending.ANSWERED || answer == null) {
			return new ImageSizes.Reading(image, -1);
		}
		if (answer.status() == 206 && rangeStart(answer.header("Content-Range")) == at) {
			return ImageSizes.continueAt(image, answer.body(), answer.length(), at);
		}
		if (answer.status() == 200 && answer.length() > at) {
			int from = (int) at;
			byte[] rest = java.util.Arrays.copyOfRange(answer.body(), from, answer.length());
			return ImageSizes.continueAt(image, rest, rest.length, at);
		}
		return new ImageSizes.Reading(image, -1);
	}

	/** The first byte position of a {@code Content-Range} ({@code bytes 1000-1999/5000}), or -1. */
	private static long rangeStart(String contentRange) {
		if (contentRange == null || !contentRange.regionMatches(true, 0, "bytes ", 0, 6)) {
			return -1;
		}
		int dash = contentRange.indexOf('-', 6);
		Long start = (dash > 6) ? HeaderValues.number(contentRange.substring(6, dash), 18) : null;
		return (start != null) ? start : -1;
	}

}
