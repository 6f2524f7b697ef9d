package dev.newsprobe.jobs.writeback;

import java.util.List;

import dev.newsprobe.jobs.audit.Change;
import dev.newsprobe.jobs.writeback.internal.WriteBackRepository.Refusal;

/**
 * What write-back did to one file: the values it changed (already on disk) and what it left alone.
 *
 * @param item the file
 * @param changes one audit change per value changed, and one for the file's content hash; empty
 * when the file was not rewritten
 * @param refusals what was not changed, with why
 */
public record WriteBackOutcome(WriteBackItem item, List<Change> changes, List<Refusal> refusals) {

	public WriteBackOutcome {
		changes = List.copyOf(changes);
		refusals = List.copyOf(refusals);
	}

}
