package dev.newsprobe.core.http;

import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Where the body of a fetched image goes while it arrives, so that a large image never has to be
 * held in memory. Called only for the body of a successful (2xx) answer, in order, by one thread
 * at a time; a fetch that fails after some bytes were written says so in its outcome, and the
 * bytes written must then be thrown away.
 */
@FunctionalInterface
public interface BodySink {

	/**
	 * Takes the next bytes of the body.
	 * @param bytes the bytes, from their position to their limit; consumed by the call
	 * @throws IOException when the bytes cannot be kept, which ends the fetch as {@link FetchOutcome#FAILED}
	 */
	void write(ByteBuffer bytes) throws IOException;

}
