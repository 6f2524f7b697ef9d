package dev.newsprobe.jobs.store;

import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

import dev.newsprobe.core.store.ImageDownloader;
import dev.newsprobe.core.store.ImageMirror;
import dev.newsprobe.core.store.ImageStore;
import dev.newsprobe.jobs.support.ReadAhead;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the image URLs due for mirroring or revalidation, hosts interleaved, and starts their
 * downloads ahead of the chunk that will record them: up to {@code window} downloads run at once.
 * Owns one image downloader (newsprobe's HTTP layer, with its address guard) per step execution. Reads nothing
 * when the store is disabled.
 * <p>
 * Restartable: the cutoff (when the step first started) and the last URL handed to a chunk are saved
 * with every commit under {@value #NAME}. Downloads past the last commit are made again after a
 * restart; bytes they stored are found under the same content address and not written twice.
 */
public final class MirroringReader implements ItemStreamReader<PendingMirror> {

	/** The name the reader's restart state is stored under. */
	public static final String NAME = "mirroringReader";

	private static final String CUTOFF = NAME + ".cutoff";

	private static final String LAST_URL = NAME + ".last.url";

	/** Pages of image URLs due, and the check made when the step opens. */
	public interface Candidates {

		/**
		 * @param cutoff copies due after it wait for the next run
		 * @param after the last URL already read
		 * @param limit the page size
		 * @return the next URLs due, in the order of the query (hosts interleaved)
		 */
		List<MirrorCandidate> due(Instant cutoff, String after, int limit);

		/**
		 * Called once when the step opens, before the first page: brings the records in line with the
		 * store (copies whose bytes left it are no longer held).
		 * @param store the store
		 */
		void prepare(ImageStore store);

	}

	private final boolean enabled;

	private final Candidates source;

	private final Supplier<ImageStore> stores;

	private final Supplier<ImageDownloader> downloaders;

	private final BiFunction<ImageDownloader, ImageStore, ImageMirror> mirrors;

	private final ReadAhead<MirrorCandidate, PendingMirror> urls;

	private ImageDownloader downloader;

	private ImageMirror mirror;

	/**
	 * @param enabled whether the store is enabled; when not, the reader reads nothing
	 * @param source the due URLs
	 * @param stores the store
	 * @param downloaders makes the image downloader (its own HTTP transport) of a step execution
	 * @param mirrors makes the mirror of a client and a store
	 * @param window how many downloads may run ahead (also the page size)
	 */
	public MirroringReader(boolean enabled, Candidates source, Supplier<ImageStore> stores, Supplier<ImageDownloader> downloaders,
			BiFunction<ImageDownloader, ImageStore, ImageMirror> mirrors, int window) {
		this.enabled = enabled;
		this.source = source;
		this.stores = stores;
		this.downloaders = downloaders;
		this.mirrors = mirrors;
		this.urls = new ReadAhead<>(CUTOFF, LAST_URL, source::due, MirrorCandidate::url, pending -> pending.candidate().url(),
				window);
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.urls.open(context, this.enabled);
		if (!this.enabled) {
			return;
		}
		ImageStore store = this.stores.get();
		this.source.prepare(store);
		this.downloader = this.downloaders.get();
		this.mirror = this.mirrors.apply(this.downloader, store);
	}

	@Override
	public PendingMirror read() {
		return this.urls.read(candidate -> new PendingMirror(candidate, this.mirror.mirror(candidate.url(), candidate.held())));
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		this.urls.update(context);
	}

	@Override
	public void close() throws ItemStreamException {
		this.urls.close();
		if (this.downloader != null) {
			this.downloader.close();
			this.downloader = null;
		}
	}

}
