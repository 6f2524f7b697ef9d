package dev.newsprobe.core.http;

/**
 * Judges the first bytes of a body that is handed on to a {@link BodySink}: a body whose start is refused is
 * not read further (an HTML error page served where an image should be costs its first bytes only).
 */
@FunctionalInterface
public interface PrefixCheck {

	/**
	 * @param bytes the buffer holding the first bytes
	 * @param length how many of them were read: the prefix size asked for, or less when the body is shorter
	 * @return whether the body is to be read on
	 */
	boolean accepts(byte[] bytes, int length);

}
