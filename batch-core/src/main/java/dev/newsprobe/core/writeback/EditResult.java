package dev.newsprobe.core.writeback;

import java.util.List;

/**
 * What {@link FrontMatterEditor} made of a file and a list of edits.
 *
 * @param bytes the new content; the same array as given when nothing changed
 * @param changes the values changed, in the order of the edits
 * @param refusals the edits not made, with why
 */
public record EditResult(byte[] bytes, List<Change> changes, List<Refusal> refusals) {

	public EditResult {
		changes = List.copyOf(changes);
		refusals = List.copyOf(refusals);
	}

	/** Whether any value changed. */
	public boolean changed() {
		return !this.changes.isEmpty();
	}

	/**
	 * One value changed.
	 *
	 * @param path where
	 * @param oldValue the value as read before ({@code null} when the key was absent or empty)
	 * @param newValue the value as read now
	 * @param line the file line of the value (1-based)
	 */
	public record Change(FieldPath path, String oldValue, String newValue, int line) {
	}

	/**
	 * An edit not made.
	 *
	 * @param path where it would have been, {@code null} when the whole file was refused
	 * @param reason why, in words a person can act on
	 */
	public record Refusal(FieldPath path, String reason) {
	}

}
