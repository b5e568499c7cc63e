package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplateOverrideTest {
    @TempDir
    Path tmp;

    @Test
    void serverUsesATemplateOfTheSameNameFromTheOverrideDirectory() throws Exception {
        assertEquals(0, CliRun.of("demo", tmp.resolve("demo").toString()).exitCode());
        Path templates = Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(templates.resolve("99-vpn.conf.ftl"), "# site policy: forwarding for ${host}\nnet.ipv4.ip_forward = 1\n");
        CliRun run = CliRun.of("server", "--out", tmp.resolve("bundle").toString(), "--templates", templates.toString(),
                "--dir", tmp.resolve("demo/site").toString());
        assertEquals(0, run.exitCode(), run.toString());
        String sysctl = Files.readString(tmp.resolve("bundle/etc/sysctl.d/99-vpn.conf"));
        assertTrue(sysctl.startsWith("# site policy: forwarding for vpn.example.com"), sysctl);
        assertTrue(Files.readString(tmp.resolve("bundle/etc/swanctl/swanctl.conf")).contains("connections {"),
                "templates not overridden stay built in");
    }

    @Test
    void brokenOverrideIsAOneLineErrorNamingTheTemplate() throws Exception {
        assertEquals(0, CliRun.of("demo", tmp.resolve("demo").toString()).exitCode());
        Path templates = Files.createDirectories(tmp.resolve("templates"));
        Files.writeString(templates.resolve("99-vpn.conf.ftl"), "net.ipv4.ip_forward = ${noSuchValue}\n");
        CliRun run = CliRun.of("server", "--out", tmp.resolve("bundle").toString(), "--templates", templates.toString(),
                "--dir", tmp.resolve("demo/site").toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("error: template 99-vpn.conf.ftl failed at line 1"), run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
    }
}
