package dev.newsprobe.jobs.store;

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The image store's settings, and what a user gets for wrong ones. */
class StorePropertiesTests {

	@TempDir
	Path home;

	@Test
	void theDirectoryDefaultsToImagesUnderTheHomeDirectory() {
		StoreProperties properties = properties(null, "10GB", "20MB");

		assertThat(properties.directoryUnder(this.home.toString())).isEqualTo(this.home.resolve("images"));
		assertThat(properties.directoryUnder(null)).isEqualTo(Path.of(".newsprobe", "images").toAbsolutePath());
		assertThat(properties(this.home.resolve("elsewhere"), "10GB", "20MB").directoryUnder("ignored"))
			.isEqualTo(this.home.resolve("elsewhere"));
	}

	@Test
	void capsThatCannotWorkAreRefusedWithTheSettingsNamed() {
		assertThatIllegalArgumentException().isThrownBy(() -> properties(null, "0B", "0B"))
			.withMessageContaining("newsprobe.store.max-bytes");
		assertThatIllegalArgumentException().isThrownBy(() -> properties(null, "1MB", "2MB"))
			.withMessageContaining("newsprobe.store.max-image-bytes (2097152B) must not be larger than newsprobe.store.max-bytes (1048576B)");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new StoreProperties(true, null, DataSize.parse("1MB"), DataSize.parse("1KB"), Duration.ofDays(1),
					Duration.ofDays(1), 0))
			.withMessageContaining("newsprobe.store.chunk-size");
	}

	@Test
	void aDirectoryThatCannotBeUsedIsAClearErrorNamingTheSetting() throws Exception {
		Path file = Files.writeString(this.home.resolve("not-a-directory"), "x");
		try (ImageStoreProvider provider = new ImageStoreProvider(properties(file, "1MB", "1KB"), file)) {
			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(provider::store)
				.withMessageContaining("cannot open the image store (newsprobe.store.directory) at " + file);
		}
	}

	@Test
	void aStoreInUseIsAClearError() throws Exception {
		Path directory = this.home.resolve("images");
		try (ImageStoreProvider first = new ImageStoreProvider(properties(directory, "1MB", "1KB"), directory);
				ImageStoreProvider second = new ImageStoreProvider(properties(directory, "1MB", "1KB"), directory)) {
			first.store();

			assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(second::store)
				.withMessageContaining("already open");
		}
	}

	private static StoreProperties properties(Path directory, String maxBytes, String maxImageBytes) {
		return new StoreProperties(true, directory, DataSize.parse(maxBytes), DataSize.parse(maxImageBytes),
				Duration.ofDays(7), Duration.ofDays(1), 50);
	}

}
