package dev.newsprobe.jobs.ingest.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Walks input roots depth first, each directory's entries sorted by name, yielding article files
 * ({@code *.md}, {@code *.markdown}). The order is stable between runs, which is what lets a
 * restart resume after the last committed file, and memory is bounded by the largest directory,
 * not by the archive. Symbolic links are not followed and hidden entries (names starting with a
 * dot) are skipped: a link could leave the archive or loop, and hidden folders hold tool state.
 */
public final class SortedFileWalk implements Iterator<SortedFileWalk.Entry> {

	/**
	 * A file found, or a directory that could not be listed.
	 *
	 * @param root the index of the input root it was found under
	 * @param file the file or directory
	 * @param problem why the directory could not be listed, or {@code null} for a file
	 */
	public record Entry(int root, Path file, String problem) {
	}

	private final List<Path> roots;

	private final Deque<Iterator<Path>> stack = new ArrayDeque<>();

	private int rootIndex = -1;

	private Entry next;

	public SortedFileWalk(List<Path> roots) {
		this.roots = List.copyOf(roots);
	}

	@Override
	public boolean hasNext() {
		if (this.next == null) {
			this.next = advance();
		}
		return this.next != null;
	}

	@Override
	public Entry next() {
		if (!hasNext()) {
			throw new NoSuchElementException();
		}
		Entry entry = this.next;
		this.next = null;
		return entry;
	}

	/** Whether a file name is an article file's. */
	public static boolean isArticleFile(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".md") || name.endsWith(".markdown");
	}

	/**
	 * Compares two files in walk order: by root, then path component by component.
	 * @return negative, zero or positive as {@code a} comes before, at or after {@code b}
	 */
	public static int compare(int rootA, Path relativeA, int rootB, Path relativeB) {
		if (rootA != rootB) {
			return Integer.compare(rootA, rootB);
		}
		int count = Math.min(relativeA.getNameCount(), relativeB.getNameCount());
		for (int i = 0; i < count; i++) {
			int order = relativeA.getName(i).toString().compareTo(relativeB.getName(i).toString());
			if (order != 0) {
				return order;
			}
		}
		return Integer.compare(relativeA.getNameCount(), relativeB.getNameCount());
	}

	/** The root a walk entry was found under. */
	public Path root(int index) {
		return this.roots.get(index);
	}

	private Entry advance() {
		while (true) {
			while (!this.stack.isEmpty()) {
				Iterator<Path> top = this.stack.peek();
				if (!top.hasNext()) {
					this.stack.pop();
					continue;
				}
				Path path = top.next();
				if (path.getFileName().toString().startsWith(".")) {
					continue;
				}
				if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
					Entry problem = push(path);
					if (problem != null) {
						return problem;
					}
				}
				else if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS) && isArticleFile(path)) {
					return new Entry(this.rootIndex, path, null);
				}
			}
			if (++this.rootIndex >= this.roots.size()) {
				return null;
			}
			Path root = this.roots.get(this.rootIndex);
			if (Files.isRegularFile(root) && isArticleFile(root)) {
				return new Entry(this.rootIndex, root, null);
			}
			Entry problem = push(root);
			if (problem != null) {
				return problem;
			}
		}
	}

	private Entry push(Path directory) {
		List<Path> children = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			entries.forEach(children::add);
		}
		catch (IOException | SecurityException ex) {
			return new Entry(this.rootIndex, directory, "the directory cannot be listed: " + ex.getClass().getSimpleName()
					+ ": " + ex.getMessage());
		}
		children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
		this.stack.push(children.iterator());
		return null;
	}

}
