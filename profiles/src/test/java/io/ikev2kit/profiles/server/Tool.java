package io.ikev2kit.profiles.server;

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

/** Runs a real tool (nft, iptables-restore, shellcheck ...) for a test and captures what it said. */
final class Tool {
    private Tool() {
    }

    record Result(int exit, String output, List<String> command) {
        boolean ok() {
            return exit == 0;
        }

        Result orFail() {
            Assertions.assertEquals(0, exit, () -> String.join(" ", command) + " said:\n" + output);
            return this;
        }
    }

    static Result run(String... command) {
        return run(Map.of(), List.of(command));
    }

    static Result run(Map<String, String> env, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(command + " did not finish within 60 s");
            }
            return new Result(process.exitValue(), output, command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Skips when the tool is missing here, but fails on CI (CI=true), where its absence is a broken pipeline. */
    static void require(String name, String why) {
        boolean present = List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin").stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, name)));
        if (present) {
            return;
        }
        String message = name + " is not installed, so " + why + " cannot be checked";
        if ("true".equals(System.getenv("CI"))) {
            Assertions.fail(message + " (CI=true)");
        }
        Assumptions.abort(message);
    }

    /** Root is needed for network and mount namespaces. */
    static void requireRoot() {
        String uid = run("id", "-u").output().trim();
        if (!"0".equals(uid)) {
            if ("true".equals(System.getenv("CI"))) {
                Assertions.fail("these checks need root (CI=true)");
            }
            Assumptions.abort("not root: namespaces for nft/iptables checks are unavailable");
        }
    }
}
