package dev.newsprobe.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code newsprobe worker}: runs partitions of remote runs, taken from RabbitMQ, until stopped. */
@Command(name = "worker", mixinStandardHelpOptions = true,
		header = "Runs partitions of remote audits, taken from RabbitMQ, until stopped.", sortOptions = false,
		description = { "Takes partitions of 'audit --remote' runs from RabbitMQ, one at a time, runs them and writes",
				"to the shared database. Start any number, on any machine, with the manager's database",
				"(NEWSPROBE_DB_URL) and RabbitMQ (--spring.rabbitmq.host=..., port, username, password).",
				"Runs until SIGTERM or Ctrl-C." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:stopped", "1:cannot reach RabbitMQ or the database", "2:usage or configuration error" })
final class WorkerCommand implements Callable<Integer> {

	@Spec
	CommandSpec spec;

	@Option(names = "--queue", paramLabel = "NAME",
			description = "The queue of partition requests (default: newsprobe.partition.queue, newsprobe.partitions).")
	String queue;

	private final NewsprobeRuntime runtime;

	WorkerCommand(NewsprobeRuntime runtime) {
		this.runtime = runtime;
	}

	@Override
	public Integer call() throws Exception {
		this.runtime.property("newsprobe.partition.worker", "true", true);
		if (this.queue != null) {
			this.runtime.property("newsprobe.partition.queue", this.queue, true);
		}
		var out = this.spec.commandLine().getOut();
		var err = this.spec.commandLine().getErr();
		CountDownLatch closed = new CountDownLatch(1);
		ConfigurableApplicationContext context = this.runtime.context();
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) event -> closed.countDown());
		if (!Broker.answers(context, err)) {
			return ExitCodes.FAILED;
		}
		ConnectionFactory rabbit = context.getBean(ConnectionFactory.class);
		String broker = rabbit.getHost() + ":" + rabbit.getPort();
		String name = context.getEnvironment().getProperty("newsprobe.partition.queue", "newsprobe.partitions");
		out.printf("newsprobe worker: taking partitions from queue '%s' on RabbitMQ %s; stop with SIGTERM or Ctrl-C%n", name,
				broker);
		out.flush();
		closed.await();
		return ExitCodes.COMPLETED;
	}

}
