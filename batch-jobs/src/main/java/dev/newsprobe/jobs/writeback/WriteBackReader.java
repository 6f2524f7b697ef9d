package dev.newsprobe.jobs.writeback;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import dev.newsprobe.core.writeback.FileRewriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the files to write back, in article id order, a window of ids at a time (each window is an
 * index range scan, however large the archive). Reads nothing when write-back was not asked for.
 * On open it deletes the temporary files a crashed earlier write-back left under the roots.
 * <p>
 * Restartable: the id of the last article handed out is saved with every committed chunk (under
 * {@value #NAME}), and a restart continues after it.
 */
public final class WriteBackReader implements ItemStreamReader<WriteBackItem> {

	/** The name the reader's restart state is stored under. */
	public static final String NAME = "writeBackReader";

	private static final String LAST_ID = NAME + ".last.id";

	/** Article ids per query. */
	private static final long WINDOW = 1000;

	private static final Logger log = LoggerFactory.getLogger(WriteBackReader.class);

	/** Where the items come from. */
	public interface Source {

		/** The highest article id. */
		long maxArticleId();

		/** The items among article ids in {@code (after, upTo]}, in id order. */
		List<WriteBackItem> items(long after, long upTo);

	}

	private final Source source;

	private final WriteBackMode mode;

	private final List<Path> roots;

	private final Deque<WriteBackItem> buffer = new ArrayDeque<>();

	private long lastHandedOut;

	private long cursor;

	private long maxId;

	public WriteBackReader(Source source, WriteBackMode mode, List<Path> roots) {
		this.source = source;
		this.mode = mode;
		this.roots = roots;
	}

	@Override
	public void open(ExecutionContext context) {
		if (!this.mode.enabled()) {
			log.debug("write-back not asked for (audit --write-back); no file is changed");
			return;
		}
		int removed = 0;
		for (Path root : this.roots) {
			removed += FileRewriter.removeStaleTemps(root);
		}
		if (removed > 0) {
			log.info("removed " + removed + " temporary files an interrupted write-back left behind");
		}
		this.lastHandedOut = context.getLong(LAST_ID, 0L);
		this.cursor = this.lastHandedOut;
		this.maxId = this.source.maxArticleId();
	}

	@Override
	public WriteBackItem read() {
		if (!this.mode.enabled()) {
			return null;
		}
		while (this.buffer.isEmpty() && this.cursor < this.maxId) {
			long upTo = Math.min(this.maxId, this.cursor + WINDOW);
			this.buffer.addAll(this.source.items(this.cursor, upTo));
			this.cursor = upTo;
		}
		WriteBackItem item = this.buffer.poll();
		if (item != null) {
			this.lastHandedOut = item.articleId();
		}
		return item;
	}

	@Override
	public void update(ExecutionContext context) {
		context.putLong(LAST_ID, this.lastHandedOut);
	}

}
