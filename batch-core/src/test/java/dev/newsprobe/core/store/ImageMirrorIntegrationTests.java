package dev.newsprobe.core.store;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.newsprobe.core.store.FetchOutcome;
import dev.newsprobe.core.http.NetworkRange;
import dev.newsprobe.core.probe.ProbePolicy;
import dev.newsprobe.core.probe.fixture.FixtureWeb;
import dev.newsprobe.core.probe.fixture.Fixtures;
import dev.newsprobe.core.probe.fixture.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mirroring images from a local fixture web into a directory store through the guarded HTTP layer
 * ({@link ImageDownloader}): what is stored, what is refused and why, and how held copies are revalidated.
 */
class ImageMirrorIntegrationTests {

	static final long MAX_IMAGE_BYTES = 20_000;

	@TempDir
	Path directory;

	FixtureWeb web;

	DirectoryImageStore store;

	ImageDownloader downloader;

	ImageMirror mirror;

	@BeforeEach
	void start() throws Exception {
		this.web = FixtureWeb.start();
		this.store = DirectoryImageStore.open(this.directory, 1_000_000);
		this.downloader = downloader(List.of(NetworkRange.parse("127.0.0.1/32")));
		this.mirror = new ImageMirror(this.downloader, this.store, MAX_IMAGE_BYTES);
	}

	@AfterEach
	void stop() throws Exception {
		this.downloader.close();
		this.store.close();
		this.web.close();
	}

	@Test
	void aRealImageIsStoredByteForByteUnderItsContentAddress() throws Exception {
		byte[] png = Fixtures.png(40, 30);
		this.web.route("/a.png", Response.image(png, "image/png").header("ETag", "\"v1\""));

		MirrorOutcome outcome = this.mirror.mirror(this.web.url("/a.png"), null).join();

		assertThat(outcome.state()).isEqualTo(CopyState.HELD);
		assertThat(outcome.verified()).isTrue();
		ImageCopy copy = outcome.copy();
		assertThat(copy.sha256()).isEqualTo(DirectoryImageStoreTests.sha256(png));
		assertThat(copy.size()).isEqualTo(png.length);
		assertThat(copy.format()).isEqualTo("png");
		assertThat(copy.width()).isEqualTo(40);
		assertThat(copy.height()).isEqualTo(30);
		assertThat(copy.etag()).isEqualTo("\"v1\"");
		try (InputStream in = this.store.open(copy.sha256()).orElseThrow()) {
			assertThat(in.readAllBytes()).isEqualTo(png);
		}
		Map<String, String> headers = this.web.requestHeaders("/a.png");
		assertThat(headers.get("User-Agent")).isEqualTo("newsprobe-tests/0.1");
		assertThat(headers).doesNotContainKey("If-None-Match");
	}

	@Test
	void anImageBehindRedirectsOnItsOwnHostIsFetchedOverOneKeptAliveConnection() throws Exception {
		byte[] png = Fixtures.png(40, 30);
		this.web.route("/old.png", Response.redirect(301, this.web.url("/moved.png")));
		this.web.route("/moved.png", Response.redirect(302, this.web.url("/a.png")));
		this.web.route("/a.png", Response.image(png, "image/png"));

		MirrorOutcome outcome = this.mirror.mirror(this.web.url("/old.png"), null).join();

		assertThat(outcome.state()).isEqualTo(CopyState.HELD);
		assertThat(outcome.copy().sha256()).isEqualTo(DirectoryImageStoreTests.sha256(png));
		// each hop waits for the connection to be back in the pool, so it is reused, never raced
		assertThat(this.web.totalRequests()).isEqualTo(3);
		assertThat(this.web.connectionsOpened()).isEqualTo(1);
	}

	@Test
	void somethingThatIsNotAnImageIsNotStoredWhateverItsContentType() throws Exception {
		this.web.route("/fake.jpg", Response.ok("image/jpeg", "<html><title>Not found</title></html>"));

		MirrorOutcome outcome = this.mirror.mirror(this.web.url("/fake.jpg"), null).join();

		assertThat(outcome.state()).isEqualTo(CopyState.REFUSED);
		assertThat(outcome.fetch()).isEqualTo(FetchOutcome.NOT_AN_IMAGE);
		assertThat(outcome.reason()).contains("not an image");
		assertThat(outcome.copy()).isNull();
		assertNothingStored();
	}

	@Test
	void aBodyLargerThanTheCapIsNotStoredWhetherItSaysSoOrNot() throws Exception {
		byte[] padded = java.util.Arrays.copyOf(Fixtures.png(10, 10), (int) MAX_IMAGE_BYTES + 5000);
		this.web.route("/declared.png", Response.image(padded, "image/png"))
			.route("/chunked.png", Response.ok("image/png", padded).chunked());

		MirrorOutcome declared = this.mirror.mirror(this.web.url("/declared.png"), null).join();
		MirrorOutcome chunked = this.mirror.mirror(this.web.url("/chunked.png"), null).join();

		assertThat(declared.state()).isEqualTo(CopyState.REFUSED);
		assertThat(declared.fetch()).isEqualTo(FetchOutcome.TOO_LARGE);
		assertThat(declared.reason()).contains("declared " + padded.length + " bytes", "cap of " + MAX_IMAGE_BYTES);
		assertThat(chunked.state()).isEqualTo(CopyState.REFUSED);
		assertThat(chunked.fetch()).isEqualTo(FetchOutcome.TOO_LARGE);
		assertThat(chunked.reason()).contains("larger than the cap of " + MAX_IMAGE_BYTES);
		assertNothingStored();
	}

	@Test
	void aBodyThatBreaksOffIsNotStored() throws Exception {
		byte[] jpeg = Fixtures.jpeg(300, 200);
		this.web.route("/cut.jpg", Response.image(jpeg, "image/jpeg").resetAfter(jpeg.length / 2));

		MirrorOutcome outcome = this.mirror.mirror(this.web.url("/cut.jpg"), null).join();

		assertThat(outcome.state()).isEqualTo(CopyState.FAILED);
		assertNothingStored();
	}

	@Test
	void a304KeepsTheCopyAndCountsAsVerified() throws Exception {
		byte[] png = Fixtures.png(40, 30);
		this.web.sequence("/a.png", Response.image(png, "image/png").header("ETag", "\"v1\""),
				Response.status(304).header("ETag", "\"v1\""));
		ImageCopy held = this.mirror.mirror(this.web.url("/a.png"), null).join().copy();

		MirrorOutcome refreshed = this.mirror.mirror(this.web.url("/a.png"), held).join();

		assertThat(this.web.requestHeaders("/a.png")).containsEntry("If-None-Match", "\"v1\"");
		assertThat(refreshed.state()).isEqualTo(CopyState.HELD);
		assertThat(refreshed.fetch()).isEqualTo(FetchOutcome.NOT_MODIFIED);
		assertThat(refreshed.copy().sha256()).isEqualTo(held.sha256());
		assertThat(refreshed.copy().verifiedAt()).isAfterOrEqualTo(held.verifiedAt());
		assertThat(refreshed.released()).isNull();
		assertThat(this.store.has(held.sha256())).isTrue();
	}

	@Test
	void a200ReplacesTheCopyWithTheNewBytes() throws Exception {
		byte[] before = Fixtures.png(40, 30);
		byte[] after = Fixtures.png(80, 60);
		this.web.sequence("/a.png", Response.image(before, "image/png").header("Last-Modified", "Mon, 02 Nov 2026 10:00:00 GMT"),
				Response.image(after, "image/png").header("Last-Modified", "Wed, 25 Nov 2026 10:00:00 GMT"));
		ImageCopy held = this.mirror.mirror(this.web.url("/a.png"), null).join().copy();

		MirrorOutcome refreshed = this.mirror.mirror(this.web.url("/a.png"), held).join();

		assertThat(this.web.requestHeaders("/a.png")).containsEntry("If-Modified-Since", "Mon, 02 Nov 2026 10:00:00 GMT");
		assertThat(refreshed.state()).isEqualTo(CopyState.HELD);
		assertThat(refreshed.copy().sha256()).isEqualTo(DirectoryImageStoreTests.sha256(after)).isNotEqualTo(held.sha256());
		assertThat(refreshed.copy().width()).isEqualTo(80);
		assertThat(refreshed.released()).as("the old bytes may go once no other URL holds them").isEqualTo(held.sha256());
		assertThat(this.store.has(refreshed.copy().sha256())).isTrue();
	}

	@Test
	void a404Or410EvictsTheCopy() throws Exception {
		this.web.sequence("/404.png", Response.image(Fixtures.png(4, 4), "image/png"), Response.status(404))
			.sequence("/410.png", Response.image(Fixtures.png(5, 5), "image/png"), Response.status(410));
		ImageCopy held404 = this.mirror.mirror(this.web.url("/404.png"), null).join().copy();
		ImageCopy held410 = this.mirror.mirror(this.web.url("/410.png"), null).join().copy();

		MirrorOutcome gone404 = this.mirror.mirror(this.web.url("/404.png"), held404).join();
		MirrorOutcome gone410 = this.mirror.mirror(this.web.url("/410.png"), held410).join();

		assertThat(gone404.state()).isEqualTo(CopyState.GONE);
		assertThat(gone404.copy()).isNull();
		assertThat(gone404.released()).isEqualTo(held404.sha256());
		assertThat(gone404.reason()).startsWith("evicted: 404");
		assertThat(gone410.state()).isEqualTo(CopyState.GONE);
		assertThat(gone410.released()).isEqualTo(held410.sha256());
	}

	@Test
	void otherFailuresKeepTheCopyButMarkItStale() throws Exception {
		this.web.sequence("/a.png", Response.image(Fixtures.png(4, 4), "image/png"), Response.status(503));
		ImageCopy held = this.mirror.mirror(this.web.url("/a.png"), null).join().copy();

		MirrorOutcome refreshed = this.mirror.mirror(this.web.url("/a.png"), held).join();

		assertThat(refreshed.state()).isEqualTo(CopyState.STALE);
		assertThat(refreshed.copy()).isEqualTo(held);
		assertThat(refreshed.released()).isNull();
		assertThat(refreshed.reason()).contains("503");
		assertThat(this.store.has(held.sha256())).isTrue();
	}

	@Test
	void aCopyWhoseBytesLeftTheStoreIsFetchedAgainWithoutValidators() throws Exception {
		byte[] png = Fixtures.png(40, 30);
		this.web.route("/a.png", Response.image(png, "image/png").header("ETag", "\"v1\""));
		ImageCopy held = this.mirror.mirror(this.web.url("/a.png"), null).join().copy();
		this.store.evict(held.sha256());

		MirrorOutcome again = this.mirror.mirror(this.web.url("/a.png"), held).join();

		assertThat(this.web.requestHeaders("/a.png")).doesNotContainKey("If-None-Match");
		assertThat(again.state()).isEqualTo(CopyState.HELD);
		assertThat(this.store.has(held.sha256())).isTrue();
	}

	@Test
	void aForbiddenAddressIsNeverFetchedNorARedirectToOne() throws Exception {
		this.web.route("/a.png", Response.image(Fixtures.png(4, 4), "image/png"));
		try (FixtureWeb inner = FixtureWeb.start("127.0.0.2");
				ImageDownloader guarded = downloader(List.of())) {
			inner.route("/secret.png", Response.image(Fixtures.png(4, 4), "image/png"));
			this.web.route("/to-inner.png", Response.redirect(302, inner.url("/secret.png")));

			MirrorOutcome direct = new ImageMirror(guarded, this.store, MAX_IMAGE_BYTES).mirror(this.web.url("/a.png"), null)
				.join();
			MirrorOutcome redirected = this.mirror.mirror(this.web.url("/to-inner.png"), null).join();

			assertThat(direct.fetch()).isEqualTo(FetchOutcome.FORBIDDEN_ADDRESS);
			assertThat(direct.state()).isEqualTo(CopyState.REFUSED);
			assertThat(direct.reason()).contains("loopback");
			assertThat(redirected.fetch()).isEqualTo(FetchOutcome.FORBIDDEN_ADDRESS);
			assertThat(this.web.hits("/a.png")).isZero();
			assertThat(inner.totalRequests()).isZero();
			assertNothingStored();
		}
	}

	private void assertNothingStored() throws Exception {
		assertThat(this.store.count()).isZero();
		try (Stream<Path> temp = Files.list(this.directory.resolve(".tmp"))) {
			assertThat(temp).as("no temporary file left").isEmpty();
		}
	}

	static ImageDownloader downloader(List<NetworkRange> allowed) {
		ProbePolicy policy = policy(allowed);
		return new ImageDownloader(policy.http(), policy.imageSniffBytes());
	}

	static ProbePolicy policy(List<NetworkRange> allowed) {
		return new ProbePolicy(16, 4, Duration.ZERO, Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5), 2,
				Duration.ofMillis(50), Duration.ofSeconds(1), 10, 256 * 1024, 64 * 1024, "newsprobe-tests/0.1", Map.of(),
				allowed);
	}

}
