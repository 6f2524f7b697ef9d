package dev.newsprobe.app.database;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where newsprobe keeps what it owns on this machine: the embedded PostgreSQL's data and
 * password, the reports and the image store. {@code NEWSPROBE_HOME} (or {@code newsprobe.home})
 * when set; otherwise {@code newsprobe} in the XDG data directory ({@code $XDG_DATA_HOME}, by
 * default {@code ~/.local/share}).
 * <p>
 * Why not {@code ./.newsprobe}, where earlier versions kept it: a home relative to the working
 * directory is a different database in every directory, so {@code status} run from elsewhere
 * found a new empty one, and a systemd unit, a crontab line and a person at a terminal each saw
 * another. The XDG directory is the same from every directory and for every way of starting
 * newsprobe (the launcher, {@code java -jar}, a service), survives {@code git clean} of a
 * checkout, and keeps data out of the repository.
 *
 * @param directory the home, absolute and normalised
 * @param configured whether it was given ({@code NEWSPROBE_HOME} or {@code newsprobe.home}) rather than the default
 */
public record NewsprobeHome(Path directory, boolean configured) {

	/** The property that names the home. */
	public static final String PROPERTY = "newsprobe.home";

	/** Where earlier versions kept the home, relative to the working directory. */
	static final Path LEGACY = Path.of(".newsprobe");

	/**
	 * The home a configuration names.
	 * @param value the value of {@code newsprobe.home}, or {@code null} or blank for the default
	 * @param env the process's environment (for {@code XDG_DATA_HOME})
	 * @param userHome the user's home directory
	 * @return the home
	 */
	public static NewsprobeHome of(String value, Map<String, String> env, Path userHome) {
		if (value != null && !value.isBlank()) {
			return new NewsprobeHome(Path.of(value.strip()).toAbsolutePath().normalize(), true);
		}
		String xdg = env.get("XDG_DATA_HOME");
		// the XDG base directory specification: a relative value is invalid and must be ignored
		Path data = (xdg != null && !xdg.isBlank() && Path.of(xdg).isAbsolute()) ? Path.of(xdg)
				: userHome.resolve(".local").resolve("share");
		return new NewsprobeHome(data.resolve("newsprobe").toAbsolutePath().normalize(), false);
	}

	/** The home of this process's configuration value. */
	public static NewsprobeHome of(String value) {
		return of(value, System.getenv(), userHome());
	}

	/** The user's home directory: {@code $HOME}, as the XDG specification has it, else the JVM's {@code user.home}. */
	static Path userHome() {
		String home = System.getenv("HOME");
		return (home != null && !home.isBlank() && Path.of(home).isAbsolute()) ? Path.of(home)
				: Path.of(System.getProperty("user.home"));
	}

	/**
	 * The home earlier versions would have used from this working directory, when it holds a
	 * database and is not this home: a user upgrading finds their history there.
	 */
	public java.util.Optional<Path> legacyHomeBeside() {
		Path legacy = LEGACY.toAbsolutePath().normalize();
		if (this.configured || legacy.equals(this.directory) || !Files.isDirectory(legacy.resolve("postgres"))) {
			return java.util.Optional.empty();
		}
		return java.util.Optional.of(legacy);
	}

	@Override
	public String toString() {
		return this.directory.toString();
	}

}
