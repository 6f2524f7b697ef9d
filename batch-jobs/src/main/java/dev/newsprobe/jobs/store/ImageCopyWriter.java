package dev.newsprobe.jobs.store;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.newsprobe.core.store.FetchOutcome;
import dev.newsprobe.core.store.CopyState;
import dev.newsprobe.core.store.ImageCopy;
import dev.newsprobe.core.store.ImageStore;
import dev.newsprobe.core.store.MirrorOutcome;
import dev.newsprobe.jobs.auditlog.AuditLog;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.store.internal.ImageCopyRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Waits for a chunk's downloads and records them in the chunk's transaction: the new
 * {@code image_copy} row per URL, the copies the store evicted to stay under its cap, and an
 * {@code audit_event} whenever a URL's copy (its address) or its state changes. Bytes no URL holds
 * any more (a replaced or evicted copy) leave the store only once the transaction has committed,
 * so a rolled-back chunk never loses a copy its rows still name.
 */
public final class ImageCopyWriter implements ItemWriter<PendingMirror> {

	/** The entity name of copies in the audit log. */
	public static final String ENTITY = "image_copy";

	private static final Logger log = LoggerFactory.getLogger(ImageCopyWriter.class);

	private final ImageCopyRepository repository;

	private final AuditLog auditLog;

	private final ImageStore store;

	private final StoreProperties properties;

	private final long executionId;

	private final String stepName;

	public ImageCopyWriter(ImageCopyRepository repository, AuditLog auditLog, ImageStore store,
			StoreProperties properties, long executionId, String stepName) {
		this.repository = repository;
		this.auditLog = auditLog;
		this.store = store;
		this.properties = properties;
		this.executionId = executionId;
		this.stepName = stepName;
	}

	@Override
	public void write(Chunk<? extends PendingMirror> chunk) {
		List<MirrorOutcome> outcomes = new ArrayList<>(chunk.size());
		List<Change> changes = new ArrayList<>();
		Set<String> evicted = new LinkedHashSet<>();
		Set<String> released = new LinkedHashSet<>();
		for (PendingMirror pending : chunk) {
			MirrorOutcome outcome = stillHeld(pending.outcome().join());
			outcomes.add(outcome);
			MirrorCandidate candidate = pending.candidate();
			String before = (candidate.held() != null) ? candidate.held().sha256() : null;
			String after = (outcome.copy() != null) ? outcome.copy().sha256() : null;
			if (!Objects.equals(before, after)) {
				changes.add(new Change(ENTITY, outcome.url(), "sha256", before, after));
			}
			if (!Objects.equals(candidate.state(), outcome.state().name())) {
				changes.add(new Change(ENTITY, outcome.url(), "state", candidate.state(), outcome.state().name()));
			}
			evicted.addAll(outcome.evicted());
			if (outcome.released() != null) {
				released.add(outcome.released());
			}
		}
		this.repository.write(outcomes, this.executionId, this::nextCheck);
		// the store evicted these to stay under its cap; one may have come back since (the same bytes stored again)
		evicted.removeIf(this.store::has);
		for (ImageCopyRepository.Dropped dropped : this.repository.drop(evicted,
				"evicted to keep the image store under newsprobe.store.max-bytes", Instant.now().plus(this.properties.retryAfter()),
				this.executionId)) {
			changes.add(new Change(ENTITY, dropped.url(), "sha256", dropped.sha256(), null));
			changes.add(new Change(ENTITY, dropped.url(), "state", dropped.state(), CopyState.EVICTED.name()));
		}
		this.auditLog.record(changes, this.executionId, this.stepName);
		List<String> unreferenced = this.repository.unreferenced(released);
		if (!unreferenced.isEmpty()) {
			removeAfterCommit(unreferenced);
		}
	}

	/**
	 * The outcome as it can be recorded: a copy whose bytes left the store while its outcome waited
	 * (the cap, or another URL's replaced copy with the same bytes) is not held; it is tried again at once.
	 */
	private MirrorOutcome stillHeld(MirrorOutcome outcome) {
		ImageCopy copy = outcome.copy();
		if (copy == null || this.store.has(copy.sha256())) {
			return outcome;
		}
		return new MirrorOutcome(outcome.url(), CopyState.EVICTED, null, outcome.previous(), false, outcome.fetch(),
				outcome.statusCode(), "evicted from the image store before it was recorded", outcome.evicted(),
				outcome.checkedAt());
	}

	private Instant nextCheck(MirrorOutcome outcome) {
		if (outcome.state() == CopyState.HELD) {
			return outcome.checkedAt().plus(this.properties.revalidateAfter());
		}
		if (outcome.state() == CopyState.EVICTED && outcome.fetch() == FetchOutcome.FETCHED) {
			return outcome.checkedAt();
		}
		return outcome.checkedAt().plus(this.properties.retryAfter());
	}

	private void removeAfterCommit(List<String> addresses) {
		Runnable remove = () -> {
			for (String address : addresses) {
				try {
					this.store.evict(address);
				}
				catch (IOException ex) {
					// left in the store: no row names it, so it is the first the cap evicts
					log.warn("Could not remove image " + address + " from the store: " + ex.getMessage());
				}
			}
		};
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {

				@Override
				public void afterCommit() {
					remove.run();
				}

			});
		}
		else {
			remove.run();
		}
	}

}
