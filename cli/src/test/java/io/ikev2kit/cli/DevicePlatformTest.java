package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.store.IndexEntry;
import io.ikev2kit.pki.P12Format;
import io.ikev2kit.pki.encoders.Pkcs12Writer;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.store.SiteStore;
import io.ikev2kit.pki.Tool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A device's platform and its two p12 forms, end to end through the command line. The form follows the target:
 * the .mobileconfig and the .sswan embed the legacy form (iOS 17/macOS 14 and earlier and Android 12/13's
 * KeyChain refuse AES/PBKDF2 p12 files: trailofbits/algo PR #14718, issue #14558; hwdsl2/setup-ipsec-vpn #1626,
 * #1580), the Windows script and the bare .p12 the modern one (Windows 10 1709 and later import it) unless asked.
 */
class DevicePlatformTest {
    @TempDir
    Path tmp;
    Path site;
    Path caPass;
    Path p12Pass;

    @BeforeEach
    void init() throws Exception {
        site = tmp.resolve("site");
        caPass = Tool.secretFile(tmp, "ca passphrase 123");
        p12Pass = Tool.secretFile(tmp, "device-pass-1");
        CliRun run = CliRun.of("init", "--dir", site.toString(), "--host", "vpn.example.com", "--ip", "203.0.113.10",
                "--name", "Example VPN", "--org", "Example", "--country", "DE", "--ca-password-file", caPass.toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    private CliRun run(String... args) {
        List<String> all = new java.util.ArrayList<>(List.of(args));
        all.addAll(List.of("--dir", site.toString()));
        if (args[0].equals("device") && (args[1].equals("add") || args[1].equals("renew"))) {
            all.addAll(List.of("--ca-password-file", caPass.toString(), "--p12-password-file", p12Pass.toString()));
        }
        return CliRun.of(all.toArray(String[]::new));
    }

    private IndexEntry current(String name) {
        return new SiteStore(site).index().current(new io.ikev2kit.pki.DeviceName(name)).orElseThrow();
    }

    @Test
    void addIssuesBothFormsWithOnePasswordOwnerOnlyAndKeepsThePlatform() throws Exception {
        CliRun add = run("device", "add", "alice-phone", "--platform", "ios");
        assertEquals(0, add.exitCode(), add.toString());
        IndexEntry alice = current("alice-phone");
        assertEquals(Platform.IOS, alice.platform());
        assertEquals(List.of(P12Format.LEGACY, P12Format.MODERN), alice.p12(), "an iPhone's bare p12 is the legacy one");
        assertTrue(Files.readString(site.resolve("pki/index.tsv")).contains("\tlegacy,modern\tios\n"));
        SiteStore store = new SiteStore(site);
        for (P12Format form : P12Format.values()) {
            Path file = store.p12File(alice, form);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            assertEquals(form, Pkcs12Writer.detect(Files.readAllBytes(file)), file.toString());
            String info = opensslInfo(Files.readAllBytes(file));
            // modern: the device's and the CA's certificate; legacy (embedded by profiles that carry the CA): the device's
            assertEquals(form == P12Format.MODERN ? 2 : 1, count(info, "BEGIN CERTIFICATE"), info);
        }
        CliRun list = run("device", "list");
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("alice-phone") && l.contains(" ios ")
                && l.contains(" legacy,modern ")), list.out());
    }

    @Test
    void exportDefaultsToThePlatformAndEachTargetGetsItsForm() throws Exception {
        assertEquals(0, run("device", "add", "alice-phone", "--platform", "ios").exitCode());
        assertEquals(0, run("device", "add", "bob-pc", "--platform", "windows").exitCode());
        Path out = tmp.resolve("out");
        assertEquals(0, run("device", "export", "alice-phone", "--out", out.resolve("a").toString()).exitCode());
        assertEquals(List.of("alice-phone.mobileconfig"), names(out.resolve("a")));
        String mobileconfig = Files.readString(out.resolve("a/alice-phone.mobileconfig"));
        assertEquals(P12Format.LEGACY, Pkcs12Writer.detect(embeddedP12(mobileconfig)));

        assertEquals(0, run("device", "export", "bob-pc", "--out", out.resolve("b").toString()).exitCode());
        assertEquals(List.of("bob-pc.cmd", "bob-pc.ps1"), names(out.resolve("b")));
        assertEquals(P12Format.MODERN, Pkcs12Writer.detect(scriptP12(out.resolve("b/bob-pc.ps1"))));

        CliRun legacy = run("device", "export", "bob-pc", "--legacy-p12", "--format", "all", "--out", out.resolve("c").toString());
        assertEquals(0, legacy.exitCode(), legacy.toString());
        assertEquals(P12Format.LEGACY, Pkcs12Writer.detect(scriptP12(out.resolve("c/bob-pc.ps1"))));
        assertEquals(P12Format.LEGACY, Pkcs12Writer.detect(Files.readAllBytes(out.resolve("c/bob-pc.p12"))));
        assertEquals(P12Format.LEGACY, Pkcs12Writer.detect(embeddedP12(Files.readString(out.resolve("c/bob-pc.mobileconfig")))));
    }

    @Test
    void aDeviceFromBeforeBothFormsExportsWithANoticeAndRenewFixesIt() throws Exception {
        assertEquals(0, run("device", "add", "old-phone").exitCode());
        downgradeToOneForm("old-phone");
        IndexEntry old = current("old-phone");
        assertEquals(List.of(P12Format.MODERN), old.p12());
        assertEquals(Platform.ANY, old.platform(), "an index line without a platform column");

        CliRun export = run("device", "export", "old-phone", "--format", "apple", "--out", tmp.resolve("o").toString());
        assertEquals(0, export.exitCode(), export.toString());
        assertEquals(1, export.err().lines().filter(l -> l.contains("one p12 form only")).count(), export.err());
        assertTrue(export.err().contains("'ikev2kit device renew NAME'"), export.err());

        CliRun renew = run("device", "renew", "old-phone", "--platform", "android");
        assertEquals(0, renew.exitCode(), renew.toString());
        IndexEntry renewed = current("old-phone");
        assertEquals(Platform.ANDROID, renewed.platform());
        assertEquals(List.of(P12Format.LEGACY, P12Format.MODERN), renewed.p12());
        CliRun again = run("device", "export", "old-phone", "--out", tmp.resolve("o2").toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertFalse(again.err().contains("one p12 form only"), again.err());
        assertEquals(List.of("old-phone.sswan"), names(tmp.resolve("o2")));

        assertEquals(0, run("device", "renew", "old-phone").exitCode());
        assertEquals(Platform.ANDROID, current("old-phone").platform(), "renew keeps the platform");
    }

    @Test
    void aCsvLineNamesItsPlatformAndOldLegacyOrModernLinesStillWork() throws Exception {
        Path csv = tmp.resolve("devices.csv");
        Files.writeString(csv, "alice,,ios\nbob,30,windows\ncarol,,legacy\ndave\n");
        CliRun add = run("device", "add", "--from", csv.toString(), "--platform", "android");
        assertEquals(0, add.exitCode(), add.toString());
        assertEquals(Platform.IOS, current("alice").platform());
        assertEquals(Platform.WINDOWS, current("bob").platform());
        assertEquals(P12Format.MODERN, current("bob").p12().get(0));
        assertEquals(Platform.ANY, current("carol").platform(), "the third field was the p12 form before platforms");
        assertEquals(P12Format.LEGACY, current("carol").p12().get(0));
        assertEquals(Platform.ANDROID, current("dave").platform(), "--platform is the default for lines without one");

        Files.writeString(csv, "erin,,symbian\n");
        CliRun bad = run("device", "add", "--from", csv.toString());
        assertEquals(1, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("line 1: unknown platform 'symbian'"), bad.err());
    }

    @Test
    void refusesAnUnknownPlatformInOneLine() {
        CliRun add = run("device", "add", "x", "--platform", "symbian");
        assertEquals(1, add.exitCode(), add.toString());
        assertEquals("error: unknown platform 'symbian': use ios, macos, windows, android or any",
                add.err().strip());
    }

    /** Rewrites the index line as ikev2kit wrote it before platforms and two forms: 8 columns, one p12. */
    private void downgradeToOneForm(String name) throws Exception {
        Path index = site.resolve("pki/index.tsv");
        IndexEntry entry = current(name);
        Files.delete(new SiteStore(site).legacyP12File(entry.serial()));
        String text = Files.readString(index);
        text = text.replaceAll("(?m)^# serial.*$", "# serial\tkind\tname\tnot_after\tstatus\trevoked_at\treason\tp12");
        text = text.replaceAll("(?m)\t-\t-$", "\t-");
        text = text.replace("\tmodern,legacy\tany\n", "\tmodern\n");
        Files.writeString(index, text);
    }

    /** The data of the com.apple.security.pkcs12 payload, read with the real plist parser. */
    private static byte[] embeddedP12(String mobileconfig) throws Exception {
        var root = (com.dd.plist.NSDictionary) com.dd.plist.PropertyListParser.parse(
                mobileconfig.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        for (com.dd.plist.NSObject payload : ((com.dd.plist.NSArray) root.objectForKey("PayloadContent")).getArray()) {
            var dictionary = (com.dd.plist.NSDictionary) payload;
            if (dictionary.objectForKey("PayloadType").toJavaObject().equals("com.apple.security.pkcs12")) {
                return ((com.dd.plist.NSData) dictionary.objectForKey("PayloadContent")).bytes();
            }
        }
        throw new AssertionError("no pkcs12 payload");
    }

    private static byte[] scriptP12(Path ps1) throws Exception {
        String script = Files.readString(ps1);
        Matcher m = Pattern.compile("\\$DeviceP12Base64 = @'\\s*([A-Za-z0-9+/=\\s]+?)\\s*'@").matcher(script);
        assertTrue(m.find(), "the script carries its p12 as base64");
        return Base64.getMimeDecoder().decode(m.group(1));
    }

    private String opensslInfo(byte[] p12) throws Exception {
        Path file = Files.write(tmp.resolve("x.p12"), p12);
        return Tool.run("openssl", "pkcs12", "-in", file.toString(), "-nokeys", "-passin", "file:" + p12Pass)
                .expectSuccess().output();
    }

    private static int count(String text, String needle) {
        return text.split(Pattern.quote(needle), -1).length - 1;
    }

    private static List<String> names(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
