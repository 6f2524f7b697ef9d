package dev.newsprobe.core.frontmatter.internal;

import dev.newsprobe.core.frontmatter.YamlProblem;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.scanner.Scanner;
import org.snakeyaml.engine.v2.tokens.ScalarToken;
import org.snakeyaml.engine.v2.tokens.Token;

/**
 * The YAML library's scanner with one rule of YAML 1.2 it does not enforce: a comment must be
 * separated from what precedes it by white space. After a closing quote, bracket, brace or a
 * comma, {@code #} starts no comment and no value, so {@code key: "value"# note} is an error
 * (the YAML test suite's SU5Z, 9JBA, CVW2), which the library would read as a comment.
 */
public final class SpacedCommentScanner implements Scanner {

	private final Scanner scanner;

	private final SourceText text;

	private final int firstLine;

	public SpacedCommentScanner(Scanner scanner, SourceText text, int firstLine) {
		this.scanner = scanner;
		this.text = text;
		this.firstLine = firstLine;
	}

	@Override
	public boolean checkToken(Token.ID... choices) {
		return this.scanner.checkToken(choices);
	}

	@Override
	public Token peekToken() {
		return this.scanner.peekToken();
	}

	@Override
	public boolean hasNext() {
		return this.scanner.hasNext();
	}

	@Override
	public Token next() {
		Token token = this.scanner.next();
		if (endsBeforeAComment(token)) {
			Mark end = token.getEndMark().orElseThrow();
			throw new YamlProblem(YamlProblem.Kind.SYNTAX, end.getLine() + this.firstLine, end.getColumn() + 1,
					"'#' right after " + what(token) + " starts no comment: put a space before it (or quote the text, if '#' belongs to it)");
		}
		return token;
	}

	@Override
	public void resetDocumentIndex() {
		this.scanner.resetDocumentIndex();
	}

	private boolean endsBeforeAComment(Token token) {
		boolean closes = switch (token.getTokenId()) {
			case FlowEntry, FlowSequenceEnd, FlowMappingEnd -> true;
			case Scalar -> {
				ScalarStyle style = ((ScalarToken) token).getStyle();
				yield style == ScalarStyle.DOUBLE_QUOTED || style == ScalarStyle.SINGLE_QUOTED;
			}
			default -> false;
		};
		return closes && token.getEndMark().isPresent() && this.text.codePointAt(token.getEndMark().get().getIndex()) == '#';
	}

	private static String what(Token token) {
		return switch (token.getTokenId()) {
			case FlowEntry -> "a comma";
			case FlowSequenceEnd -> "']'";
			case FlowMappingEnd -> "'}'";
			default -> "a closing quote";
		};
	}

}
