package dev.newsprobe.core.store;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import dev.newsprobe.core.http.NetworkRange;
import dev.newsprobe.core.probe.ProbePolicy;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;

/**
 * The image store benchmark, in two parts. <b>Store</b>: N images of a given size put by T threads
 * into a directory store whose cap holds half of them, so eviction runs for the second half; prints
 * puts/s and MiB/s. <b>Mirror</b>: M images ({@code --mirror-images}, default 1000) served by local fixture hosts mirrored through the
 * {@link ImageDownloader} into a store, then revalidated (every server answers 304); prints images/s and
 * MiB/s of each pass. Not a test: run it with {@code bench/image-store.sh}; it exits 1 when what
 * it measured was wrong.
 */
public final class ImageStoreBenchmark {

	private static final byte[] PNG = Fixtures.png(8, 8);

	private ImageStoreBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i < args.length; i++) {
			String[] pair = args[i].replaceFirst("^--", "").split("=", 2);
			boolean next = pair.length == 1 && i + 1 < args.length && !args[i + 1].startsWith("--");
			options.put(pair[0], (pair.length > 1) ? pair[1] : next ? args[++i] : "true");
		}
		int images = Integer.parseInt(options.getOrDefault("images", "5000"));
		int size = Integer.parseInt(options.getOrDefault("size-kb", "64")) * 1024;
		int threads = Integer.parseInt(options.getOrDefault("threads", "4"));
		int hosts = Integer.parseInt(options.getOrDefault("hosts", "4"));
		int concurrency = Integer.parseInt(options.getOrDefault("concurrency", "64"));
		// the fixture servers hold every body they serve in memory: the mirror part serves fewer by default
		int served = Integer.parseInt(options.getOrDefault("mirror-images", "1000"));
		boolean ok = store(images, size, threads) & mirror(served, size, hosts, concurrency);
		System.exit(ok ? 0 : 1);
	}

	private static boolean store(int images, int size, int threads) throws Exception {
		Path directory = Files.createTempDirectory("newsprobe-store-bench");
		long cap = (long) images * size / 2;
		AtomicLong evicted = new AtomicLong();
		boolean ok;
		try (DirectoryImageStore store = DirectoryImageStore.open(directory, cap)) {
			ExecutorService pool = Executors.newFixedThreadPool(threads);
			long start = System.nanoTime();
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				int thread = t;
				done.add(pool.submit(() -> {
					for (int i = thread; i < images; i += threads) {
						StorePut put = store.put(new ByteArrayInputStream(image(i, size)), "image/png");
						evicted.addAndGet(put.evicted().size());
					}
					return null;
				}));
			}
			for (Future<?> future : done) {
				future.get();
			}
			double seconds = (System.nanoTime() - start) / 1e9;
			pool.shutdown();
			System.out.printf(Locale.ROOT,
					"store:  %,d images of %,d KiB, %d threads: %.2f s, %,.0f puts/s, %,.1f MiB/s; %,d evicted, %,d held, %,d of %,d bytes%n",
					images, size / 1024, threads, seconds, images / seconds, (double) images * size / seconds / (1 << 20),
					evicted.get(), store.count(), store.totalBytes(), cap);
			ok = store.totalBytes() <= cap && store.count() + evicted.get() == images;
		}
		finally {
			delete(directory);
		}
		if (!ok) {
			System.out.println("store:  WRONG: the cap was exceeded or images were lost");
		}
		return ok;
	}

	private static boolean mirror(int images, int size, int hostCount, int concurrency) throws Exception {
		Path directory = Files.createTempDirectory("newsprobe-mirror-bench");
		List<FixtureWeb> hosts = new ArrayList<>();
		ProbePolicy policy = new ProbePolicy(concurrency, Math.max(1, concurrency / hostCount), Duration.ZERO,
				Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(60), 3, Duration.ofMillis(100),
				Duration.ofSeconds(5), 10, 256 * 1024, 64 * 1024, "newsprobe-bench/0.1", Map.of(),
				List.of(NetworkRange.parse("127.0.0.1/32")));
		boolean ok = true;
		try (DirectoryImageStore store = DirectoryImageStore.open(directory, (long) images * size * 2);
				ImageDownloader downloader = new ImageDownloader(policy.http(), policy.imageSniffBytes())) {
			List<String> urls = new ArrayList<>();
			for (int h = 0; h < hostCount; h++) {
				hosts.add(FixtureWeb.start());
			}
			for (int i = 0; i < images; i++) {
				FixtureWeb host = hosts.get(i % hostCount);
				String path = "/img/" + i + ".png";
				host.sequence(path, Response.image(image(i, size), "image/png").header("ETag", "\"" + i + "\""),
						Response.status(304).header("ETag", "\"" + i + "\""));
				urls.add(host.url(path));
			}
			ImageMirror mirror = new ImageMirror(downloader, store, size * 2L);
			Map<String, ImageCopy> held = new HashMap<>();
			ok &= pass("first", urls, url -> mirror.mirror(url, null), held, size);
			ok &= pass("again", urls, url -> mirror.mirror(url, held.get(url)), held, 0);
			System.out.printf(Locale.ROOT, "mirror: %,d requests sent in all, %,d images held%n", downloader.requestsSent(),
					store.count());
		}
		finally {
			hosts.forEach(FixtureWeb::close);
			delete(directory);
		}
		return ok;
	}

	private static boolean pass(String name, List<String> urls,
			java.util.function.Function<String, CompletableFuture<MirrorOutcome>> mirror, Map<String, ImageCopy> held,
			int size) {
		long start = System.nanoTime();
		List<CompletableFuture<MirrorOutcome>> futures = urls.stream().map(mirror).toList();
		Map<CopyState, Integer> states = new EnumMap<>(CopyState.class);
		for (CompletableFuture<MirrorOutcome> future : futures) {
			MirrorOutcome outcome = future.join();
			states.merge(outcome.state(), 1, Integer::sum);
			if (outcome.copy() != null) {
				held.put(outcome.url(), outcome.copy());
			}
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf(Locale.ROOT, "mirror: %-5s pass, %,d images: %.2f s, %,.0f images/s, %,.1f MiB/s downloaded; %s%n",
				name, urls.size(), seconds, urls.size() / seconds, (double) urls.size() * size / seconds / (1 << 20), states);
		boolean ok = states.getOrDefault(CopyState.HELD, 0) == urls.size();
		if (!ok) {
			System.out.println("mirror: WRONG: not every image is held");
		}
		return ok;
	}

	/** A PNG header padded with bytes that differ from image to image, so every image has its own address. */
	static byte[] image(int n, int size) {
		byte[] bytes = Arrays.copyOf(PNG, size);
		byte[] noise = new byte[Math.min(4096, size / 2)];
		new Random(n).nextBytes(noise);
		System.arraycopy(noise, 0, bytes, size - noise.length, noise.length);
		return bytes;
	}

	private static void delete(Path directory) throws Exception {
		try (Stream<Path> files = Files.walk(directory)) {
			files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
		}
	}

}
