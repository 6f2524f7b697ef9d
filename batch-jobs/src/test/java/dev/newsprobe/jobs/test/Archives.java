package dev.newsprobe.jobs.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Article archives for tests: copies of the repository's sample archive and generated ones. */
public final class Archives {

	private Archives() {
	}

	/** The repository's {@code samples/articles}, found from the module directory tests run in. */
	public static Path samples() {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path samples = dir.resolve("samples").resolve("articles");
			if (Files.isDirectory(samples)) {
				return samples;
			}
		}
		throw new IllegalStateException("samples/articles not found above " + Path.of("").toAbsolutePath());
	}

	/**
	 * The expected outcome of each sample file, from the table in {@code samples/README.md}:
	 * {@code ingested}, {@code ingested with warning CODE} or {@code rejected CODE}, by path
	 * relative to {@code samples/articles}.
	 */
	public static java.util.Map<String, String> expectedOutcomes() {
		java.util.Map<String, String> outcomes = new java.util.TreeMap<>();
		try {
			for (String line : Files.readAllLines(samples().getParent().resolve("README.md"))) {
				String[] cells = line.split("\\|");
				if (cells.length >= 3 && cells[1].strip().startsWith("`")) {
					outcomes.put(cells[1].strip().replace("`", ""), cells[2].strip());
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return outcomes;
	}

	/** Copies the sample archive under a directory, so a test may change it freely. */
	public static Path copyOfSamples(Path into) {
		Path source = samples();
		Path target = into.resolve("articles");
		try (Stream<Path> files = Files.walk(source)) {
			for (Path file : (Iterable<Path>) files::iterator) {
				Path copy = target.resolve(source.relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return target;
	}

	/**
	 * Writes a clean article file.
	 * @param file where
	 * @param n a number making its URLs and title unique
	 */
	public static void writeArticle(Path file, int n) {
		String text = """
				---
				title: "Generated article %1$d"
				publishedDateTime: 2024-01-02T03:04:05Z
				webUrl: "https://news%2$d.example/story/%1$d/"
				ampWebUrl: "https://news%2$d.example/story/%1$d/amp/"
				cdnAmpWebUrl: "https://news%2$d-example.cdn.ampproject.org/c/s/news%2$d.example/story/%1$d/amp/"
				provider:
				  name: News %2$d
				  domain: news%2$d.example
				images:
				  - url: "https://img.news%2$d.example/%1$d.jpg"
				    width: 800
				    height: 600
				    isCached: true
				---
				Body of article %1$d, citing [a source](https://source.example/%1$d).
				""".formatted(n, n % 7);
		try {
			Files.createDirectories(file.getParent());
			Files.writeString(file, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
