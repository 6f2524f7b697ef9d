package dev.newsprobe.jobs.writeback;

import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.jobs.audit.AuditLog;
import dev.newsprobe.jobs.audit.Change;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository.Refusal;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Records what write-back did to a chunk of files: an {@code audit_event} per value changed and per
 * file rewritten, a {@code write_back_refusal} row per file or value left alone.
 */
public final class WriteBackWriter implements ItemWriter<WriteBackOutcome> {

	private static final Log logger = LogFactory.getLog(WriteBackWriter.class);

	private final WriteBackRepository repository;

	private final AuditLog auditLog;

	private final long executionId;

	private final String stepName;

	public WriteBackWriter(WriteBackRepository repository, AuditLog auditLog, long executionId, String stepName) {
		this.repository = repository;
		this.auditLog = auditLog;
		this.executionId = executionId;
		this.stepName = stepName;
	}

	@Override
	public void write(Chunk<? extends WriteBackOutcome> chunk) {
		List<Change> changes = new ArrayList<>();
		List<Refusal> refusals = new ArrayList<>();
		for (WriteBackOutcome outcome : chunk) {
			changes.addAll(outcome.changes());
			refusals.addAll(outcome.refusals());
			for (Refusal refusal : outcome.refusals()) {
				logger.warn("write-back left " + refusal.path() + ((refusal.field() != null) ? " " + refusal.field() : "")
						+ " alone: " + refusal.reason());
			}
		}
		this.auditLog.record(changes, this.executionId, this.stepName);
		this.repository.insertRefusals(refusals, this.executionId);
	}

}
