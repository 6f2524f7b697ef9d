package dev.newsprobe.jobs.probe;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Reads the distinct URLs due for probing, in URL order, a page at a time. The cutoff (the moment
 * the step first started) and the last URL handed out are saved with every commit under
 * {@value #NAME}, so a restart probes exactly the URLs the failed run had not committed.
 */
public final class DueUrlReader implements ItemStreamReader<DueUrl> {

	/** The name the reader's restart state is stored under. */
	public static final String NAME = "dueUrlReader";

	private static final String CUTOFF = NAME + ".cutoff";

	private static final String LAST_URL = NAME + ".last.url";

	/** Pages of due URLs. */
	@FunctionalInterface
	public interface DueUrls {

		List<DueUrl> due(Instant cutoff, String after, int limit);

	}

	private final DueUrls source;

	private final int pageSize;

	private final Deque<DueUrl> page = new ArrayDeque<>();

	private Instant cutoff;

	private String lastRead;

	private String lastReturned;

	private boolean exhausted;

	public DueUrlReader(DueUrls source, int pageSize) {
		this.source = source;
		this.pageSize = pageSize;
	}

	@Override
	public void open(ExecutionContext context) throws ItemStreamException {
		this.cutoff = context.containsKey(CUTOFF) ? Instant.parse(context.getString(CUTOFF)) : Instant.now();
		this.lastReturned = context.containsKey(LAST_URL) ? context.getString(LAST_URL) : "";
		this.lastRead = this.lastReturned;
		this.page.clear();
		this.exhausted = false;
	}

	@Override
	public DueUrl read() {
		if (this.page.isEmpty() && !this.exhausted) {
			List<DueUrl> next = this.source.due(this.cutoff, this.lastRead, this.pageSize);
			this.page.addAll(next);
			this.exhausted = next.size() < this.pageSize;
			if (!next.isEmpty()) {
				this.lastRead = next.get(next.size() - 1).url();
			}
		}
		DueUrl due = this.page.poll();
		if (due != null) {
			this.lastReturned = due.url();
		}
		return due;
	}

	@Override
	public void update(ExecutionContext context) throws ItemStreamException {
		context.putString(CUTOFF, this.cutoff.toString());
		context.putString(LAST_URL, this.lastReturned);
	}

	@Override
	public void close() throws ItemStreamException {
		this.page.clear();
	}

}
