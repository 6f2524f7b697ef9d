package dev.newsprobe.jobs.partition;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.batch.integration.partition.StepExecutionRequest;

/**
 * Puts Spring Batch's partition requests on RabbitMQ as a small JSON text,
 * {@code {"stepName":"articleAuditJob.probe","stepExecutionId":42}}, and reads them back strictly.
 * Not Java serialisation: nothing a message says is ever turned into an object of its choosing,
 * and an operator can read the dead-letter queue. Anything else is a {@link MessageConversionException},
 * which the worker's listener rejects without requeueing, so it lands in the dead-letter queue.
 */
final class PartitionRequestConverter implements MessageConverter {

	private static final Pattern REQUEST = Pattern
		.compile("\\s*\\{\\s*\"stepName\"\\s*:\\s*\"([A-Za-z0-9_.:-]{1,200})\"\\s*,\\s*\"stepExecutionId\"\\s*:\\s*(\\d{1,18})\\s*}\\s*");

	@Override
	public Message toMessage(Object object, MessageProperties properties) {
		if (!(object instanceof StepExecutionRequest request)) {
			throw new MessageConversionException("not a partition request: " + object);
		}
		properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
		properties.setContentEncoding("UTF-8");
		String body = "{\"stepName\":\"" + request.getStepName() + "\",\"stepExecutionId\":" + request.getStepExecutionId()
				+ "}";
		return new Message(body.getBytes(StandardCharsets.UTF_8), properties);
	}

	@Override
	public Object fromMessage(Message message) {
		byte[] body = message.getBody();
		String text = (body == null) ? "" : new String(body, StandardCharsets.UTF_8);
		Matcher matcher = REQUEST.matcher(text);
		if (body == null || body.length > 1024 || !matcher.matches()) {
			String shown = text.length() > 80 ? text.substring(0, 80) + "..." : text;
			throw new MessageConversionException("not a newsprobe partition request: '" + shown.replaceAll("\\p{Cntrl}", "?")
					+ "' (expected {\"stepName\":\"...\",\"stepExecutionId\":N})");
		}
		return new StepExecutionRequest(matcher.group(1), Long.parseLong(matcher.group(2)));
	}

}
