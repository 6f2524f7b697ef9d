package dev.newsprobe.jobs.ingest;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import dev.newsprobe.jobs.ingest.internal.SortedFileWalk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the article files under the input roots in a stable order, each with what the database
 * already knows of it (looked up a batch at a time, so unchanged files cost one query per batch,
 * not one per file).
 * <p>
 * Restartable: the position of the last file handed out is saved with every committed chunk
 * (under {@value #NAME}), and a restart walks past everything up to it without reading it again.
 */
public final class ArticleFileReader implements ItemStreamReader<ArticleCandidate> {

	/** The name the reader's restart state is stored under. */
	public static final String NAME = "articleFileReader";

	private static final String LAST_ROOT = NAME + ".last.root";

	private static final String LAST_PATH = NAME + ".last.path";

	/** Looks up the stored state of a batch of files. */
	@FunctionalInterface
	public interface KnownArticles {

		/**
		 * @param paths the files' paths
		 * @return the stored state of those already ingested, by path
		 */
		Map<String, KnownArticle> find(List<String> paths);

	}

	private final List<Path> roots;

	private final KnownArticles knownArticles;

	private final int batchSize;

	private final Deque<Buffered> buffer = new ArrayDeque<>();

	private SortedFileWalk walk;

	private int resumeRoot = -1;

	private Path resumePath;

	private Buffered last;

	public ArticleFileReader(List<Path> roots, KnownArticles knownArticles, int batchSize) {
		this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
		this.knownArticles = knownArticles;
		this.batchSize = batchSize;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.walk = new SortedFileWalk(this.roots);
		this.buffer.clear();
		this.last = null;
		if (context.containsKey(LAST_ROOT)) {
			this.resumeRoot = context.getInt(LAST_ROOT);
			this.resumePath = Path.of(context.getString(LAST_PATH));
		}
	}

	@Override
	public ArticleCandidate read() {
		if (this.buffer.isEmpty()) {
			fill();
		}
		Buffered next = this.buffer.poll();
		if (next == null) {
			return null;
		}
		this.last = next;
		return next.candidate;
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		if (this.last != null) {
			context.putInt(LAST_ROOT, this.last.root);
			context.putString(LAST_PATH, this.last.relative.toString());
		}
	}

	@Override
	public void close() throws ItemStreamException {
		this.walk = null;
		this.buffer.clear();
	}

	private void fill() {
		List<Buffered> batch = new ArrayList<>(this.batchSize);
		while (batch.size() < this.batchSize && this.walk.hasNext()) {
			SortedFileWalk.Entry entry = this.walk.next();
			Path relative = this.walk.root(entry.root()).relativize(entry.file());
			if (this.resumePath != null && SortedFileWalk.compare(entry.root(), relative, this.resumeRoot, this.resumePath) <= 0) {
				continue;
			}
			batch.add(new Buffered(entry.root(), relative, new ArticleCandidate(entry.file(), null, entry.problem())));
		}
		if (batch.isEmpty()) {
			return;
		}
		Map<String, KnownArticle> known = this.knownArticles.find(batch.stream()
			.filter(item -> item.candidate.problem() == null)
			.map(item -> item.candidate.path())
			.toList());
		for (Buffered item : batch) {
			KnownArticle state = known.get(item.candidate.path());
			this.buffer.add((state == null) ? item
					: new Buffered(item.root, item.relative, new ArticleCandidate(item.candidate.file(), state, null)));
		}
	}

	private record Buffered(int root, Path relative, ArticleCandidate candidate) {
	}

}
