package dev.newsprobe.jobs.ingest;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

import dev.newsprobe.jobs.ingest.internal.SortedFileWalk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the article files under the input roots in a stable order, each with what the walk's
 * {@code lstat} said of it and what the database already knows of it (looked up a batch at a time,
 * so unchanged files cost one query per batch, not one per file), and starts reading and parsing
 * each batch on a background thread one batch ahead of the chunk being processed: while the
 * database writes one chunk, the next is parsed. A file whose stat shows it unchanged since it was
 * last read ({@link ArticleCandidate#unchangedByStat()}) is not read at all.
 * <p>
 * Restartable: the position of the last file handed out is saved with every committed chunk
 * (under {@value #NAME}), and a restart walks past everything up to it without reading it again.
 * <p>
 * A partition of the step reads only its range of files in walk order: after the file named by
 * {@value #FROM_ROOT}/{@value #FROM_PATH} and up to the one named by {@value #TO_ROOT}/{@value #TO_PATH}
 * (either bound may be absent), as the partitioner put them in the step execution context.
 */
public final class ArticleFileReader implements ItemStreamReader<PreparedArticle> {

	/** The name the reader's restart state is stored under. */
	public static final String NAME = "articleFileReader";

	private static final String LAST_ROOT = NAME + ".last.root";

	private static final String LAST_PATH = NAME + ".last.path";

	/** Root index of the file a partition's range starts after. */
	public static final String FROM_ROOT = NAME + ".from.root";

	/** Path (relative to its root) of the file a partition's range starts after. */
	public static final String FROM_PATH = NAME + ".from.path";

	/** Root index of the last file of a partition's range. */
	public static final String TO_ROOT = NAME + ".to.root";

	/** Path (relative to its root) of the last file of a partition's range. */
	public static final String TO_PATH = NAME + ".to.path";

	/** Files looked up in the database at a time. */
	static final int LOOKUP_BATCH = 1000;

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

	private final Function<ArticleCandidate, IngestItem> ingestion;

	private Deque<Buffered> buffer = new ArrayDeque<>();

	private Deque<Buffered> next = new ArrayDeque<>();

	/** Files walked and looked up, not yet handed to the read-ahead. */
	private final Deque<Buffered> looked = new ArrayDeque<>();

	private ExecutorService readAhead;

	private SortedFileWalk walk;

	private int resumeRoot = -1;

	private Path resumePath;

	private int endRoot = -1;

	private Path endPath;

	private boolean pastEnd;

	private Buffered last;

	/**
	 * @param roots the input roots
	 * @param knownArticles the stored state of files
	 * @param ingestion reads one file (run on the read-ahead thread)
	 * @param batchSize files read ahead at a time (they are looked up {@value #LOOKUP_BATCH} or more at a time)
	 */
	public ArticleFileReader(List<Path> roots, KnownArticles knownArticles, Function<ArticleCandidate, IngestItem> ingestion,
			int batchSize) {
		this.roots = roots.stream().map(root -> root.toAbsolutePath().normalize()).toList();
		this.knownArticles = knownArticles;
		this.ingestion = ingestion;
		this.batchSize = batchSize;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.walk = new SortedFileWalk(this.roots);
		this.buffer = new ArrayDeque<>();
		this.next = new ArrayDeque<>();
		this.looked.clear();
		this.last = null;
		this.readAhead = Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "newsprobe-read-ahead");
			thread.setDaemon(true);
			return thread;
		});
		if (context.containsKey(LAST_ROOT)) {
			this.resumeRoot = context.getInt(LAST_ROOT);
			this.resumePath = Path.of(context.getString(LAST_PATH));
		}
		else if (context.containsKey(FROM_ROOT)) {
			this.resumeRoot = context.getInt(FROM_ROOT);
			this.resumePath = Path.of(context.getString(FROM_PATH));
		}
		this.pastEnd = false;
		if (context.containsKey(TO_ROOT)) {
			this.endRoot = context.getInt(TO_ROOT);
			this.endPath = Path.of(context.getString(TO_PATH));
		}
	}

	@Override
	public PreparedArticle read() {
		if (this.buffer.isEmpty()) {
			this.buffer = this.next.isEmpty() ? fill() : this.next;
			this.next = fill();
		}
		Buffered item = this.buffer.poll();
		if (item == null) {
			return null;
		}
		this.last = item;
		return item.prepared;
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
		this.next.clear();
		this.looked.clear();
		if (this.readAhead != null) {
			this.readAhead.shutdownNow();
			this.readAhead = null;
		}
	}

	/** The next batch of files, looked up in the database and handed to the read-ahead thread. */
	private Deque<Buffered> fill() {
		Deque<Buffered> batch = new ArrayDeque<>(this.batchSize);
		while (batch.size() < this.batchSize) {
			if (this.looked.isEmpty()) {
				lookUpNext();
				if (this.looked.isEmpty()) {
					break;
				}
			}
			Buffered item = this.looked.poll();
			ArticleCandidate candidate = item.candidate;
			// an unchanged file recognised by its stat needs no read: no work for the read-ahead thread
			CompletableFuture<IngestItem> outcome = candidate.unchangedByStat() ? CompletableFuture.completedFuture(null)
					: CompletableFuture.supplyAsync(() -> this.ingestion.apply(candidate), this.readAhead);
			batch.add(new Buffered(item.root, item.relative, candidate, new PreparedArticle(candidate, outcome)));
		}
		return batch;
	}

	/**
	 * Walks on and looks the next files up in the database, {@value #LOOKUP_BATCH} at a time (a
	 * larger batch than a chunk: on an unchanged archive the lookups are most of the time, and
	 * looking files up costs no memory worth counting, unlike reading them ahead).
	 */
	private void lookUpNext() {
		List<Buffered> found = new ArrayList<>(LOOKUP_BATCH);
		while (found.size() < Math.max(LOOKUP_BATCH, this.batchSize) && !this.pastEnd && this.walk.hasNext()) {
			SortedFileWalk.Entry entry = this.walk.next();
			Path relative = this.walk.root(entry.root()).relativize(entry.file());
			if (this.endPath != null && SortedFileWalk.compare(entry.root(), relative, this.endRoot, this.endPath) > 0) {
				this.pastEnd = true;
				break;
			}
			if (this.resumePath != null && SortedFileWalk.compare(entry.root(), relative, this.resumeRoot, this.resumePath) <= 0) {
				continue;
			}
			found.add(new Buffered(entry.root(), relative, new ArticleCandidate(entry.file(), entry.stat(), null, entry.problem()),
					null));
		}
		if (found.isEmpty()) {
			return;
		}
		Map<String, KnownArticle> known = this.knownArticles.find(found.stream()
			.filter(item -> item.candidate.problem() == null)
			.map(item -> item.candidate.path())
			.toList());
		for (Buffered item : found) {
			KnownArticle state = known.get(item.candidate.path());
			ArticleCandidate candidate = (state == null) ? item.candidate
					: new ArticleCandidate(item.candidate.file(), item.candidate.stat(), state, null);
			this.looked.add(new Buffered(item.root, item.relative, candidate, null));
		}
	}

	private record Buffered(int root, Path relative, ArticleCandidate candidate, PreparedArticle prepared) {
	}

}
