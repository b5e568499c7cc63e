package io.ikev2kit.profiles.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** swanctl exits 0 on some broken configs; the lab must still refuse to start a charon that did not take them. */
class CharonLoadingTest {

    @TempDir
    Path dir;

    private NetnsLab lab;

    @AfterEach
    void tearDownLab() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void refusesSwanctlConfThatDoesNotParse() throws IOException {
        // a dot is not allowed in a section name
        Path swanctl = write("syntax/swanctl.conf", "connections {\n    vpn.test {\n    }\n}\n");
        startLab();

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lab.startCharon(Side.SERVER, swanctl.getParent()));

        assertTrue(e.getMessage().contains("syntax error"), e::getMessage);
    }

    @Test
    void refusesPkcs12WithWrongSecret() throws IOException {
        startLab();
        LabCredentials credentials = LabCredentials.issue(Files.createDirectory(dir.resolve("pki")), "right");
        Path swanctl = write("client/swanctl.conf",
                "secrets {\n    pkcs12-alice {\n        file = alice.p12\n        secret = wrong\n    }\n}\n");
        Files.createDirectories(swanctl.resolveSibling("pkcs12"));
        Files.copy(credentials.clientP12(), swanctl.resolveSibling("pkcs12/alice.p12"));

        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> lab.startCharon(Side.CLIENT, swanctl.getParent()));

        assertTrue(e.getMessage().contains("MAC verification of PKCS#12 container failed"), e::getMessage);
    }

    @Test
    void ignoresMissingOptionalCredentialDirectories() {
        String output = """
                opening directory '/tmp/x/x509ocsp' failed: No such file or directory
                loaded connection 'ikev2kit'
                successfully loaded 1 connections, 0 unloaded
                """;

        assertEquals(List.of(), Charon.loadProblems(output));
    }

    private void startLab() {
        NetnsLab.requireOrSkip("pki", "openssl");
        lab = NetnsLab.start();
    }

    private Path write(String name, String text) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, text);
    }
}
