package dev.newsprobe.core.frontmatter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small strict JSON reader for the test suite's expected data, independent of the YAML under test. */
final class Json {

	private final String text;

	private int at;

	private Json(String text) {
		this.text = text;
	}

	/** The one JSON value of a text: Map, List, String, BigDecimal, Boolean or null. */
	static Object parse(String text) {
		Json json = new Json(text);
		json.space();
		Object value = json.value();
		json.space();
		if (json.at != text.length()) {
			throw new IllegalArgumentException("more than one JSON value at " + json.at);
		}
		return value;
	}

	private Object value() {
		char c = this.text.charAt(this.at);
		switch (c) {
			case '{' -> {
				this.at++;
				Map<String, Object> map = new LinkedHashMap<>();
				space();
				if (peek('}')) {
					return map;
				}
				do {
					space();
					String key = string();
					space();
					expect(':');
					space();
					map.put(key, value());
					space();
				}
				while (peek(','));
				expect('}');
				return map;
			}
			case '[' -> {
				this.at++;
				List<Object> list = new ArrayList<>();
				space();
				if (peek(']')) {
					return list;
				}
				do {
					space();
					list.add(value());
					space();
				}
				while (peek(','));
				expect(']');
				return list;
			}
			case '"' -> {
				return string();
			}
			default -> {
				if (this.text.startsWith("true", this.at)) {
					this.at += 4;
					return Boolean.TRUE;
				}
				if (this.text.startsWith("false", this.at)) {
					this.at += 5;
					return Boolean.FALSE;
				}
				if (this.text.startsWith("null", this.at)) {
					this.at += 4;
					return null;
				}
				int start = this.at;
				while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
					this.at++;
				}
				return new BigDecimal(this.text.substring(start, this.at));
			}
		}
	}

	private String string() {
		expect('"');
		StringBuilder out = new StringBuilder();
		while (this.text.charAt(this.at) != '"') {
			char c = this.text.charAt(this.at++);
			if (c != '\\') {
				out.append(c);
				continue;
			}
			char escape = this.text.charAt(this.at++);
			switch (escape) {
				case 'n' -> out.append('\n');
				case 't' -> out.append('\t');
				case 'r' -> out.append('\r');
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'u' -> {
					out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
					this.at += 4;
				}
				default -> out.append(escape);
			}
		}
		this.at++;
		return out.toString();
	}

	private boolean peek(char c) {
		if (this.at < this.text.length() && this.text.charAt(this.at) == c) {
			this.at++;
			return true;
		}
		return false;
	}

	private void expect(char c) {
		if (!peek(c)) {
			throw new IllegalArgumentException("expected '" + c + "' at " + this.at + " in " + this.text);
		}
	}

	private void space() {
		while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
			this.at++;
		}
	}

}
