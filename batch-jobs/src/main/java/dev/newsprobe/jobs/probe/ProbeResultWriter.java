package dev.newsprobe.jobs.probe;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.newsprobe.core.cache.FreshnessPolicy;
import dev.newsprobe.core.cache.FreshnessPolicy.NextCheck;
import dev.newsprobe.core.probe.ProbeResult;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.observe.LogContext;
import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Waits for a chunk's probes and writes them in the chunk's transaction: a {@code probe_result}
 * row per URL, the new {@code url_state} with its next due time from the freshness policy, and an
 * {@code audit_event} whenever a URL's verdict or final URL changes.
 */
public final class ProbeResultWriter implements ItemWriter<PendingProbe> {

	private static final Logger log = LoggerFactory.getLogger(ProbeResultWriter.class);

	private final ProbeRepository repository;

	private final AuditLog auditLog;

	private final FreshnessPolicy freshness;

	private final long executionId;

	private final String stepName;

	public ProbeResultWriter(ProbeRepository repository, AuditLog auditLog, FreshnessPolicy freshness, long executionId,
			String stepName) {
		this.repository = repository;
		this.auditLog = auditLog;
		this.freshness = freshness;
		this.executionId = executionId;
		this.stepName = stepName;
	}

	@Override
	public void write(Chunk<? extends PendingProbe> chunk) {
		List<ProbeResult> results = new ArrayList<>(chunk.size());
		Map<String, DueUrl> dueByUrl = new HashMap<>();
		List<Change> changes = new ArrayList<>();
		for (PendingProbe pending : chunk) {
			ProbeResult result = pending.result().join();
			results.add(result);
			DueUrl due = pending.due();
			dueByUrl.put(due.url(), due);
			if (log.isDebugEnabled()) {
				MDC.put(LogContext.URL, due.url());
				log.debug("{} {} ({} ms, {} requests): {}", result.verdict(), (result.statusCode() > 0) ? result.statusCode() : "-",
						result.elapsedMillis(), result.requests(), result.reason());
				MDC.remove(LogContext.URL);
			}
			if (!Objects.equals(due.verdict(), result.verdict().name())) {
				changes.add(new Change("url", due.url(), "verdict", due.verdict(), result.verdict().name()));
			}
			if (due.verdict() != null && !result.notModified() && !Objects.equals(due.finalUrl(), result.finalUrl())) {
				changes.add(new Change("url", due.url(), "final_url", due.finalUrl(), result.finalUrl()));
			}
		}
		this.repository.write(results, this.executionId, result -> nextCheck(result, dueByUrl.get(result.url())));
		this.auditLog.record(changes, this.executionId, this.stepName);
	}

	/** The wait the freshness policy gives; it counts failures in a row as the state update does. */
	private NextCheck nextCheck(ProbeResult result, DueUrl due) {
		int failures = ProbeRepository.isWorking(result.verdict()) ? 0 : due.consecutiveFailures() + 1;
		String cacheControl = result.cacheControl();
		String expires = result.expires();
		if (result.notModified()) {
			cacheControl = (cacheControl != null) ? cacheControl : due.cacheControl();
			expires = (expires != null) ? expires : due.expires();
		}
		return this.freshness.nextCheck(result.verdict(), failures, cacheControl, expires, result.checkedAt());
	}

}
