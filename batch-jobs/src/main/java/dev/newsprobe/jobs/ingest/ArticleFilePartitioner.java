package dev.newsprobe.jobs.ingest;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.newsprobe.jobs.ingest.internal.SortedFileWalk;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Splits the ingest step into ranges of article files, balanced by size. A first walk of the input
 * roots adds up the files' sizes; a second finds the files where the running total crosses each
 * {@code 1/n} of it. Partition {@code i} then reads the files after the {@code i}-th cut up to the
 * next one, in the walk's stable order (see {@link ArticleFileReader#FROM_ROOT}).
 * <p>
 * Why ranges and not, say, a hash of each path: a range keeps the walk order inside a partition,
 * so a partition restarts after its last committed file exactly like the single step does, and
 * the bounds are file names, not positions: the first partition starts at the beginning and the
 * last runs to the end, so files added before a restart still fall into exactly one partition.
 * There are always {@code n} partitions, named {@code partition0}..., some possibly empty,
 * so a restart finds the same names.
 */
public final class ArticleFilePartitioner implements Partitioner {

	private final List<Path> roots;

	/** @param roots the input roots */
	public ArticleFilePartitioner(List<Path> roots) {
		this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		int n = Math.max(1, gridSize);
		long[] sizes = new long[1024];
		int count = 0;
		long total = 0;
		for (SortedFileWalk walk = new SortedFileWalk(this.roots); walk.hasNext();) {
			SortedFileWalk.Entry entry = walk.next();
			if (count == sizes.length) {
				sizes = Arrays.copyOf(sizes, count * 2);
			}
			// a file costs its bytes, and a little more for being a file at all
			sizes[count] = size(entry) + 512;
			total += sizes[count++];
		}
		// cuts[k] is the index of the last file of partition k (-1: the partition is empty)
		int[] cuts = new int[n - 1];
		long running = 0;
		int k = 0;
		for (int i = 0; i < count && k < n - 1; i++) {
			running += sizes[i];
			while (k < n - 1 && running * n >= total * (k + 1)) {
				cuts[k++] = i;
			}
		}
		while (k < n - 1) {
			cuts[k++] = count - 1;
		}
		Bound[] bounds = new Bound[n - 1];
		int index = 0;
		int next = 0;
		for (SortedFileWalk walk = new SortedFileWalk(this.roots); walk.hasNext() && next < bounds.length; index++) {
			SortedFileWalk.Entry entry = walk.next();
			while (next < bounds.length && cuts[next] == index) {
				bounds[next++] = new Bound(entry.root(), walk.root(entry.root()).relativize(entry.file()));
			}
		}
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int p = 0; p < n; p++) {
			ExecutionContext context = new ExecutionContext();
			Bound from = (p == 0) ? null : bounds[p - 1];
			Bound to = (p == n - 1) ? null : bounds[p];
			if (from != null) {
				context.putInt(ArticleFileReader.FROM_ROOT, from.root());
				context.putString(ArticleFileReader.FROM_PATH, from.path().toString());
			}
			if (to != null) {
				context.putInt(ArticleFileReader.TO_ROOT, to.root());
				context.putString(ArticleFileReader.TO_PATH, to.path().toString());
			}
			else if (p < n - 1) {
				// no file to end on: an empty archive; every partition but the last is empty
				context.putInt(ArticleFileReader.TO_ROOT, -1);
				context.putString(ArticleFileReader.TO_PATH, "");
			}
			partitions.put("partition" + p, context);
		}
		return partitions;
	}

	private static long size(SortedFileWalk.Entry entry) {
		return (entry.stat() != null) ? entry.stat().size() : 0;
	}

	private record Bound(int root, Path path) {
	}

}
