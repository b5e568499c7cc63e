package io.ikev2kit.profiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real openssl on files a test wrote; passwords travel in files ({@code -passin file:}), never argv. */
public final class OpenSsl {
    private OpenSsl() {
    }

    public record Result(int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }
    }

    public static Result run(String... args) {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            var err = java.util.concurrent.CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            String out = readAll(process.getInputStream());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("openssl timed out: " + command);
            }
            return new Result(process.exitValue(), out, err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The certificates (PEM) in a p12, opened with {@code password}; exit code non-zero when it does not open. */
    public static Result pkcs12Certificates(byte[] p12, String password, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "device", ".p12");
            Path pass = Files.createTempFile(dir, "pass", ".txt");
            Files.write(file, p12);
            Files.writeString(pass, password + "\n", StandardCharsets.UTF_8);
            return run("pkcs12", "-in", file.toString(), "-passin", "file:" + pass, "-nokeys");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code openssl pkcs12 -info}: opens the p12 with the password, keys included, and describes its encryption. */
    public static Result pkcs12Info(byte[] p12, String password, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "device", ".p12");
            Path pass = Files.createTempFile(dir, "pass", ".txt");
            Files.write(file, p12);
            Files.writeString(pass, password + "\n", StandardCharsets.UTF_8);
            return run("pkcs12", "-info", "-in", file.toString(), "-passin", "file:" + pass, "-noenc");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The SHA-1 fingerprint of a DER certificate as openssl prints it, colons removed, upper case. */
    public static String sha1Fingerprint(byte[] der, Path dir) {
        try {
            Path file = Files.createTempFile(dir, "cert", ".der");
            Files.write(file, der);
            Result r = run("x509", "-inform", "DER", "-in", file.toString(), "-noout", "-fingerprint", "-sha1");
            if (!r.ok()) {
                throw new AssertionError("openssl cannot read the certificate: " + r.stderr());
            }
            return r.stdout().trim().replaceFirst("(?i)^sha1 fingerprint=", "").replace(":", "").toUpperCase(java.util.Locale.ROOT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
