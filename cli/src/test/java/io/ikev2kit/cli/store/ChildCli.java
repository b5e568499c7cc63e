package io.ikev2kit.cli.store;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs ikev2kit in a child JVM, as a user would, so a test can kill it or run two at once. */
final class ChildCli {
    private ChildCli() {
    }

    static Process start(Path log, String... args) throws IOException {
        return start(List.of(), log, args);
    }

    /** Under the given umask, set by a shell that then becomes the JVM (Java cannot set its own umask). */
    static Process startWithUmask(String umask, Path log, String... args) throws IOException {
        return start(List.of("/bin/sh", "-c", "umask " + umask + " && exec \"$@\"", "sh"), log, args);
    }

    private static Process start(List<String> prefix, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(prefix);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"), "io.ikev2kit.cli.Main"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().remove("IKEV2KIT_CA_PASSWORD");
        builder.environment().remove("IKEV2KIT_P12_PASSWORD");
        return builder.start();
    }
}
