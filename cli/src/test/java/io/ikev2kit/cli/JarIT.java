package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the built jar as users do, so shading, the manifest and the provider setup are proven too. */
class JarIT {
    @TempDir
    Path tmp;

    @Test
    void builtJarInitsAndIssuesAndRejectsBadInputWithExitOne() throws Exception {
        Path jar = Path.of(System.getProperty("ikev2kit.jar", "target/ikev2kit.jar"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar) || "true".equals(System.getenv("CI")),
                "the jar is built in the package phase; run 'mvn verify'");
        Path pass = Tool.secretFile(tmp, "jar-test-passphrase");
        Path site = tmp.resolve("site");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Tool.run(null, List.of(java, "-jar", jar.toString(), "init", "--dir", site.toString(), "--host", "vpn.example.com",
                "--ca-password-file", pass.toString())).expectSuccess();
        Tool.Result add = Tool.run(null, List.of(java, "-jar", jar.toString(), "device", "add", "alice", "--dir",
                site.toString(), "--ca-password-file", pass.toString())).expectSuccess();
        assertTrue(add.output().contains("issued alice"), add.output());
        Tool.Result bad = Tool.run(null, List.of(java, "-jar", jar.toString(), "device", "add", "../x", "--dir",
                site.toString(), "--ca-password-file", pass.toString()));
        assertEquals(1, bad.exitCode(), bad.output());
        assertEquals(1, bad.output().strip().lines().count(), bad.output());
        assertEquals(2, Tool.run(null, List.of(java, "-jar", jar.toString(), "device", "add", "--nope")).exitCode());
    }
}
