package dev.newsprobe.jobs.report.internal;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.newsprobe.jobs.report.ReportFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A report directory: writes files so that a reader never sees half of one, removes the reports a
 * run no longer keeps, and writes {@code index.html} listing the reports it holds.
 */
public final class ReportDirectory {

	/** The index's file name. */
	public static final String INDEX = "index.html";

	private static final Logger logger = LoggerFactory.getLogger(ReportDirectory.class);

	/** Temporary files left by a writer that died are removed once this old. */
	private static final Duration ABANDONED = Duration.ofHours(1);

	private static final ObjectMapper JSON = new ObjectMapper();

	private final Path path;

	/** @param path the directory (created when missing by {@link #create()}) */
	public ReportDirectory(Path path) {
		this.path = path;
	}

	/** Creates the directory if missing. */
	public void create() {
		try {
			Files.createDirectories(this.path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot create the report directory " + this.path + " (" + ex.getMessage() + ")", ex);
		}
	}

	/**
	 * Writes a text file through a temporary one in the same directory (its own, so two commands
	 * writing the same report never mix), renamed over it when complete.
	 */
	public static <T> T replace(Path file, TextContent<T> content) {
		return replaceText(file, false, content);
	}

	/** As {@link #replace}, the text gzip-compressed. */
	public static <T> T replaceCompressed(Path file, TextContent<T> content) {
		return replaceText(file, true, content);
	}

	private static <T> T replaceText(Path file, boolean gzip, TextContent<T> content) {
		return replaceBytes(file, gzip, out -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
			T result = content.write(writer);
			writer.flush();
			return result;
		});
	}

	private static <T> T replaceBytes(Path file, boolean gzip, ByteContent<T> content) {
		Path temporary = null;
		try {
			// not Files.createTempFile: its owner-only permissions would stay on the report
			temporary = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
			T result;
			try (OutputStream raw = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
					OutputStream out = gzip ? fastGzip(raw) : raw) {
				result = content.write(out);
			}
			try {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
			return result;
		}
		catch (IOException ex) {
			try {
				if (temporary != null) {
					Files.deleteIfExists(temporary);
				}
			}
			catch (IOException suppressed) {
				ex.addSuppressed(suppressed);
			}
			throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Gzip at its fastest level: a CSV of repeated URLs and paths still shrinks about twentyfold,
	 * in a fraction of the time the default level takes on millions of rows.
	 */
	private static OutputStream fastGzip(OutputStream raw) throws IOException {
		return new GZIPOutputStream(raw, 1 << 16) {
			{
				this.def.setLevel(java.util.zip.Deflater.BEST_SPEED);
			}
		};
	}

	/**
	 * Removes the reports of one database beyond the newest {@code keep} (by execution id), and
	 * temporary files a writer that died left behind. Reports of other databases, and files whose
	 * names are not report names, are left alone.
	 * @param tag the database's tag
	 * @param keep how many executions' reports to keep; 0 keeps all
	 * @param current the execution just reported, kept whatever its id
	 * @return the files removed
	 */
	public List<Path> retain(String tag, int keep, long current) {
		List<Path> removed = new ArrayList<>();
		Map<Long, List<Path>> byExecution = new TreeMap<>(Comparator.reverseOrder());
		Instant abandoned = Instant.now().minus(ABANDONED);
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.path)) {
			for (Path file : files) {
				String name = file.getFileName().toString();
				ReportFiles.Name parsed = ReportFiles.Name.of(name);
				if (parsed != null && parsed.tag().equals(tag)) {
					byExecution.computeIfAbsent(parsed.executionId(), id -> new ArrayList<>()).add(file);
				}
				else if (name.startsWith(".") && name.endsWith(".tmp") && isReportTemporary(name)
						&& lastModified(file).toInstant().isBefore(abandoned)) {
					delete(file, removed);
				}
			}
		}
		catch (IOException ex) {
			logger.warn("Could not list the report directory {} to remove old reports: {}", this.path, ex.getMessage());
			return removed;
		}
		if (keep == 0) {
			return removed;
		}
		java.util.Set<Long> kept = new java.util.HashSet<>(byExecution.keySet().stream().limit(keep).toList());
		kept.add(current);
		byExecution.forEach((execution, paths) -> {
			if (!kept.contains(execution)) {
				paths.forEach(file -> delete(file, removed));
			}
		});
		return removed;
	}

	/**
	 * Writes {@code index.html}: every report in the directory (of any database), newest first,
	 * read back from their JSON. A JSON file that cannot be read is listed by its name only.
	 */
	public Path writeIndex() {
		List<HtmlIndex.Entry> entries = new ArrayList<>();
		TreeSet<String> names = new TreeSet<>();
		try (DirectoryStream<Path> files = Files.newDirectoryStream(this.path)) {
			files.forEach(file -> names.add(file.getFileName().toString()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the report directory " + this.path + ": " + ex.getMessage(), ex);
		}
		for (String name : names) {
			ReportFiles.Name parsed = ReportFiles.Name.of(name);
			if (parsed == null || !parsed.extension().equals("json")) {
				continue;
			}
			entries.add(entry(parsed, names));
		}
		entries.sort(HtmlIndex.NEWEST_FIRST);
		Path index = this.path.resolve(INDEX);
		replace(index, out -> {
			out.write(HtmlIndex.render(entries));
			return null;
		});
		return index;
	}

	private HtmlIndex.Entry entry(ReportFiles.Name name, java.util.Set<String> names) {
		String tag = name.tag();
		long id = name.executionId();
		String html = ReportFiles.name(tag, id, "html");
		String markdown = ReportFiles.name(tag, id, "md");
		String json = ReportFiles.name(tag, id, "json");
		String csv = ReportFiles.csvName(tag, id);
		HtmlIndex.Files files = new HtmlIndex.Files(names.contains(html) ? html : null,
				names.contains(markdown) ? markdown : null, json, names.contains(csv) ? csv : null);
		try {
			JsonNode root = JSON.readTree(this.path.resolve(json).toFile());
			JsonNode run = root.path("run");
			List<String> roots = new ArrayList<>();
			run.path("roots").forEach(node -> roots.add(node.asText()));
			return new HtmlIndex.Entry(tag, id, text(run.path("database").path("name")), roots, text(run.path("status")),
					text(run.path("runDate")), text(run.path("startTime")), text(run.path("endTime")),
					number(root.path("urls").path("total")), number(root.path("urls").path("byClass").path("broken")),
					number(root.path("headline").path("newlyBroken")), number(root.path("headline").path("fixed")),
					number(root.path("rejectedFiles").path("total")), files);
		}
		catch (IOException | RuntimeException ex) {
			logger.warn("Could not read report {} for the index: {}", json, ex.getMessage());
			return new HtmlIndex.Entry(tag, id, null, List.of(), null, null, null, null, null, null, null, null, null,
					files);
		}
	}

	private static boolean isReportTemporary(String name) {
		return name.startsWith(".report-") || name.startsWith(".broken-links-") || name.startsWith("." + INDEX + ".");
	}

	private static FileTime lastModified(Path file) {
		try {
			return Files.getLastModifiedTime(file);
		}
		catch (IOException ex) {
			return FileTime.from(Instant.now());
		}
	}

	private void delete(Path file, List<Path> removed) {
		try {
			if (Files.deleteIfExists(file)) {
				removed.add(file);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not remove old report file {}: {}", file, ex.getMessage());
		}
	}

	private static String text(JsonNode node) {
		return (node == null || node.isNull() || node.isMissingNode()) ? null : node.asText();
	}

	private static Long number(JsonNode node) {
		return (node == null || !node.isNumber()) ? null : node.asLong();
	}

	/** Writes a file's text, returning what the caller wants to know of it. */
	@FunctionalInterface
	public interface TextContent<T> {

		T write(Writer out) throws IOException;

	}

	@FunctionalInterface
	private interface ByteContent<T> {

		T write(OutputStream out) throws IOException;

	}

}
