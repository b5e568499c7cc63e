package io.ikev2kit.pki;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ikev2kit.pki.store.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a real external tool (openssl, strongSwan's pki) so tests judge outputs the way clients do.
 * A missing tool skips the test on a developer machine but fails it in CI, where .ci/run installs it.
 */
public final class Tool {
    private Tool() {
    }

    public static void require(String command) {
        boolean present = Files.isExecutable(Path.of("/usr/bin", command)) || Files.isExecutable(Path.of("/usr/sbin", command));
        if (!present && "true".equals(System.getenv("CI"))) {
            fail(command + " is missing in CI: .ci/run must install it");
        }
        assumeTrue(present, command + " is not installed");
    }

    public static Result run(String... command) {
        return run(null, List.of(command));
    }

    public static Result run(byte[] stdin, List<String> command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true);
            Process process = builder.start();
            if (stdin != null) {
                process.getOutputStream().write(stdin);
            }
            process.getOutputStream().close();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                fail(String.join(" ", command) + " timed out");
            }
            return new Result(process.exitValue(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Writes a secret to a 0600 file, so it reaches openssl as -passin file:, never on the command line. */
    public static Path secretFile(Path dir, String secret) throws IOException {
        Path file = Files.createTempFile(dir, "pass", ".txt");
        AtomicFiles.writeSecret(file, secret.getBytes(StandardCharsets.UTF_8));
        return file;
    }

    public record Result(int exitCode, String output) {
        public Result expectSuccess() {
            if (exitCode != 0) {
                fail("exit " + exitCode + ":\n" + output);
            }
            return this;
        }
    }
}
