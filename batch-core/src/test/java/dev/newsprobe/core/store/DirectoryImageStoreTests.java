package dev.newsprobe.core.store;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The directory image store on a real file system: content addresses, atomic writes, the size cap and
 * its least-recently-used eviction, concurrent writers, and what a crash leaves behind.
 */
class DirectoryImageStoreTests {

	@TempDir
	Path directory;

	@Test
	void anImageIsKeptUnderTheSha256OfItsBytesInAFanOutDirectory() throws Exception {
		byte[] bytes = bytes(1000, 1);
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 10_000)) {
			StorePut put = store.put(new ByteArrayInputStream(bytes), "image/png");

			assertThat(put.address()).isEqualTo(sha256(bytes));
			assertThat(put.added()).isTrue();
			assertThat(store.has(put.address())).isTrue();
			assertThat(store.fileOf(put.address()))
				.isEqualTo(this.directory.resolve(put.address().substring(0, 2)).resolve(put.address().substring(2, 4))
					.resolve(put.address()));
			try (InputStream in = store.open(put.address()).orElseThrow()) {
				assertThat(in.readAllBytes()).isEqualTo(bytes);
			}
			assertThat(store.totalBytes()).isEqualTo(1000);
			assertThat(store.count()).isEqualTo(1);
		}
	}

	@Test
	void theSameBytesFromTwoUrlsAreKeptOnce() throws Exception {
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 10_000)) {
			StorePut first = store.put(new ByteArrayInputStream(bytes(500, 7)), "image/jpeg");
			StorePut second = store.put(new ByteArrayInputStream(bytes(500, 7)), "image/jpg");

			assertThat(second.address()).isEqualTo(first.address());
			assertThat(second.added()).isFalse();
			assertThat(store.count()).isEqualTo(1);
			assertThat(store.totalBytes()).isEqualTo(500);
		}
	}

	@Test
	void theCapEvictsTheLeastRecentlyUsedImagesFirstAndTheStoreNeverStaysAboveIt() throws Exception {
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 300)) {
			String a = store.put(new ByteArrayInputStream(bytes(100, 1)), "image/png").address();
			String b = store.put(new ByteArrayInputStream(bytes(100, 2)), "image/png").address();
			String c = store.put(new ByteArrayInputStream(bytes(100, 3)), "image/png").address();
			store.touch(a);

			StorePut d = store.put(new ByteArrayInputStream(bytes(100, 4)), "image/png");

			assertThat(d.evicted()).as("b is the least recently used once a was verified again").containsExactly(b);
			assertThat(store.has(b)).isFalse();
			assertThat(Files.exists(store.fileOf(b))).isFalse();
			assertThat(store.totalBytes()).isEqualTo(300);

			StorePut big = store.put(new ByteArrayInputStream(bytes(250, 5)), "image/png");

			assertThat(big.evicted()).containsExactly(c, a, d.address());
			assertThat(store.totalBytes()).isEqualTo(250).isLessThanOrEqualTo(store.maxBytes());
			assertThat(filesHeld()).containsExactly(big.address());
		}
	}

	@Test
	void anImageLargerThanTheWholeCapIsRefusedAndNothingIsEvictedForIt() throws Exception {
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 300)) {
			String kept = store.put(new ByteArrayInputStream(bytes(100, 1)), "image/png").address();

			assertThatExceptionOfType(ImageStoreException.class)
				.isThrownBy(() -> store.put(new ByteArrayInputStream(bytes(301, 2)), "image/png"))
				.withMessageContaining("larger than the whole store's cap of 300 bytes");
			assertThat(store.has(kept)).isTrue();
			assertThat(store.count()).isEqualTo(1);
			assertThat(temporaryFiles()).isEmpty();
		}
	}

	@Test
	void theOrderOfUseSurvivesARestartAndALoweredCapEvictsTheOldestAtOnce() throws Exception {
		String old;
		String recent;
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 1000)) {
			old = store.put(new ByteArrayInputStream(bytes(100, 1)), "image/png").address();
			recent = store.put(new ByteArrayInputStream(bytes(100, 2)), "image/png").address();
			Files.setLastModifiedTime(store.fileOf(old), FileTime.from(Instant.now().minusSeconds(3600)));
		}

		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 150)) {
			assertThat(store.evictedOnOpen()).containsExactly(old);
			assertThat(store.has(recent)).isTrue();
			assertThat(store.totalBytes()).isEqualTo(100);
		}
	}

	@Test
	void concurrentWritersKeepTheAccountingTrueAndTheStoreUnderItsCap() throws Exception {
		int writers = 8;
		int perWriter = 60;
		Set<String> evicted = ConcurrentHashMap.newKeySet();
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 20_000)) {
			ExecutorService pool = Executors.newFixedThreadPool(writers);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int w = 0; w < writers; w++) {
					int writer = w;
					done.add(pool.submit(() -> {
						for (int i = 0; i < perWriter; i++) {
							// half the images are written by every writer at once: the same address, raced
							int seed = (i % 2 == 0) ? i : 1000 * (writer + 1) + i;
							StorePut put = store.put(new ByteArrayInputStream(bytes(300 + seed % 200, seed)), "image/png");
							evicted.addAll(put.evicted());
							assertThat(store.totalBytes()).isLessThanOrEqualTo(store.maxBytes());
						}
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get();
				}
			}
			finally {
				pool.shutdownNow();
			}

			assertThat(evicted).as("the cap was reached").isNotEmpty();
			List<String> onDisk = filesHeld();
			assertThat(onDisk).containsExactlyInAnyOrderElementsOf(store.images().stream().map(StoredImage::address).toList());
			long sizes = 0;
			for (String address : onDisk) {
				byte[] content = Files.readAllBytes(store.fileOf(address));
				assertThat(sha256(content)).as("no file holds bytes other than its address says").isEqualTo(address);
				sizes += content.length;
			}
			assertThat(store.totalBytes()).isEqualTo(sizes).isLessThanOrEqualTo(20_000);
			assertThat(temporaryFiles()).isEmpty();
		}
	}

	@Test
	void anUploadCutShortIsNeverVisibleAndItsTemporaryFileGoesWhenTheStoreIsNextOpened() throws Exception {
		DirectoryImageStore store = DirectoryImageStore.open(this.directory, 10_000);
		ImageStore.Upload upload = store.begin();
		upload.write(ByteBuffer.wrap(bytes(4000, 3)));
		// the process "dies" here: neither commit nor close is called
		assertThat(store.count()).isZero();
		assertThat(store.totalBytes()).isZero();
		assertThat(temporaryFiles()).hasSize(1);
		assertThat(filesHeld()).isEmpty();
		store.close();

		try (DirectoryImageStore reopened = DirectoryImageStore.open(this.directory, 10_000)) {
			assertThat(temporaryFiles()).isEmpty();
			assertThat(reopened.count()).isZero();
			assertThat(reopened.has(sha256(bytes(4000, 3)))).isFalse();
		}
	}

	@Test
	void aProcessKilledWhileWritingLeavesNoPartialImageVisible() throws Exception {
		Path java = Path.of(System.getProperty("java.home"), "bin", "java");
		Process writer = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
				StoreWriterProcess.class.getName(), this.directory.toString()).redirectErrorStream(true).start();
		try {
			String line = new String(writer.getInputStream().readNBytes(StoreWriterProcess.READY.length()));
			assertThat(line).isEqualTo(StoreWriterProcess.READY);
			assertThat(temporaryFiles()).as("the partial image on disk while the writer runs").hasSize(1);
			assertThat(Files.size(temporaryFiles().get(0))).isPositive();
		}
		finally {
			writer.destroyForcibly();
			writer.waitFor();
		}

		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 1L << 30)) {
			assertThat(store.count()).isZero();
			assertThat(store.totalBytes()).isZero();
			assertThat(filesHeld()).isEmpty();
			assertThat(temporaryFiles()).isEmpty();
		}
	}

	@Test
	void aStoreIsUsedByOneOpeningAtATime() throws Exception {
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 1000)) {
			assertThatExceptionOfType(ImageStoreException.class)
				.isThrownBy(() -> DirectoryImageStore.open(this.directory, 1000))
				.withMessageContaining("already open");
		}
		DirectoryImageStore.open(this.directory, 1000).close();
	}

	@Test
	void evictingAndOpeningWhatIsNotHeldSaySo() throws Exception {
		try (DirectoryImageStore store = DirectoryImageStore.open(this.directory, 1000)) {
			String address = store.put(new ByteArrayInputStream(bytes(10, 1)), "image/gif").address();

			assertThat(store.evict(address)).isTrue();
			assertThat(store.evict(address)).isFalse();
			assertThat(store.open(address)).isEmpty();
			assertThat(store.touch(address)).isFalse();
			assertThat(store.totalBytes()).isZero();
		}
	}

	private List<String> filesHeld() throws IOException {
		try (Stream<Path> files = Files.find(this.directory, 3, (path, attributes) -> attributes.isRegularFile()
				&& ImageStore.isAddress(path.getFileName().toString()))) {
			return files.map(file -> file.getFileName().toString()).toList();
		}
	}

	private List<Path> temporaryFiles() throws IOException {
		try (Stream<Path> files = Files.list(this.directory.resolve(".tmp"))) {
			return files.toList();
		}
	}

	static byte[] bytes(int length, int seed) {
		byte[] bytes = new byte[length];
		for (int i = 0; i < length; i++) {
			bytes[i] = (byte) (seed * 31 + i * 7);
		}
		bytes[0] = (byte) seed;
		bytes[length - 1] = (byte) (seed >> 8);
		return bytes;
	}

	static String sha256(byte[] bytes) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
	}

}
