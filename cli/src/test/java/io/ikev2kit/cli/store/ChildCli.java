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

    /** Writes every rename(2) it makes, in order, to {@code trace} (strace(1)). */
    static Process startTracingRenames(Path trace, Path log, String... args) throws IOException {
        return start(List.of("strace", "-f", "-qq", "-o", trace.toString(), "-e", "trace=rename"), log, args);
    }

    /**
     * Killed (SIGKILL) as it enters its {@code nth} rename(2), before that file is replaced: strace's fault
     * injection (strace(1), -e inject=rename:signal=KILL:when=N).
     */
    static Process startKilledAtRename(int nth, Path log, String... args) throws IOException {
        return start(List.of("strace", "-f", "-qq", "-o", "/dev/null", "-e", "trace=rename",
                "-e", "inject=rename:signal=KILL:when=" + nth), log, args);
    }

    private static Process start(List<String> prefix, Path log, String... args) throws IOException {
        // Ctrl-C and kill as in a user's terminal: a build started in the background (nohup, '&' in a script) hands
        // its children SIGINT ignored, and a JVM keeps an ignored SIGINT ignored (env(1) --default-signal)
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT,TERM"));
        command.addAll(prefix);
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
