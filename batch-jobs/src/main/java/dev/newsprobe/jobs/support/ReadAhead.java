package dev.newsprobe.jobs.support;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Function;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What the probe and mirror readers share: URLs read page by page in the order of their query,
 * each page after the last URL read, and work started for up to {@code window} of them ahead of
 * the chunk that will record it. Restartable: the cutoff (the moment the step first started; URLs
 * due later wait for the next run) and the last URL handed to a chunk are saved with every commit
 * under the reader's keys; work started for URLs past the last commit is started again after a
 * restart.
 *
 * @param <T> what a page holds
 * @param <W> the work started for one of them
 */
public final class ReadAhead<T, W> {

	/** Pages of URLs due. */
	@FunctionalInterface
	public interface Pages<T> {

		/**
		 * @param cutoff URLs due after it wait for the next run
		 * @param after the last URL already read ("" for the start)
		 * @param limit the page size
		 * @return the next URLs due, in the order of the query
		 */
		List<T> next(Instant cutoff, String after, int limit);

	}

	private final String cutoffKey;

	private final String lastUrlKey;

	private final Pages<T> pages;

	private final Function<T, String> urlOf;

	private final Function<W, String> urlOfWork;

	private final int window;

	private final Deque<T> page = new ArrayDeque<>();

	private final Deque<W> inFlight = new ArrayDeque<>();

	private Instant cutoff;

	private String lastRead;

	private String lastReturned;

	private boolean exhausted;

	/**
	 * @param cutoffKey where the cutoff is saved
	 * @param lastUrlKey where the last URL handed to a chunk is saved
	 * @param pages the URLs due
	 * @param urlOf the URL of what a page holds
	 * @param urlOfWork the URL of a piece of work
	 * @param window how much work may run ahead of the chunk being read (also the page size)
	 */
	public ReadAhead(String cutoffKey, String lastUrlKey, Pages<T> pages, Function<T, String> urlOf,
			Function<W, String> urlOfWork, int window) {
		this.cutoffKey = cutoffKey;
		this.lastUrlKey = lastUrlKey;
		this.pages = pages;
		this.urlOf = urlOf;
		this.urlOfWork = urlOfWork;
		this.window = window;
	}

	/**
	 * Starts reading where the last commit left off.
	 * @param context the step's saved state
	 * @param enabled whether to read at all (when not, nothing is ever read)
	 */
	public void open(ExecutionContext context, boolean enabled) {
		this.cutoff = context.containsKey(this.cutoffKey) ? Instant.parse(context.getString(this.cutoffKey)) : Instant.now();
		this.lastReturned = context.containsKey(this.lastUrlKey) ? context.getString(this.lastUrlKey) : "";
		this.lastRead = this.lastReturned;
		this.page.clear();
		this.inFlight.clear();
		this.exhausted = !enabled;
	}

	/**
	 * Tops the window up and hands out its oldest work.
	 * @param start starts the work for one URL
	 * @return the work, or {@code null} when no URL is left
	 */
	public W read(Function<T, W> start) {
		while (this.inFlight.size() < this.window) {
			T next = nextDue();
			if (next == null) {
				break;
			}
			this.inFlight.add(start.apply(next));
		}
		W work = this.inFlight.poll();
		if (work != null) {
			this.lastReturned = this.urlOfWork.apply(work);
		}
		return work;
	}

	/** Saves the cutoff and the last URL handed out. */
	public void update(ExecutionContext context) {
		context.putString(this.cutoffKey, this.cutoff.toString());
		context.putString(this.lastUrlKey, this.lastReturned);
	}

	/**
	 * Forgets what was read and not handed out.
	 * @return the work started for URLs no chunk took
	 */
	public List<W> close() {
		List<W> started = new ArrayList<>(this.inFlight);
		this.page.clear();
		this.inFlight.clear();
		return started;
	}

	private T nextDue() {
		if (this.page.isEmpty() && !this.exhausted) {
			List<T> next = this.pages.next(this.cutoff, this.lastRead, this.window);
			this.page.addAll(next);
			this.exhausted = next.size() < this.window;
			if (!next.isEmpty()) {
				this.lastRead = this.urlOf.apply(next.get(next.size() - 1));
			}
		}
		return this.page.poll();
	}

}
