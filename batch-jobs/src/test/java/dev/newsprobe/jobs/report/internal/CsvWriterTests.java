package dev.newsprobe.jobs.report.internal;

import java.io.StringWriter;
import java.util.List;

import dev.newsprobe.jobs.report.CsvReader;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CsvWriterTests {

	@Test
	void hostileValuesReadBackExactlyOnceTheGuardIsUndone() throws Exception {
		List<String> hostile = List.of("plain", "with, comma", "with \"quotes\"", "line\nbreak", "carriage\r\nreturn",
				"=HYPERLINK(\"http://evil.example\",\"click\")", "+1", "-2", "@SUM(A1)", "\tTab", "\rCR", "'apostrophe",
				"''two", "", "trailing space ", "ünïcødé ✓", "\"", ",", "=", "a=b", "-");
		StringWriter out = new StringWriter();
		CsvWriter csv = new CsvWriter(out);
		csv.record(hostile.toArray());
		csv.record("second", null, 42);

		List<List<String>> records = CsvReader.parse(out.toString());

		assertThat(records).hasSize(2);
		assertThat(records.get(0)).containsExactlyElementsOf(hostile);
		assertThat(records.get(1)).containsExactly("second", "", "42");
	}

	@Test
	void aCellAFormulaWouldStartWithIsWrittenWithAnApostropheInFront() {
		for (String formula : List.of("=1+2", "+1", "-1", "@x", "\tx", "\rx")) {
			assertThat(CsvWriter.escape(formula)).as(formula).matches("(?s)\"?'.*");
		}
		assertThat(CsvWriter.escape("=1+2,\"x\"")).isEqualTo("\"'=1+2,\"\"x\"\"\"");
		assertThat(CsvWriter.escape("https://example.com/a=b")).isEqualTo("https://example.com/a=b");
		assertThat(CsvWriter.escape("404 Not Found")).isEqualTo("404 Not Found");
	}

	@Test
	void recordsEndWithCrlfAndFieldsAreQuotedOnlyWhenTheyMustBe() throws Exception {
		StringWriter out = new StringWriter();
		CsvWriter csv = new CsvWriter(out);
		csv.record("a", "b c", "d,e");
		csv.record((Object) null);

		assertThat(out.toString()).isEqualTo("a,b c,\"d,e\"\r\n\r\n");
	}

}
