package dev.newsprobe.jobs.writeback;

import java.util.ArrayList;
import java.util.List;

import dev.newsprobe.core.writeback.FileRewriter;
import dev.newsprobe.core.writeback.FileRewriter.RefusedException;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository.Refusal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Replaces a chunk of files and records it: an {@code audit_event} per value changed and per file
 * rewritten, a {@code write_back_refusal} row per file or value left alone.
 * <p>
 * The records are written first, then the files replaced, all inside the chunk's transaction: a
 * database failure leaves every file of the chunk untouched (the restart redoes the chunk), and a
 * file that cannot be replaced has its records taken back and a refusal written instead. Only a
 * failure of the commit itself, after the files were replaced, leaves files rewritten without their
 * events; the restart then reports them changed on disk.
 */
public final class WriteBackWriter implements ItemWriter<WriteBackOutcome> {

	private static final Logger log = LoggerFactory.getLogger(WriteBackWriter.class);

	private final WriteBackRepository repository;

	private final AuditLog auditLog;

	private final long executionId;

	private final String stepName;

	private final FileRewriter rewriter;

	public WriteBackWriter(FileRewriter rewriter, WriteBackRepository repository, AuditLog auditLog, long executionId,
			String stepName) {
		this.rewriter = rewriter;
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
				log.warn("write-back left " + refusal.path() + ((refusal.field() != null) ? " " + refusal.field() : "")
						+ " alone: " + refusal.reason());
			}
		}
		this.auditLog.record(changes, this.executionId, this.stepName);
		this.repository.insertRefusals(refusals, this.executionId);
		List<Refusal> failed = new ArrayList<>();
		for (WriteBackOutcome outcome : chunk) {
			if (outcome.replacement() == null) {
				continue;
			}
			WriteBackItem item = outcome.item();
			try {
				this.rewriter.replace(outcome.replacement().snapshot(), outcome.replacement().bytes());
			}
			catch (RefusedException ex) {
				log.warn("write-back left " + item.path() + " alone: " + ex.getMessage());
				this.repository.forgetChanges(this.executionId, this.stepName, item.path());
				failed.add(new Refusal(item.articleId(), item.path(), null, ex.refusal().name(), ex.getMessage()));
			}
		}
		this.repository.insertRefusals(failed, this.executionId);
	}

}
