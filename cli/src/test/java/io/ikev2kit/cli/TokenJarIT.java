package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.SoftHsm;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built jar reaches a token with nothing but {@code java -jar}: its manifest's Add-Exports opens the JDK's
 * PKCS#11 binding, which finding a token and a key by label needs.
 */
class TokenJarIT {
    @TempDir
    Path tmp;

    @Test
    void builtJarMakesATokenSiteWithoutExtraJvmFlags() throws Exception {
        SoftHsm.requireOrSkip();
        Path jar = Path.of(System.getProperty("ikev2kit.jar", "target/ikev2kit.jar"));
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar) || "true".equals(System.getenv("CI")),
                "the jar is built in the package phase; run 'mvn verify'");
        SoftHsm hsm = SoftHsm.create(tmp.resolve("hsm"), "jar-ca", "402753");
        Path site = tmp.resolve("site");
        Path log = tmp.resolve("out.txt");
        ProcessBuilder init = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "init", "--dir", site.toString(), "--host", "vpn.example.com",
                "--ca-key", "pkcs11:token=jar-ca;object=ca", "--pkcs11-module", SoftHsm.module().toString())
                .redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        init.environment().keySet().removeIf(k -> k.startsWith("IKEV2KIT_") || k.startsWith("JDK_JAVA_OPTIONS")
                || k.equals("JAVA_TOOL_OPTIONS"));
        init.environment().putAll(hsm.env());
        init.environment().put("IKEV2KIT_CA_PIN", "402753");
        Process process = init.start();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), Files.readString(log));
        assertFalse(Files.exists(site.resolve("pki/ca.key")));
        assertTrue(hsm.pkcs11Tool("--list-objects", "--type", "privkey").contains("never extractable"));
        assertTrue(List.of(Files.readString(site.resolve("site.conf")).split("\n"))
                .contains("ca-key = pkcs11:token=jar-ca;object=ca;type=private"));
    }
}
