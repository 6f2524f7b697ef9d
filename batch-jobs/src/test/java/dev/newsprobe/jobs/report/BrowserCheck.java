package dev.newsprobe.jobs.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.fail;

/**
 * Runs {@code src/test/browser/check-report.mjs}: the report opened in headless Chromium (Debian's
 * {@code chromium} package) driven by {@code playwright-core}. Installs the npm package when it is
 * missing (as {@code .ci/run} does); fails, saying how to get it, when Chromium or Node.js is missing:
 * a browser test that quietly skips proves nothing.
 */
public final class BrowserCheck {

	static final Path SCRIPTS = scripts();

	private BrowserCheck() {
	}

	/** The script's directory: under the module (Maven's working directory) or from the repository root. */
	private static Path scripts() {
		Path module = Path.of("src", "test", "browser").toAbsolutePath();
		return Files.isDirectory(module) ? module : Path.of("batch-jobs", "src", "test", "browser").toAbsolutePath();
	}

	/**
	 * Opens a report and returns what the page showed and fetched, as JSON text.
	 * @param html the report
	 * @param screenshot where the screenshot of the whole page goes
	 * @param greyPrint where the screenshot as printed in grey goes
	 */
	public static String open(Path html, Path screenshot, Path greyPrint) throws Exception {
		String chromium = System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium");
		if (!Files.isExecutable(Path.of(chromium))) {
			fail("The HTML report test needs headless Chromium at " + chromium
					+ ": install Debian's package (apt-get install -y chromium; .ci/run does) or set CHROMIUM");
		}
		if (!Files.isRegularFile(SCRIPTS.resolve("node_modules/playwright-core/package.json"))) {
			Result install = run(List.of("npm", "ci", "--no-audit", "--no-fund"), 300);
			if (install.code() != 0) {
				fail("npm ci in " + SCRIPTS + " failed (" + install.code() + "): " + install.err());
			}
		}
		Files.createDirectories(screenshot.toAbsolutePath().getParent());
		Result check = run(List.of("node", "check-report.mjs", html.toAbsolutePath().toString(),
				screenshot.toAbsolutePath().toString(), greyPrint.toAbsolutePath().toString()), 180);
		if (check.code() != 0) {
			fail("check-report.mjs failed (" + check.code() + "): " + check.err());
		}
		return check.out();
	}

	private static Result run(List<String> command, int timeoutSeconds) throws Exception {
		Path out = Files.createTempFile("newsprobe-browser", ".out");
		Path err = Files.createTempFile("newsprobe-browser", ".err");
		try {
			Process process;
			try {
				process = new ProcessBuilder(new ArrayList<>(command)).directory(SCRIPTS.toFile())
					.redirectOutput(out.toFile())
					.redirectError(err.toFile())
					.start();
			}
			catch (IOException ex) {
				fail("cannot run " + command.get(0) + " (" + ex.getMessage()
						+ "): the HTML report test needs Node.js and npm (Debian's nodejs and npm packages)");
				return null;
			}
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				fail(String.join(" ", command) + " took longer than " + timeoutSeconds + " s");
			}
			return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
					Files.readString(err, StandardCharsets.UTF_8));
		}
		finally {
			Files.deleteIfExists(out);
			Files.deleteIfExists(err);
		}
	}

	private record Result(int code, String out, String err) {
	}

}
