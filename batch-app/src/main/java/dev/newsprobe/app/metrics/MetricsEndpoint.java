package dev.newsprobe.app.metrics;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A Prometheus scrape endpoint, {@code GET /metrics}, on the JDK's own HTTP server: what a
 * long-running {@code schedule} offers. It binds to one address (127.0.0.1 unless told otherwise),
 * answers nothing but the metrics, and stops with the process.
 */
public final class MetricsEndpoint implements AutoCloseable {

	/** The content type of Prometheus's text format. */
	public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

	private final HttpServer server;

	private MetricsEndpoint(HttpServer server) {
		this.server = server;
	}

	/**
	 * Starts serving.
	 * @param address where to listen (port 0 picks a free one)
	 * @param scrape the metrics in Prometheus's text format, produced per request
	 * @return the running endpoint
	 * @throws IOException when the address cannot be bound (in use, not local)
	 */
	public static MetricsEndpoint start(InetSocketAddress address, Supplier<String> scrape) throws IOException {
		HttpServer server = HttpServer.create(address, 16);
		server.createContext("/", exchange -> {
			try (exchange) {
				String path = exchange.getRequestURI().getPath();
				if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
					answer(exchange, 405, "text/plain; charset=utf-8", "GET /metrics\n");
				}
				else if (path.equals("/metrics")) {
					answer(exchange, 200, CONTENT_TYPE, scrape.get());
				}
				else {
					answer(exchange, 404, "text/plain; charset=utf-8", "newsprobe serves its metrics at /metrics\n");
				}
			}
		});
		server.setExecutor(Executors.newSingleThreadExecutor(runnable -> {
			Thread thread = new Thread(runnable, "newsprobe-metrics");
			thread.setDaemon(true);
			return thread;
		}));
		server.start();
		return new MetricsEndpoint(server);
	}

	/** The address actually bound. */
	public InetSocketAddress address() {
		return this.server.getAddress();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().set("Content-Type", contentType);
		boolean head = exchange.getRequestMethod().equals("HEAD");
		exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
		if (!head) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
	}

}
