package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.dd.plist.NSDictionary;
import com.dd.plist.PropertyListParser;
import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExportAndDemoTest {
    @TempDir
    Path tmp;

    @Test
    void demoBuildsEveryOutputAndCanBeRunAgain() throws Exception {
        Path demo = tmp.resolve("demo");
        CliRun run = CliRun.of("demo", demo.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("CA passphrase:") && run.out().contains("throwaway"), run.out());
        for (String file : List.of("site/site.conf", "server/etc/swanctl/swanctl.conf", "server/install.sh",
                "clients/alice-phone/alice-phone.mobileconfig", "clients/alice-phone/alice-phone.ps1",
                "clients/alice-phone/alice-phone.cmd", "clients/alice-phone/alice-phone.sswan",
                "clients/bob-laptop/bob-laptop.p12")) {
            assertTrue(Files.exists(demo.resolve(file)), file + " missing");
        }
        NSDictionary profile = (NSDictionary) PropertyListParser.parse(demo.resolve("clients/alice-phone/alice-phone.mobileconfig").toFile());
        assertEquals("Configuration", profile.objectForKey("PayloadType").toString());
        assertEquals(0, CliRun.of("demo", demo.toString()).exitCode(), "a second run rebuilds the demo");
    }

    @Test
    void demoRefusesADirectoryItDidNotCreate() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("mine"));
        Files.writeString(mine.resolve("notes.txt"), "keep me");
        CliRun run = CliRun.of("demo", mine.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("keep me", Files.readString(mine.resolve("notes.txt")));
    }

    @Test
    void exportWritesEveryFormatOwnerOnlyAndInspectExplainsThem() throws Exception {
        Path demo = tmp.resolve("demo");
        assertEquals(0, CliRun.of("demo", demo.toString()).exitCode());
        Path out = tmp.resolve("out");
        CliRun run = CliRun.of("device", "export", "alice-phone", "--format", "all", "--out", out.toString(),
                "--dir", demo.resolve("site").toString());
        assertEquals(0, run.exitCode(), run.toString());
        try (Stream<Path> files = Files.list(out)) {
            List<Path> list = files.toList();
            assertEquals(5, list.size(), list.toString());
            for (Path file : list) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            }
        }
        CliRun inspect = CliRun.of("inspect", out.resolve("alice-phone.mobileconfig").toString(),
                "--dir", demo.resolve("site").toString());
        assertEquals(0, inspect.exitCode(), inspect.toString());
        assertTrue(inspect.out().contains("AES-256-GCM") && inspect.out().contains("OverridePrimary: 0"), inspect.out());
        assertFalse(inspect.out().contains("WARNING"), inspect.out());
        // the demo's alice-phone is an iPhone: her bare p12 is the legacy form; bob-laptop's (Windows) the modern one
        CliRun legacy = CliRun.of("inspect", out.resolve("alice-phone.p12").toString());
        assertTrue(legacy.out().contains("PKCS#12 (legacy)") && legacy.out().contains("PBE-SHA1-3DES"), legacy.out());
        CliRun p12 = CliRun.of("inspect", demo.resolve("clients/bob-laptop/bob-laptop.p12").toString());
        assertTrue(p12.out().contains("PKCS#12 (modern)"), p12.out());
        CliRun sswan = CliRun.of("inspect", out.resolve("alice-phone.sswan").toString());
        assertTrue(sswan.out().contains("aes256gcm16-prfsha384-ecp384"), sswan.out());
        CliRun cert = CliRun.of("inspect", demo.resolve("site/pki/server.pem").toString(), "--dir", demo.resolve("site").toString());
        assertTrue(cert.out().contains("issued by this site's CA") && cert.out().contains("ikeIntermediate"), cert.out());
    }

    @Test
    void signedProfileVerifiesAgainstTheSiteCaWithOpenssl() throws Exception {
        Tool.require("openssl");
        Path demo = tmp.resolve("demo");
        CliRun made = CliRun.of("demo", demo.toString());
        Path pass = Tool.secretFile(tmp, made.out().lines().filter(l -> l.contains("CA passphrase:")).findFirst()
                .orElseThrow().replaceAll(".*CA passphrase:\\s*", "").trim());
        String site = demo.resolve("site").toString();
        CliRun run = CliRun.of("device", "export", "alice-phone", "--format", "apple", "--sign", "--out",
                tmp.resolve("signed").toString(), "--dir", site, "--ca-password-file", pass.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Path signed = tmp.resolve("signed/alice-phone.mobileconfig");
        Path content = tmp.resolve("content.xml");
        Tool.run("openssl", "cms", "-verify", "-inform", "DER", "-in", signed.toString(), "-CAfile",
                demo.resolve("site/pki/ca.pem").toString(), "-out", content.toString()).expectSuccess();
        assertArrayEquals(Files.readAllBytes(demo.resolve("clients/alice-phone/alice-phone.mobileconfig")),
                Files.readAllBytes(content), "the signed content is the unsigned profile");
        CliRun again = CliRun.of("device", "export", "alice-phone", "--format", "apple", "--sign", "--out",
                tmp.resolve("signed2").toString(), "--dir", site);
        assertEquals(0, again.exitCode(), "the stored signer needs no passphrase: " + again);
    }

    @Test
    void addWithExportWritesEveryNewDevicesFilesInOneStep() throws Exception {
        Path pass = Tool.secretFile(tmp, "one-step-passphrase");
        String site = tmp.resolve("site").toString();
        assertEquals(0, CliRun.of("init", "--dir", site, "--host", "vpn.example.com", "--ca-password-file",
                pass.toString()).exitCode());
        Path csv = Files.writeString(tmp.resolve("devices.csv"), "alice\nbob,30,legacy\n");
        CliRun run = CliRun.of("device", "add", "--from", csv.toString(), "--export", tmp.resolve("out").toString(),
                "--dir", site, "--ca-password-file", pass.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("wrote 10 files for 2 devices"), run.out());
        CliRun legacy = CliRun.of("inspect", tmp.resolve("out/bob/bob.p12").toString());
        assertTrue(legacy.out().contains("PKCS#12 (legacy)"), legacy.out());
        CliRun export = CliRun.of("device", "export", "alice", "--format", "apple", "--out", tmp.resolve("again").toString(),
                "--dir", site);
        assertEquals(0, export.exitCode(), export.toString());
        assertArrayEquals(Files.readAllBytes(tmp.resolve("out/alice/alice.mobileconfig")),
                Files.readAllBytes(tmp.resolve("again/alice.mobileconfig")), "the same profile as a later export");
    }

    @Test
    void exportAllWritesADirectoryPerDevice() throws Exception {
        Path demo = tmp.resolve("demo");
        assertEquals(0, CliRun.of("demo", demo.toString()).exitCode());
        CliRun run = CliRun.of("device", "export", "--all", "--format", "apple", "--out", tmp.resolve("all").toString(),
                "--dir", demo.resolve("site").toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(Files.exists(tmp.resolve("all/alice-phone/alice-phone.mobileconfig")));
        assertTrue(Files.exists(tmp.resolve("all/bob-laptop/bob-laptop.mobileconfig")));
    }

    @Test
    void revokedDeviceIsListedAsRevokedAndCannotBeExported() throws Exception {
        Path demo = tmp.resolve("demo");
        CliRun made = CliRun.of("demo", demo.toString());
        String caPassphrase = made.out().lines().filter(l -> l.contains("CA passphrase:")).findFirst().orElseThrow()
                .replaceAll(".*CA passphrase:\\s*", "").trim();
        Path pass = Tool.secretFile(tmp, caPassphrase);
        String site = demo.resolve("site").toString();
        CliRun revoke = CliRun.of("device", "revoke", "bob-laptop", "--reason", "keyCompromise", "--dir", site,
                "--ca-password-file", pass.toString());
        assertEquals(0, revoke.exitCode(), revoke.toString());
        assertTrue(CliRun.of("device", "list", "--dir", site).out().lines()
                .anyMatch(l -> l.startsWith("bob-laptop") && l.contains("revoked")));
        CliRun export = CliRun.of("device", "export", "bob-laptop", "--format", "p12", "--out", tmp.toString(), "--dir", site);
        assertEquals(1, export.exitCode(), export.toString());
        CliRun crl = CliRun.of("inspect", demo.resolve("site/pki/crl.pem").toString(), "--dir", site);
        assertTrue(crl.out().contains("KEY_COMPROMISE") && crl.out().contains("signed by this site's CA"), crl.out());
    }
}
