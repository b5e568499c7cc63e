package io.ikev2kit.profiles.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs external commands with a time limit and captured output; the lab's only way to touch the system. */
final class Shell {

    /** Where root's tools live even when the test JVM's PATH lacks the sbin directories. */
    private static final List<String> FALLBACK_PATH = List.of("/usr/local/sbin", "/usr/sbin", "/sbin", "/usr/bin", "/bin");

    private Shell() {
    }

    /** What a finished command left behind. */
    record Result(List<String> command, int exitCode, String stdout, String stderr) {

        boolean ok() {
            return exitCode == 0;
        }

        String output() {
            return stderr.isEmpty() ? stdout : stdout + stderr;
        }

        Result orThrow() {
            if (!ok()) {
                throw new IllegalStateException(describe());
            }
            return this;
        }

        String describe() {
            return String.join(" ", command) + " exited with " + exitCode + ":\n" + output();
        }
    }

    static Result run(Duration timeout, String... command) {
        return run(timeout, Map.of(), null, List.of(command));
    }

    /** Runs {@code command} to completion; kills it and throws when it outlives {@code timeout}. */
    static Result run(Duration timeout, Map<String, String> env, Path stdin, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectInput(stdin == null ? ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())
                : ProcessBuilder.Redirect.from(stdin.toFile()));
        Process process = start(builder);
        CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> drain(process.getInputStream()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> drain(process.getErrorStream()));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(List.copyOf(command), process.exitValue(),
                    stdout.get(5, TimeUnit.SECONDS), stderr.get(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("could not read the output of " + command, e);
        }
    }

    /** Starts a long-running command whose stdout and stderr go to {@code outputFile}. */
    static Process startInBackground(Map<String, String> env, Path outputFile, List<String> command) {
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().putAll(env);
        builder.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        builder.redirectErrorStream(true);
        builder.redirectOutput(outputFile.toFile());
        return start(builder);
    }

    /** The executable called {@code name} on PATH or in the usual sbin directories. */
    static Optional<Path> find(String name) {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(":")));
        dirs.addAll(FALLBACK_PATH);
        return dirs.stream()
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Path.of(dir, name))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /** Like {@link #find} but for tools the lab cannot work without. */
    static String require(String name) {
        return find(name).map(Path::toString)
                .orElseThrow(() -> new IllegalStateException(name + " not found on PATH or in /usr/sbin, /sbin"));
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + builder.command(), e);
        }
    }

    private static String drain(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
