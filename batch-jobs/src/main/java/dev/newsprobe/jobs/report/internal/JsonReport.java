package dev.newsprobe.jobs.report.internal;

import java.lang.reflect.RecordComponent;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.newsprobe.jobs.report.RunReport;
import dev.newsprobe.jobs.support.PlainJson;

/**
 * The report as JSON for programs: one object whose field names are the component names of
 * {@link RunReport} and its nested records, in their order, plus {@code "reportVersion"} first.
 * Times are ISO-8601 with milliseconds and offset ({@code 2026-11-26T02:00:00.000Z}); absent values
 * are {@code null}, never left out.
 */
public final class JsonReport {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSXXX");

	/** Raised by a change of the JSON's meaning that programs must notice; adding fields does not. */
	public static final int VERSION = 2;

	private JsonReport() {
	}

	/** The JSON text of a report. */
	public static String render(RunReport report) {
		Map<String, Object> root = new LinkedHashMap<>();
		root.put("reportVersion", (long) VERSION);
		root.putAll(asMap(report));
		return PlainJson.writeIndented(root);
	}

	private static Map<String, Object> asMap(Record record) {
		Map<String, Object> map = new LinkedHashMap<>();
		for (RecordComponent component : record.getClass().getRecordComponents()) {
			try {
				map.put(component.getName(), plain(component.getAccessor().invoke(record)));
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException("cannot read " + component, ex);
			}
		}
		return map;
	}

	private static Object plain(Object value) {
		if (value instanceof Record record) {
			return asMap(record);
		}
		if (value instanceof List<?> list) {
			List<Object> plain = new ArrayList<>(list.size());
			list.forEach(item -> plain.add(plain(item)));
			return plain;
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> plain = new LinkedHashMap<>();
			map.forEach((key, item) -> plain.put(String.valueOf(key), plain(item)));
			return plain;
		}
		if (value instanceof OffsetDateTime time) {
			return TIME.format(time);
		}
		return value;
	}

}
