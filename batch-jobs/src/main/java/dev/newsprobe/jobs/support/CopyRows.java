package dev.newsprobe.jobs.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;

import org.postgresql.PGConnection;

/**
 * Rows for one {@code COPY ... FROM STDIN}, in COPY's text format. COPY costs the server less
 * than an {@code INSERT} of the same rows (no statement per row, heap pages filled in batches),
 * and the rows need no array literal built by the driver. Values are {@code null}, booleans,
 * numbers, {@link OffsetDateTime}s and texts (cleaned of NUL with {@link DbText} by the caller).
 */
public final class CopyRows {

	private final StringBuilder text = new StringBuilder(8192);

	private final int columns;

	private int rows;

	/** @param columns how many values each row has */
	public CopyRows(int columns) {
		this.columns = columns;
	}

	/** Adds one row. */
	public void add(Object... values) {
		if (values.length != this.columns) {
			throw new IllegalArgumentException("expected " + this.columns + " values, got " + values.length);
		}
		for (int i = 0; i < values.length; i++) {
			if (i > 0) {
				this.text.append('\t');
			}
			append(values[i]);
		}
		this.text.append('\n');
		this.rows++;
	}

	/** How many rows were added. */
	public int size() {
		return this.rows;
	}

	/**
	 * Sends the rows, if any.
	 * @param con the connection (of the chunk's transaction)
	 * @param table the table, with its schema
	 * @param columns its columns, in the order of the values
	 */
	public void copy(Connection con, String table, String columns) throws SQLException {
		if (this.rows == 0) {
			return;
		}
		byte[] bytes = this.text.toString().getBytes(StandardCharsets.UTF_8);
		try {
			con.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY " + table + " (" + columns + ") FROM STDIN", new ByteArrayInputStream(bytes));
		}
		catch (IOException ex) {
			throw new SQLException("could not send the rows of " + table, ex);
		}
	}

	private void append(Object value) {
		if (value == null) {
			this.text.append("\\N");
		}
		else if (value instanceof Boolean bool) {
			this.text.append(bool ? 't' : 'f');
		}
		else if (value instanceof Number number) {
			this.text.append(number);
		}
		else if (value instanceof OffsetDateTime time) {
			this.text.append(time);
		}
		else {
			escape(value.toString());
		}
	}

	/** COPY's text format: backslash, tab, newline and carriage return escaped. */
	private void escape(String value) {
		int first = 0;
		while (first < value.length() && !isEscaped(value.charAt(first))) {
			first++;
		}
		// most texts hold nothing to escape: appended whole
		this.text.append(value, 0, first);
		for (int i = first; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '\\' -> this.text.append("\\\\");
				case '\t' -> this.text.append("\\t");
				case '\n' -> this.text.append("\\n");
				case '\r' -> this.text.append("\\r");
				default -> this.text.append(c);
			}
		}
	}

	private static boolean isEscaped(char c) {
		return c == '\\' || c == '\t' || c == '\n' || c == '\r';
	}

}
