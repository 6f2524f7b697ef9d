package dev.newsprobe.jobs.bench;

import dev.newsprobe.jobs.test.JobsTestApplication;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * A worker process for {@link PartitionBenchmark}: the jobs as the application wires them, taking
 * partitions from RabbitMQ until killed. Arguments are {@code name=value} properties.
 */
public final class BenchWorker {

	private BenchWorker() {
	}

	public static void main(String[] args) throws InterruptedException {
		new SpringApplicationBuilder(JobsTestApplication.class).bannerMode(Banner.Mode.OFF)
			.web(WebApplicationType.NONE)
			.properties(args)
			.properties("newsprobe.partition.worker=true")
			.run();
		System.out.println("bench worker ready");
		System.out.flush();
		Thread.currentThread().join();
	}

}
