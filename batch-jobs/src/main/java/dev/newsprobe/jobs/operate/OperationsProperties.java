package dev.newsprobe.jobs.operate;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How running job executions report that they are alive, and how long a graceful stop may take.
 *
 * @param heartbeatInterval how often a process records that its running executions are alive
 * @param heartbeatTimeout how old the last heartbeat of a running execution may be before {@code recover} takes its
 * process for gone; keep it several times the interval
 * @param stopTimeout how long SIGTERM or Ctrl-C waits for a running execution to stop after its current chunk
 * before the process exits anyway
 */
@ConfigurationProperties("newsprobe.operations")
public record OperationsProperties(@DefaultValue("5s") Duration heartbeatInterval,
		@DefaultValue("60s") Duration heartbeatTimeout, @DefaultValue("30s") Duration stopTimeout) {

	public OperationsProperties {
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("newsprobe.operations.heartbeat-interval must be positive");
		}
		if (heartbeatTimeout.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException(
					"newsprobe.operations.heartbeat-timeout must be longer than the heartbeat interval");
		}
	}

}
