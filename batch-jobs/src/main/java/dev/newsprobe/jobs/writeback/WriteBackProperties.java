package dev.newsprobe.jobs.writeback;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How write-back runs.
 *
 * @param chunkSize how many files are rewritten per transaction of audit events; a restart
 * resumes after the last committed chunk
 */
@ConfigurationProperties("newsprobe.write-back")
public record WriteBackProperties(@DefaultValue("50") int chunkSize) {

	public WriteBackProperties {
		if (chunkSize < 1) {
			throw new IllegalArgumentException("newsprobe.write-back.chunk-size must be at least 1, was " + chunkSize);
		}
	}

}
