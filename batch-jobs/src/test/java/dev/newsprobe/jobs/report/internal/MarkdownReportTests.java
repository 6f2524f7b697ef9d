package dev.newsprobe.jobs.report.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MarkdownReportTests {

	@Test
	void untrustedTextStaysInItsTableCellAndRendersAsText() {
		String cell = MarkdownReport.text("Evil | Corp\n<script>alert(1)</script> [x](javascript:y) *bold*");

		assertThat(cell).doesNotContain("\n").doesNotContain("<script>");
		assertThat(cell.replace("\\|", "")).doesNotContain("|");
		assertThat(cell).contains("Evil \\| Corp", "\\<script\\>", "\\[x\\]", "\\*bold\\*");
	}

	@Test
	void urlsAreCodeSpansLongerThanAnyBacktickRunInThem() {
		assertThat(MarkdownReport.code("https://example.com/a|b")).isEqualTo("`https://example.com/a\\|b`");
		assertThat(MarkdownReport.code("https://example.com/``x")).isEqualTo("```https://example.com/``x```");
		assertThat(MarkdownReport.code("`start")).isEqualTo("`` `start ``");
		assertThat(MarkdownReport.code("line\nbreak")).isEqualTo("`line break`");
		assertThat(MarkdownReport.code(null)).isEqualTo("-");
	}

}
