package dev.newsprobe.app.launch;

import org.springframework.context.ApplicationEvent;

/**
 * SIGTERM or Ctrl-C reached the process: a command that waits for something other than a job
 * (the schedule between triggers, a worker between partitions) ends its wait on it. Running jobs
 * are asked to stop separately.
 */
public final class ShutdownRequestedEvent extends ApplicationEvent {

	public ShutdownRequestedEvent(Object source) {
		super(source);
	}

}
