package dev.newsprobe.jobs.writeback;

import java.util.List;

import dev.newsprobe.core.writeback.FileRewriter.Snapshot;
import dev.newsprobe.jobs.auditlog.Change;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository.Refusal;

/**
 * What write-back will do to one file: the values it changes and what it leaves alone.
 *
 * @param item the file
 * @param changes one audit change per value changed, and one for the file's content hash; empty
 * when the file is not rewritten
 * @param refusals what is not changed, with why
 * @param replacement the file as read and its new content, {@code null} when it is not rewritten
 */
public record WriteBackOutcome(WriteBackItem item, List<Change> changes, List<Refusal> refusals, Replacement replacement) {

	public WriteBackOutcome {
		changes = List.copyOf(changes);
		refusals = List.copyOf(refusals);
	}

	/**
	 * A file to replace.
	 *
	 * @param snapshot the file as read
	 * @param bytes its new content
	 */
	public record Replacement(Snapshot snapshot, byte[] bytes) {
	}

}
