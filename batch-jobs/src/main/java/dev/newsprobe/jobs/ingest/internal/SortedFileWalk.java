package dev.newsprobe.jobs.ingest.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

import dev.newsprobe.core.files.FileKind;
import dev.newsprobe.core.files.FileStat;
import dev.newsprobe.core.files.FileStats;

/**
 * Walks input roots depth first, each directory's entries sorted by name, yielding article files
 * ({@code *.md}, {@code *.markdown}) with what one {@code lstat} said of each (kind, size, times,
 * device and inode): what lets an unchanged file be recognised without reading it, and a read
 * check that it opens the very file the walk saw. The order is stable between runs, which is what
 * lets a restart resume after the last committed file, and memory is bounded by the largest
 * directory, not by the archive. Symbolic links are not followed and hidden entries (names
 * starting with a dot) are skipped: a link could leave the archive or loop, and hidden folders
 * hold tool state. An article-named entry that is not a regular file (a FIFO, a device, a socket)
 * is yielded with a problem, never opened.
 */
public final class SortedFileWalk implements Iterator<SortedFileWalk.Entry> {

	/**
	 * A file found, or a directory that could not be listed, or an article name that is not a file.
	 *
	 * @param root the index of the input root it was found under
	 * @param file the file or directory
	 * @param stat what lstat said of it, {@code null} with a problem
	 * @param problem why it cannot be read, or {@code null} for a regular file
	 */
	public record Entry(int root, Path file, FileStat stat, String problem) {
	}

	private final List<Path> roots;

	private final FileStats stats;

	private final Deque<Iterator<Path>> stack = new ArrayDeque<>();

	private int rootIndex = -1;

	private Entry next;

	public SortedFileWalk(List<Path> roots) {
		this(roots, new FileStats());
	}

	public SortedFileWalk(List<Path> roots, FileStats stats) {
		this.roots = List.copyOf(roots);
		this.stats = stats;
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
				FileStat stat;
				try {
					stat = this.stats.lstat(path);
				}
				catch (IOException | SecurityException ex) {
					// vanished since the listing, or cannot be stated: an article file says so, anything else is skipped
					if (isArticleFile(path) && !(ex instanceof java.nio.file.NoSuchFileException)) {
						return new Entry(this.rootIndex, path, null, "the file cannot be stated: " + ex.getClass().getSimpleName()
								+ ": " + ex.getMessage());
					}
					continue;
				}
				if (stat.kind() == FileKind.DIRECTORY) {
					Entry problem = push(path);
					if (problem != null) {
						return problem;
					}
				}
				else if (isArticleFile(path)) {
					Entry entry = article(path, stat);
					if (entry != null) {
						return entry;
					}
				}
			}
			if (++this.rootIndex >= this.roots.size()) {
				return null;
			}
			Path root = this.roots.get(this.rootIndex);
			if (Files.isRegularFile(root) && isArticleFile(root)) {
				try {
					return new Entry(this.rootIndex, root, this.stats.lstat(root), null);
				}
				catch (IOException ex) {
					return new Entry(this.rootIndex, root, null, "the file cannot be stated: " + ex.getMessage());
				}
			}
			Entry problem = push(root);
			if (problem != null) {
				return problem;
			}
		}
	}

	/** A regular file as an entry; a FIFO, device or socket as a problem; a symbolic link as nothing. */
	private Entry article(Path path, FileStat stat) {
		return switch (stat.kind()) {
			case REGULAR -> new Entry(this.rootIndex, path, stat, null);
			case SYMLINK -> null;
			default -> new Entry(this.rootIndex, path, null, "it is " + stat.kind().description()
					+ ", not a regular file; only regular files are read as articles (it was not opened)");
		};
	}

	private Entry push(Path directory) {
		List<Path> children = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
			entries.forEach(children::add);
		}
		catch (IOException | SecurityException ex) {
			return new Entry(this.rootIndex, directory, null, "the directory cannot be listed: " + ex.getClass().getSimpleName()
					+ ": " + ex.getMessage());
		}
		children.sort((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
		this.stack.push(children.iterator());
		return null;
	}

}
