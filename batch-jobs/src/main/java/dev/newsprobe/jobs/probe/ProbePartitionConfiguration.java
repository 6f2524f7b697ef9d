package dev.newsprobe.jobs.probe;

import dev.newsprobe.jobs.probe.internal.ProbeRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The partitioner of the probe step, for partitioned runs (see {@link HostPartitioner}). */
@Configuration(proxyBeanMethods = false)
public class ProbePartitionConfiguration {

	@Bean
	HostPartitioner probeHostPartitioner(ProbeRepository probeRepository) {
		return new HostPartitioner(probeRepository);
	}

}
