package dev.newsprobe.jobs.partition;

import java.util.List;
import java.util.Map;

import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.QueueBuilder;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.StepExecutionRequestHandler;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageChannel;

/**
 * Remote partitioning over RabbitMQ. The manager ({@code audit --remote}) sends one request per
 * partition to the queue and polls the shared job repository for the partitions' end; each worker
 * ({@code newsprobe worker}) takes one request at a time and runs the partition with Spring Batch's
 * {@link StepExecutionRequestHandler}, writing to the shared database. A request is acknowledged only
 * when its partition has ended, so a worker that dies hands it back to the broker (see
 * {@link PartitionRequestGate}); one that no worker can read is rejected without requeue into the
 * dead-letter queue ({@code <queue>.dead}), never redelivered in a loop. Connection settings are
 * Spring Boot's {@code spring.rabbitmq.*}.
 */
@Configuration(proxyBeanMethods = false)
public class RemotePartitionConfiguration {

	/** Name of the channel the remote manager sends partition requests to. */
	public static final String REQUESTS = "newsprobePartitionRequests";

	static Declarables queues(PartitionProperties properties) {
		return new Declarables(
				QueueBuilder.durable(properties.queue())
					.withArguments(Map.of("x-dead-letter-exchange", "", "x-dead-letter-routing-key",
							properties.deadLetterQueue()))
					.build(),
				QueueBuilder.durable(properties.deadLetterQueue()).build());
	}

	/** The manager's side: requests to the queue. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "newsprobe.partition.remote", havingValue = "true")
	static class Manager {

		@Bean
		Declarables newsprobeManagerQueues(PartitionProperties properties) {
			return queues(properties);
		}

		@Bean(REQUESTS)
		MessageChannel newsprobePartitionRequests() {
			return new DirectChannel();
		}

		@Bean
		IntegrationFlow newsprobePartitionRequestsToRabbit(@Qualifier(REQUESTS) MessageChannel requests,
				ConnectionFactory connectionFactory, PartitionProperties properties) {
			RabbitTemplate template = new RabbitTemplate(connectionFactory);
			template.setMessageConverter(new PartitionRequestConverter());
			return IntegrationFlow.from(requests)
				.handle(Amqp.outboundAdapter(template).exchangeName("").routingKey(properties.queue()))
				.get();
		}

	}

	/** The worker's side: requests from the queue, one partition at a time. */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnProperty(name = "newsprobe.partition.worker", havingValue = "true")
	static class Worker {

		@Bean
		Declarables newsprobeWorkerQueues(PartitionProperties properties) {
			return queues(properties);
		}

		@Bean
		SimpleMessageListenerContainer newsprobePartitionListener(ConnectionFactory connectionFactory,
				PartitionProperties properties) {
			SimpleMessageListenerContainer container = new SimpleMessageListenerContainer(connectionFactory);
			container.setQueueNames(properties.queue());
			container.setConcurrentConsumers(1);
			container.setPrefetchCount(1);
			// any failure to take a request rejects it into the dead-letter queue, never back onto the queue
			container.setDefaultRequeueRejected(false);
			return container;
		}

		@Bean
		IntegrationFlow newsprobePartitionRequestsFromRabbit(SimpleMessageListenerContainer newsprobePartitionListener,
				JobRepository jobRepository, Step articleAuditIngestChunkStep, Step articleAuditProbeChunkStep) {
			StepExecutionRequestHandler handler = new StepExecutionRequestHandler();
			handler.setJobRepository(jobRepository);
			handler.setStepLocator(new NamedSteps(List.of(articleAuditIngestChunkStep, articleAuditProbeChunkStep)));
			PartitionRequestGate gate = new PartitionRequestGate(jobRepository);
			return IntegrationFlow
				.from(Amqp.inboundAdapter(newsprobePartitionListener).messageConverter(new PartitionRequestConverter()))
				.filter(Message.class, gate::accept)
				.handle(handler, "handle")
				.nullChannel();
		}

	}

}
