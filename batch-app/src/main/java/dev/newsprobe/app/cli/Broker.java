package dev.newsprobe.app.cli;

import java.io.PrintWriter;

import org.springframework.amqp.rabbit.connection.Connection;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.context.ApplicationContext;

/** The RabbitMQ that remote runs and workers share: whether it answers, said before anything starts. */
final class Broker {

	private Broker() {
	}

	/** Whether the configured RabbitMQ answers; if not, says so on the error output. */
	static boolean answers(ApplicationContext context, PrintWriter err) {
		ConnectionFactory rabbit = context.getBean(ConnectionFactory.class);
		try (Connection connection = rabbit.createConnection()) {
			return connection.isOpen();
		}
		catch (RuntimeException ex) {
			NewsprobeRuntime.warn(err, "cannot reach RabbitMQ at " + rabbit.getHost() + ":" + rabbit.getPort()
					+ " (spring.rabbitmq.*): " + ex.getMessage());
			return false;
		}
	}

}
