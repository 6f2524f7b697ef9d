package dev.newsprobe.app.database;

import java.util.List;

/**
 * newsprobe's database cannot be used, said for a person: what is wrong (naming the address) and
 * what to do next, in one or two lines, with no stack trace.
 */
public final class DatabaseUnavailableException extends RuntimeException {

	private final List<String> lines;

	private final boolean configuration;

	/**
	 * @param lines what is wrong, then what to do
	 * @param configuration whether the configuration is wrong (a usage error: nothing will work until it is
	 * changed) rather than the database out of reach for now (a failure: trying again later may work)
	 * @param cause what was caught, for {@code --debug}
	 */
	public DatabaseUnavailableException(List<String> lines, boolean configuration, Throwable cause) {
		super(String.join(" ", lines), cause);
		this.lines = List.copyOf(lines);
		this.configuration = configuration;
	}

	/** The lines to show, without a prefix. */
	public List<String> lines() {
		return this.lines;
	}

	/** Whether the configuration is wrong, rather than the database out of reach for now. */
	public boolean configuration() {
		return this.configuration;
	}

}
