package dev.newsprobe.core.writeback;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.writeback.FileRewriter.RefusedException;
import dev.newsprobe.core.writeback.FileRewriter.Refusal;
import dev.newsprobe.core.writeback.FileRewriter.Snapshot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FileRewriterTests {

	private static final byte[] OLD = "---\r\nimages:\r\n  - url: https://img.example/1.jpg\r\n    isCached: false\r\n---\r\nbody\r\n"
		.getBytes(StandardCharsets.UTF_8);

	private static final byte[] NEW = "---\r\nimages:\r\n  - url: https://img.example/1.jpg\r\n    isCached: true\r\n---\r\nbody\r\n"
		.getBytes(StandardCharsets.UTF_8);

	@TempDir
	Path dir;

	@Test
	void aFileIsReplacedAndKeepsItsPermissions() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("2024/a.md"), OLD);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);

		Snapshot snapshot = rewriter.read(file);
		String hash = rewriter.replace(snapshot, NEW);

		assertThat(snapshot.contentHash()).isEqualTo(ArticleParser.sha256(OLD));
		assertThat(Files.readAllBytes(file)).isEqualTo(NEW);
		assertThat(hash).isEqualTo(ArticleParser.sha256(NEW));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-r-----");
		assertThat(list(file.getParent())).containsExactly("a.md");
	}

	@Test
	void aFileKeepsItsOwnerAndGroupAsWellAsItsPermissions() throws Exception {
		// given a file of another owner and group (the tests run as a user allowed to chown, or they say so)
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("a.md"), OLD);
		Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-rw-r--"));
		int owner = 4242;
		int group = 4343;
		assumeCanChown(file, owner, group);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);

		// when
		rewriter.replace(rewriter.read(file), NEW);

		// then
		assertThat(Files.readAllBytes(file)).isEqualTo(NEW);
		assertThat(Files.getAttribute(file, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS)).isEqualTo(owner);
		assertThat(Files.getAttribute(file, "unix:gid", java.nio.file.LinkOption.NOFOLLOW_LINKS)).isEqualTo(group);
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-rw-r--");
	}

	@Test
	void aFileWithSeveralNamesIsRefusedSoThatNoNameKeepsTheOldContentSilently() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("a.md"), OLD);
		Path otherName = Files.createLink(root.resolve("same-file.md"), file);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);

		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.read(file)).satisfies(ex -> {
			assertThat(ex.refusal()).isEqualTo(Refusal.HARD_LINKS);
			assertThat(ex.getMessage()).endsWith("has 2 names (hard links); replacing it through one name would leave the others"
					+ " with the old content, so it is left as it is");
		});
		assertThat(Files.readAllBytes(file)).isEqualTo(OLD);
		assertThat(Files.readAllBytes(otherName)).isEqualTo(OLD);
	}

	@Test
	void aHardLinkMadeAfterTheReadIsRefusedBeforeTheRename() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("a.md"), OLD);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);
		Snapshot snapshot = rewriter.read(file);
		Files.createLink(root.resolve("later.md"), file);

		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.replace(snapshot, NEW))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.HARD_LINKS));
		assertThat(Files.readAllBytes(file)).isEqualTo(OLD);
		assertThat(list(root)).containsExactlyInAnyOrder("a.md", "later.md");
	}

	private static void assumeCanChown(Path file, int owner, int group) {
		try {
			Files.setAttribute(file, "unix:uid", owner);
			Files.setAttribute(file, "unix:gid", group);
		}
		catch (IOException | UnsupportedOperationException ex) {
			org.junit.jupiter.api.Assumptions.abort("this user may not give files away (" + ex + "); run the tests as root"
					+ " (as CI does) to check that write-back keeps a file's owner and group");
		}
	}

	@Test
	void aFailedRenameLeavesTheOldFileIntactAndNoTempBehind() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("a.md"), OLD);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20, (temp, target) -> {
			assertThat(Files.readAllBytes(temp)).isEqualTo(NEW);
			throw new IOException("disk pulled out");
		});

		Snapshot snapshot = rewriter.read(file);

		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.replace(snapshot, NEW))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.IO_ERROR))
			.withMessageContaining("disk pulled out");
		assertThat(Files.readAllBytes(file)).isEqualTo(OLD);
		assertThat(list(root)).containsExactly("a.md");
	}

	@Test
	void aCrashBetweenTempFileAndRenameLeavesTheOldFileAndTheNextRunRemovesTheTemp() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("sub/a.md"), OLD);
		AtomicReference<String> left = new AtomicReference<>();
		// The process dies right before the rename: what a crash leaves on disk is the written temp file.
		FileRewriter crashing = new FileRewriter(List.of(root), 1 << 20, (temp, target) -> {
			Path survivor = temp.resolveSibling(".newsprobe-424242.tmp");
			Files.createLink(survivor, temp);
			left.set(survivor.getFileName().toString());
			throw new IllegalStateException("killed");
		});

		Snapshot snapshot = crashing.read(file);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> crashing.replace(snapshot, NEW));

		assertThat(Files.readAllBytes(file)).isEqualTo(OLD);
		assertThat(list(file.getParent())).containsExactlyInAnyOrder("a.md", left.get());
		assertThat(FileRewriter.removeStaleTemps(root)).isEqualTo(1);
		assertThat(list(file.getParent())).containsExactly("a.md");
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);
		rewriter.replace(rewriter.read(file), NEW);
		assertThat(Files.readAllBytes(file)).isEqualTo(NEW);
	}

	@Test
	void aFileChangedOnDiskAfterItWasReadIsLeftAlone() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("a.md"), OLD);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);
		Snapshot snapshot = rewriter.read(file);
		byte[] edited = "---\r\ntitle: edited by a person\r\n---\r\n".getBytes(StandardCharsets.UTF_8);
		Files.write(file, edited);

		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.replace(snapshot, NEW))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.CHANGED_ON_DISK))
			.withMessageContaining("changed on disk since it was read");
		assertThat(Files.readAllBytes(file)).isEqualTo(edited);
		assertThat(list(root)).containsExactly("a.md");
	}

	@Test
	void aSymlinkOutOfTheRootIsRefusedAndWhatItPointsToIsUntouched() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path outside = Files.createDirectories(this.dir.resolve("elsewhere"));
		Path target = write(outside.resolve("secret.md"), OLD);
		Files.createSymbolicLink(root.resolve("linked.md"), target);
		Files.createSymbolicLink(root.resolve("linked-dir"), outside);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);

		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.read(root.resolve("linked.md")))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.SYMLINK))
			.withMessageContaining("is a symbolic link");
		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.read(root.resolve("linked-dir/secret.md")))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.SYMLINK))
			.withMessageContaining("outside the input roots");
		assertThat(Files.readAllBytes(target)).isEqualTo(OLD);
		assertThat(list(outside)).containsExactly("secret.md");
	}

	@Test
	void aSymlinkSwappedInAfterReadingIsRefusedAtReplaceTime() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path outside = Files.createDirectories(this.dir.resolve("elsewhere"));
		write(outside.resolve("a.md"), OLD);
		Path sub = Files.createDirectories(root.resolve("sub"));
		Path file = write(sub.resolve("a.md"), OLD);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);
		Snapshot snapshot = rewriter.read(file);
		Files.delete(file);
		Files.delete(sub);
		Files.createSymbolicLink(sub, outside);

		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.replace(snapshot, NEW))
			.satisfies(ex -> assertThat(ex.refusal()).isIn(Refusal.SYMLINK, Refusal.GONE));
		assertThat(Files.readAllBytes(outside.resolve("a.md"))).isEqualTo(OLD);
	}

	@Test
	void aSymlinkedDirectoryThatStaysInsideTheRootsIsFollowed() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path file = write(root.resolve("real/a.md"), OLD);
		Files.createSymbolicLink(root.resolve("alias"), root.resolve("real"));
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);

		rewriter.replace(rewriter.read(root.resolve("alias/a.md")), NEW);

		assertThat(Files.readAllBytes(file)).isEqualTo(NEW);
		assertThat(Files.isSymbolicLink(root.resolve("alias"))).isTrue();
	}

	@Test
	void aRootThatIsItselfASymlinkIsFollowed() throws Exception {
		Path real = Files.createDirectories(this.dir.resolve("data/archive"));
		Path root = Files.createSymbolicLink(this.dir.resolve("archive"), real);
		write(real.resolve("a.md"), OLD);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);

		rewriter.replace(rewriter.read(root.resolve("a.md")), NEW);

		assertThat(Files.readAllBytes(real.resolve("a.md"))).isEqualTo(NEW);
		assertThat(Files.isSymbolicLink(root)).isTrue();
	}

	@Test
	void aPathOutsideTheRootsOrEscapingWithDotsIsRefused() throws Exception {
		Path root = Files.createDirectories(this.dir.resolve("archive"));
		Path outside = write(this.dir.resolve("other.md"), OLD);
		FileRewriter rewriter = new FileRewriter(List.of(root), 1 << 20);

		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.read(outside))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.OUTSIDE_ROOTS));
		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.read(root.resolve("../other.md")))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.OUTSIDE_ROOTS));
		assertThatExceptionOfType(RefusedException.class).isThrownBy(() -> rewriter.read(root.resolve("missing.md")))
			.satisfies(ex -> assertThat(ex.refusal()).isEqualTo(Refusal.GONE));
		assertThat(Files.readAllBytes(outside)).isEqualTo(OLD);
	}

	private static Path write(Path file, byte[] bytes) throws IOException {
		Files.createDirectories(file.getParent());
		return Files.write(file, bytes);
	}

	private static List<String> list(Path dir) throws IOException {
		try (Stream<Path> files = Files.list(dir)) {
			return files.filter(Files::isRegularFile).map(path -> path.getFileName().toString()).sorted().toList();
		}
	}

}
