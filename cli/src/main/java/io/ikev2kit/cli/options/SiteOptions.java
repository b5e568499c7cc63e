package io.ikev2kit.cli.options;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options every command takes. */
public final class SiteOptions {
    @Option(names = "--dir", paramLabel = "DIR", description = "The site directory (default: the current directory).")
    public Path dir = Path.of(".");

    @Option(names = "--verbose", description = "Show stack traces for errors.")
    boolean verbose;

    public Path dir() {
        return dir.toAbsolutePath().normalize();
    }
}
