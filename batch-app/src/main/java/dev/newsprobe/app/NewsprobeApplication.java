package dev.newsprobe.app;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import dev.newsprobe.app.cli.NewsprobeCli;
import dev.newsprobe.app.database.DataSourceConfiguration;
import dev.newsprobe.app.database.DatabaseStartup;
import dev.newsprobe.app.metrics.MetricsConfiguration;
import dev.newsprobe.app.launch.GracefulShutdown;
import dev.newsprobe.jobs.definition.ArticleAuditJobConfiguration;
import dev.newsprobe.jobs.definition.CacheRefreshJobConfiguration;
import dev.newsprobe.jobs.definition.RunSettings;
import dev.newsprobe.jobs.database.DatabaseConfiguration;
import dev.newsprobe.jobs.operate.OperationsConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * The newsprobe executable: one command per run ({@code audit}, {@code status}, ...), exit code
 * to the caller. The Spring application is started only for commands that need it.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import({ DataSourceConfiguration.class, MetricsConfiguration.class, DatabaseConfiguration.class,
		ArticleAuditJobConfiguration.class, CacheRefreshJobConfiguration.class, OperationsConfiguration.class })
public class NewsprobeApplication {

	/** Name of the {@link PrintWriter} bean for messages to the person at the terminal. */
	public static final String CONSOLE = "newsprobeConsole";

	public static void main(String[] args) {
		PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
		PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
		GracefulShutdown shutdown = new GracefulShutdown(err).install();
		NewsprobeCli cli = new NewsprobeCli(springArgs -> shutdown.watch(start(springArgs, err)), out, err);
		int code = cli.execute(args);
		shutdown.finished(code);
		System.exit(code);
	}

	/**
	 * Starts the application.
	 * @param args configuration arguments ({@code --newsprobe.*=...}, {@code --spring.*=...})
	 * @param console where messages for the person at the terminal go (e.g. where the embedded
	 * database is and how to connect to it)
	 * @return the running application
	 */
	public static ConfigurableApplicationContext start(String[] args, PrintWriter console) {
		SpringApplication application = new SpringApplication(NewsprobeApplication.class);
		// GracefulShutdown stops a running job first; Boot's own hook would close the pool under it.
		application.setRegisterShutdownHook(false);
		application.addInitializers(context -> context.getBeanFactory().registerSingleton(CONSOLE, console),
				NewsprobeApplication::runSettingsOfTheRun, new DatabaseStartup(console));
		return application.run(args);
	}

	/** An application started to resume a run with its own settings takes them from its command line alone. */
	private static void runSettingsOfTheRun(ConfigurableApplicationContext context) {
		if (context.getEnvironment().getProperty(RunSettings.ONLY_FROM_COMMAND_LINE, Boolean.class, false)) {
			RunSettings.keepOnlyFromCommandLine(context.getEnvironment());
		}
	}

}
