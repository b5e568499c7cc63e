package io.ikev2kit.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A SoftHSM2 token in a directory of its own, for one test. SoftHSM reads its token directory from
 * SOFTHSM2_CONF when a process loads it, so whatever uses the token runs as a child process with {@link #env()}.
 */
public record SoftHsm(Path config, String label, String pin) {
    /** Debian's path (the multiarch one is where the package really puts it; this is its link). */
    public static final List<Path> MODULES = List.of(Path.of("/usr/lib/softhsm/libsofthsm2.so"),
            Path.of("/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so"));
    /** What a JVM needs to reach PKCS#11 the way the jar's manifest arranges it. */
    public static final String ADD_EXPORTS = "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";
    private static final boolean CI = "true".equals(System.getenv("CI"));

    public static Path module() {
        return MODULES.stream().filter(Files::isRegularFile).findFirst().orElse(MODULES.get(0));
    }

    /** Skips where SoftHSM2 and OpenSC are not installed; under CI=true they must be (.ci/run installs them). */
    public static void requireOrSkip() {
        boolean available = Files.isRegularFile(module()) && onPath("softhsm2-util") && onPath("pkcs11-tool");
        if (CI) {
            if (!available) {
                throw new AssertionError("CI must have SoftHSM2 and OpenSC (softhsm2, opensc in .ci/run)");
            }
        }
        Assumptions.assumeTrue(available, "SoftHSM2 or OpenSC is not installed: apt-get install softhsm2 opensc");
    }

    /** A fresh token labelled {@code label} with user PIN {@code pin}, its files under {@code dir}. */
    public static SoftHsm create(Path dir, String label, String pin) {
        try {
            Path tokens = Files.createDirectories(dir.resolve("tokens"));
            Path config = Files.writeString(dir.resolve("softhsm2.conf"), "directories.tokendir = " + tokens
                    + "\nobjectstore.backend = file\nlog.level = ERROR\n", StandardCharsets.UTF_8);
            SoftHsm hsm = new SoftHsm(config, label, pin);
            hsm.run("softhsm2-util", "--init-token", "--free", "--label", label, "--pin", pin, "--so-pin", "so-" + pin);
            return hsm;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Map<String, String> env() {
        return Map.of("SOFTHSM2_CONF", config.toString());
    }

    /** pkcs11-tool against this token, logged in; returns what it printed. */
    public String pkcs11Tool(String... args) {
        List<String> command = new ArrayList<>(List.of("pkcs11-tool", "--module", module().toString(),
                "--token-label", label, "--login", "--pin", pin));
        command.addAll(List.of(args));
        return run(command.toArray(String[]::new));
    }

    public String run(String... command) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().putAll(env());
            Process process = builder.start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
