package io.ikev2kit.packaging;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/** Runs a real program for a packaging test and keeps what it printed, stdout and stderr apart. */
record Run(List<String> command, int exit, String out, String err) {

    static Run of(String... command) {
        return in(null, Map.of(), List.of(command));
    }

    /** {@code command} in {@code dir} (null: here) with {@code env} added to this process's environment. */
    static Run in(Path dir, Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (dir != null) {
            builder.directory(dir.toFile());
        }
        builder.environment().putAll(env);
        try {
            Path err = Files.createTempFile("ikev2kit-run", ".err");
            try {
                Process process = builder.redirectError(err.toFile()).start();
                process.getOutputStream().close();
                String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(300, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    Assertions.fail(command + " did not finish within 300 s");
                }
                return new Run(command, process.exitValue(), out, Files.readString(err));
            } finally {
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Run orFail() {
        Assertions.assertEquals(0, exit, () -> String.join(" ", command) + " failed:\n" + out + err);
        return this;
    }

    /** Skips when {@code program} is missing here, but fails under CI=true, where its absence is a broken setup. */
    static void require(String program, String why) {
        boolean present = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
        if (!present) {
            skipOrFail(program + " is not installed, so " + why + " cannot be checked");
        }
    }

    static void skipOrFail(String reason) {
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(reason + " (required under CI=true)");
        }
        Assumptions.abort(reason);
    }

    /** A file the build was asked to make (failsafe passes its path); the build's own output, so never skipped. */
    static Path built(String property) {
        String path = System.getProperty(property);
        Assertions.assertNotNull(path, "system property " + property + " is not set; run through 'mvn verify'");
        return Path.of(path);
    }
}
