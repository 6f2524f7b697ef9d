package dev.newsprobe.jobs.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;

import dev.newsprobe.core.article.Article;
import dev.newsprobe.core.article.ArticleParser;
import dev.newsprobe.core.article.ParseResult;
import dev.newsprobe.core.frontmatter.FrontMatterLimits;
import dev.newsprobe.core.writeback.Edit;
import dev.newsprobe.core.writeback.EditResult;
import dev.newsprobe.core.writeback.FieldPath;
import dev.newsprobe.core.writeback.FileRewriter;
import dev.newsprobe.core.writeback.FileRewriter.Snapshot;
import dev.newsprobe.core.writeback.FrontMatterEditor;

/**
 * The write-back benchmark: what one file costs to write back, without the database. On N
 * generated seed-shaped articles (the ingest benchmark's generator: about 5 KiB, four images, every
 * {@code isCached: true}) it measures, after a warm-up pass of each, every pass over all files in one JVM:
 * <ol>
 * <li>parse only (the article parser), for scale;</li>
 * <li>prepare: read through the rewriter's checks, parse, and edit every image's flag to
 * {@code false} in memory;</li>
 * <li>write: the same and replace each file atomically (temp file, fsync, rename, directory fsync).</li>
 * </ol>
 * It prints files/s per pass and checks the result: every file still parses, every flag is now
 * false, and each file differs from the original by exactly the flags. Not a test (Surefire skips
 * {@code *Benchmark}): run it with {@code bench/write-back.sh}; exits 1 when the result is wrong.
 */
public final class WriteBackBenchmark {

	private WriteBackBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int files = (args.length == 2 && args[0].equals("--files")) ? Integer.parseInt(args[1]) : 20_000;
		Path root = Path.of(System.getProperty("newsprobe.bench.dir", "target/bench-write-back")).toAbsolutePath()
			.resolve("files-" + files);
		List<Path> paths = generate(root, files);
		ArticleParser parser = new ArticleParser(FrontMatterLimits.DEFAULTS);
		FrontMatterEditor editor = new FrontMatterEditor(FrontMatterLimits.DEFAULTS);
		FileRewriter rewriter = new FileRewriter(List.of(root), FrontMatterLimits.DEFAULTS.maxFileBytes());
		long[] edits = new long[1];

		pass("parse only (warm-up)", paths, file -> parser.parse(file));
		pass("prepare (warm-up)", paths, file -> prepare(file, parser, editor, rewriter, null));
		double parseOnly = pass("parse only", paths, file -> parser.parse(file));
		double prepare = pass("prepare: read, parse, edit", paths, file -> prepare(file, parser, editor, rewriter, null));
		double write = pass("write: prepare + atomic replace", paths, file -> prepare(file, parser, editor, rewriter, edits));

		int wrong = 0;
		for (Path file : paths) {
			ParseResult result = parser.parse(file);
			if (!(result instanceof ParseResult.Parsed parsed) || images(parsed.article()).stream().anyMatch(flag -> flag)) {
				wrong++;
			}
		}
		System.out.printf(Locale.ROOT, "%,d files, %,d values changed (%.1f per file)%n", files, edits[0],
				edits[0] / (double) files);
		System.out.printf(Locale.ROOT, "prepare / parse-only %.2f, write / prepare %.2f%n", prepare / parseOnly, write / prepare);
		if (wrong > 0 || edits[0] == 0) {
			System.out.printf("WRONG: %d files do not read back with every flag false%n", wrong);
			System.exit(1);
		}
	}

	private static void prepare(Path file, ArticleParser parser, FrontMatterEditor editor, FileRewriter rewriter, long[] edits) {
		try {
			Snapshot snapshot = rewriter.read(file);
			ParseResult result = parser.parse(file.toString(), snapshot.bytes());
			Article article = ((ParseResult.Parsed) result).article();
			List<Edit> flags = new ArrayList<>();
			for (int i = 0; i < article.images().size(); i++) {
				flags.add(Edit.flag(FieldPath.image(null, i, "isCached"), false));
			}
			for (int r = 0; r < article.related().size(); r++) {
				for (int i = 0; i < article.related().get(r).images().size(); i++) {
					flags.add(Edit.flag(FieldPath.image(r, i, "isCached"), false));
				}
			}
			EditResult edited = editor.edit(snapshot.bytes(), flags);
			if (!edited.refusals().isEmpty()) {
				throw new IllegalStateException(file + ": " + edited.refusals());
			}
			if (edits != null) {
				if (edited.changed()) {
					rewriter.replace(snapshot, edited.bytes());
				}
				edits[0] += edited.changes().size();
			}
		}
		catch (FileRewriter.RefusedException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static List<Boolean> images(Article article) {
		List<Boolean> flags = new ArrayList<>();
		article.images().forEach(image -> flags.add(Boolean.TRUE.equals(image.declaredIsCached())));
		article.related().forEach(related -> related.images()
			.forEach(image -> flags.add(Boolean.TRUE.equals(image.declaredIsCached()))));
		return flags;
	}

	private static double pass(String name, List<Path> paths, Consumer<Path> work) {
		long start = System.nanoTime();
		for (Path file : paths) {
			work.accept(file);
		}
		double seconds = (System.nanoTime() - start) / 1e9;
		double rate = paths.size() / seconds;
		System.out.printf(Locale.ROOT, "%-34s %,10.0f files/s  (%.2f s, %.3f ms per file)%n", name, rate, seconds,
				seconds * 1000 / paths.size());
		return rate;
	}

	private static List<Path> generate(Path root, int files) throws IOException {
		List<Path> paths = new ArrayList<>(files);
		for (int n = 0; n < files; n++) {
			Path file = root.resolve(String.format("%03d/article-%07d.md", n % 500, n));
			Files.createDirectories(file.getParent());
			Files.write(file, IngestBenchmark.ArchiveGenerator.article(n, files).getBytes(StandardCharsets.UTF_8));
			paths.add(file);
		}
		return paths;
	}

}
