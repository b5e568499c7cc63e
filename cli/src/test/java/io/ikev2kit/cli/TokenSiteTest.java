package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.SoftHsm;
import io.ikev2kit.profiles.OpenSsl;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A site whose CA key lives in a PKCS#11 token (SoftHSM2, one token directory per test). Every command runs in a
 * child JVM, as a user runs ikev2kit, because SoftHSM reads its token directory once per process.
 */
class TokenSiteTest {
    static final String PIN = "730541";
    static final String URI = "pkcs11:token=ikev2kit-ca;object=ca";
    static final String P12_PASSWORD = "device-p12-pass";

    @TempDir
    Path temp;

    @BeforeAll
    static void requireSoftHsm() {
        SoftHsm.requireOrSkip();
    }

    @Test
    void everySigningCommandWorksAndTheKeyNeverLeavesTheToken() throws IOException {
        SoftHsm hsm = SoftHsm.create(temp.resolve("hsm"), "ikev2kit-ca", PIN);
        Path site = temp.resolve("site");
        Path p12Password = Files.writeString(temp.resolve("p12.pass"), P12_PASSWORD);
        ok(run(hsm, pin(), "init", "--dir", site.toString(), "--host", "vpn.example.com", "--ca-key", URI,
                "--pkcs11-module", SoftHsm.module().toString()));
        ok(run(hsm, pin(), "device", "add", "alice", "bob", "--dir", site.toString(),
                "--p12-password-file", p12Password.toString()));
        ok(run(hsm, pin(), "device", "renew", "alice", "--dir", site.toString(),
                "--p12-password-file", p12Password.toString()));
        ok(run(hsm, pin(), "device", "revoke", "bob", "--dir", site.toString()));
        ok(run(hsm, pin(), "crl", "--dir", site.toString()));
        ok(run(hsm, pin(), "server", "renew", "--dir", site.toString()));
        ok(run(hsm, pin(), "device", "export", "alice", "--format", "apple", "--sign", "--dir", site.toString(),
                "--out", temp.resolve("export").toString()));

        // the key object, read back through PKCS#11 by OpenSC: sensitive, never extractable, kept on the token
        String key = hsm.pkcs11Tool("--list-objects", "--type", "privkey");
        Set<String> access = Arrays.stream(line(key, "Access:").split(",")).map(String::strip).collect(Collectors.toSet());
        assertTrue(access.contains("sensitive") && access.contains("never extractable"), key);
        assertFalse(access.contains("extractable"), key);
        assertEquals("ca", line(key, "label:"), key);

        Path pki = site.resolve("pki");
        Path ca = pki.resolve("ca.pem");
        List<Path> certificates = new ArrayList<>(List.of(pki.resolve("server.pem"), pki.resolve("signer.pem")));
        try (Stream<Path> issued = Files.list(pki.resolve("issued"))) {
            certificates.addAll(issued.toList());
        }
        assertEquals(8, certificates.size(), certificates::toString); // issued: 2 servers, 3 devices, 1 signer
        for (Path certificate : certificates) {
            OpenSsl.Result verify = OpenSsl.run("verify", "-CAfile", ca.toString(), certificate.toString());
            assertTrue(verify.ok() && verify.stdout().contains(": OK"), () -> certificate + ": " + verify);
        }
        OpenSsl.Result crl = OpenSsl.run("crl", "-in", pki.resolve("crl.pem").toString(), "-CAfile", ca.toString(), "-noout");
        assertTrue(crl.ok() && (crl.stdout() + crl.stderr()).contains("verify OK"), crl::toString);
        OpenSsl.Result selfSigned = OpenSsl.run("verify", "-CAfile", ca.toString(), ca.toString());
        assertTrue(selfSigned.ok(), selfSigned::toString);

        assertNoFileHoldsTheCaKey(site, ca);
    }

    /** Every private key under the site (server, signer, each p12) belongs to another public key than the CA's. */
    private void assertNoFileHoldsTheCaKey(Path site, Path ca) throws IOException {
        assertFalse(Files.exists(site.resolve("pki/ca.key")));
        String caPublic = OpenSsl.run("x509", "-in", ca.toString(), "-noout", "-pubkey").stdout();
        Path passFile = temp.resolve("p12.pass");
        int keys = 0;
        try (Stream<Path> walk = Files.walk(site)) {
            for (Path file : walk.filter(Files::isRegularFile).toList()) {
                String name = file.getFileName().toString();
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                Path pem = file;
                if (name.endsWith(".p12")) {
                    pem = temp.resolve(name + ".key.pem");
                    OpenSsl.Result out = OpenSsl.run("pkcs12", "-in", file.toString(), "-nocerts", "-nodes",
                            "-passin", "file:" + passFile, "-out", pem.toString());
                    assertTrue(out.ok(), out::toString);
                } else if (!text.contains("PRIVATE KEY")) {
                    continue;
                }
                OpenSsl.Result pub = OpenSsl.run("pkey", "-in", pem.toString(), "-pubout");
                assertTrue(pub.ok(), () -> file + ": " + pub);
                assertNotEquals(caPublic, pub.stdout(), file + " holds the CA's private key");
                keys++;
            }
        }
        assertEquals(8, keys, "server.key, signer.key and the two p12 forms of three devices were checked");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ecdsa-p384", "rsa-3072"})
    void otherKeyTypesSignVerifiableCertificatesAndCrls(String keyType) {
        SoftHsm hsm = SoftHsm.create(temp.resolve("hsm"), "ikev2kit-ca", PIN);
        Path site = temp.resolve("site");
        ok(run(hsm, pin(), "init", "--dir", site.toString(), "--host", "vpn.example.com", "--key-type", keyType,
                "--ca-key", URI, "--pkcs11-module", SoftHsm.module().toString()));
        ok(run(hsm, pin(), "device", "add", "carol", "--dir", site.toString()));
        ok(run(hsm, pin(), "crl", "--dir", site.toString()));
        Path ca = site.resolve("pki/ca.pem");
        String text = OpenSsl.run("x509", "-in", ca.toString(), "-noout", "-text").stdout();
        assertTrue(text.contains(keyType.startsWith("rsa") ? "Public-Key: (3072 bit)" : "NIST CURVE: P-384"), text);
        assertTrue(OpenSsl.run("verify", "-CAfile", ca.toString(), site.resolve("pki/server.pem").toString()).ok());
        assertTrue(OpenSsl.run("crl", "-in", site.resolve("pki/crl.pem").toString(), "-CAfile", ca.toString(),
                "-noout").ok());
        String key = hsm.pkcs11Tool("--list-objects", "--type", "privkey");
        assertTrue(key.contains("Private Key Object; " + (keyType.startsWith("rsa") ? "RSA" : "EC")), key);
        assertTrue(line(key, "Access:").contains("never extractable"), key);
    }

    @Test
    void wrongPinMissingTokenAndMissingModuleAreOneLineAndWriteNothing() {
        SoftHsm hsm = SoftHsm.create(temp.resolve("hsm"), "ikev2kit-ca", PIN);
        Path site = temp.resolve("site");
        String module = SoftHsm.module().toString();
        Map<String, List<String>> failures = Map.of(
                "wrong PIN for token 'ikev2kit-ca'", List.of("--ca-key", URI, "--pkcs11-module", module),
                "no token labelled 'elsewhere'", List.of("--ca-key", "pkcs11:token=elsewhere;object=ca", "--pkcs11-module", module),
                "does not exist", List.of("--ca-key", URI, "--pkcs11-module", temp.resolve("missing.so").toString()));
        for (var failure : failures.entrySet()) {
            List<String> args = new ArrayList<>(List.of("init", "--dir", site.toString(), "--host", "vpn.example.com"));
            args.addAll(failure.getValue());
            Run run = run(hsm, Map.of("IKEV2KIT_CA_PIN", "999999"), args.toArray(String[]::new));
            oneLineFailure(run, failure.getKey());
            assertFalse(Files.exists(site), () -> "init left files behind: " + run);
        }
        // an existing site: a wrong PIN changes nothing
        ok(run(hsm, pin(), "init", "--dir", site.toString(), "--host", "vpn.example.com", "--ca-key", URI,
                "--pkcs11-module", module));
        DirectorySnapshot before = DirectorySnapshot.of(site);
        for (String[] command : List.of(new String[] {"device", "add", "dave"}, new String[] {"crl"},
                new String[] {"server", "renew"})) {
            List<String> args = new ArrayList<>(List.of(command));
            args.addAll(List.of("--dir", site.toString()));
            oneLineFailure(run(hsm, Map.of("IKEV2KIT_CA_PIN", "999999"), args.toArray(String[]::new)), "wrong PIN");
        }
        assertEquals(before, DirectorySnapshot.of(site));
    }

    @Test
    void anExistingKeyIsUsedAndDoctorProvesItMatchesTheCa() throws IOException {
        SoftHsm hsm = SoftHsm.create(temp.resolve("hsm"), "ikev2kit-ca", PIN);
        String module = SoftHsm.module().toString();
        Path first = temp.resolve("first");
        Path second = temp.resolve("second");
        ok(run(hsm, pin(), "init", "--dir", first.toString(), "--host", "vpn.example.com", "--ca-key", URI,
                "--pkcs11-module", module));
        ok(run(hsm, pin(), "init", "--dir", second.toString(), "--host", "vpn.example.com", "--ca-key", URI,
                "--pkcs11-module", module));
        assertEquals(publicKey(first), publicKey(second), "the second init must use the key already in the token");
        assertEquals(1, hsm.pkcs11Tool("--list-objects", "--type", "privkey").split("Private Key Object").length - 1);

        Run doctor = run(hsm, pin(), "doctor", "--dir", first.toString());
        assertEquals(0, doctor.code(), doctor::toString);
        Run noPin = run(hsm, Map.of(), "doctor", "--dir", first.toString());
        assertTrue(noPin.out().contains("warning: the token holding the CA key was not checked"), noPin::toString);

        // site.conf pointing at another key of the same token: doctor finds the mismatch by a signature
        hsm.pkcs11Tool("--keypairgen", "--key-type", "EC:prime256v1", "--label", "other", "--id", "01",
                "--usage-sign");
        ok(run(hsm, pin(), "init", "--dir", temp.resolve("other").toString(), "--host", "vpn.example.com",
                "--ca-key", "pkcs11:token=ikev2kit-ca;object=fresh", "--pkcs11-module", module));
        Path conf = first.resolve("site.conf");
        Files.writeString(conf, Files.readString(conf).replace("object=ca;", "object=fresh;"));
        Run mismatch = run(hsm, pin(), "doctor", "--dir", first.toString());
        assertEquals(1, mismatch.code(), mismatch::toString);
        assertTrue(mismatch.out().contains("is not the key of") || mismatch.out().contains("is not the key of the CA"),
                mismatch::toString);
        oneLineFailure(run(hsm, pin(), "crl", "--dir", first.toString()), "is not the key of");
        // a key generated outside ikev2kit without a certificate beside it: refused with the way out
        Run bare = run(hsm, pin(), "init", "--dir", temp.resolve("bare").toString(), "--host", "vpn.example.com",
                "--ca-key", "pkcs11:token=ikev2kit-ca;object=other", "--pkcs11-module", module);
        oneLineFailure(bare, "no certificate with its CKA_ID");
        // ... and one whose certificate beside it is another key's: caught by a signature, before anything is written
        Path unrelated = temp.resolve("unrelated.der");
        assertTrue(OpenSsl.run("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", temp.resolve("unrelated.key").toString(), "-subj", "/CN=unrelated", "-outform", "DER",
                "-out", unrelated.toString()).ok());
        hsm.pkcs11Tool("--write-object", unrelated.toString(), "--type", "cert", "--id", "01", "--label", "other-cert");
        Run foreign = run(hsm, pin(), "init", "--dir", temp.resolve("foreign").toString(), "--host", "vpn.example.com",
                "--ca-key", "pkcs11:token=ikev2kit-ca;object=other", "--pkcs11-module", module);
        oneLineFailure(foreign, "is for another key");
        assertFalse(Files.exists(temp.resolve("foreign")));
    }

    @Test
    void theUrisIdBecomesTheKeysCkaIdAndALabelIsNeverShared() {
        SoftHsm hsm = SoftHsm.create(temp.resolve("hsm"), "ikev2kit-ca", PIN);
        String module = SoftHsm.module().toString();
        Path site = temp.resolve("site");
        ok(run(hsm, pin(), "init", "--dir", site.toString(), "--host", "vpn.example.com",
                "--ca-key", "pkcs11:token=ikev2kit-ca;object=ca;id=%01%a2", "--pkcs11-module", module));
        ok(run(hsm, pin(), "crl", "--dir", site.toString()));
        String objects = hsm.pkcs11Tool("--list-objects");
        for (String kind : List.of("Private Key Object", "Certificate Object")) {
            String block = objects.substring(objects.indexOf(kind));
            assertEquals("01a2", line(block, "ID:"), objects);
        }
        // a second key under the same label would hide both from Java's key store: refused before anything is made
        Path other = temp.resolve("other");
        oneLineFailure(run(hsm, pin(), "init", "--dir", other.toString(), "--host", "vpn.example.com",
                "--ca-key", "pkcs11:token=ikev2kit-ca;object=ca;id=%03", "--pkcs11-module", module),
                "already holds a certificate labelled 'ca'");
        assertFalse(Files.exists(other));
        assertEquals(objects, hsm.pkcs11Tool("--list-objects"));
    }

    @Test
    void backupLeavesTheKeyOutAndSaysWhatRestoreNeeds() {
        SoftHsm hsm = SoftHsm.create(temp.resolve("hsm"), "ikev2kit-ca", PIN);
        Path site = temp.resolve("site");
        ok(run(hsm, pin(), "init", "--dir", site.toString(), "--host", "vpn.example.com", "--ca-key", URI,
                "--pkcs11-module", SoftHsm.module().toString()));
        Map<String, String> sealing = new HashMap<>(pin());
        sealing.put("IKEV2KIT_CA_PASSWORD", "backup-passphrase");
        Path archive = temp.resolve("site.backup");
        Run backup = run(hsm, sealing, "backup", "--dir", site.toString(), "--out", archive.toString());
        ok(backup);
        assertTrue(backup.out().contains("the CA key is not in the archive"), backup::toString);
        Path restored = temp.resolve("restored");
        Run restore = run(hsm, sealing, "restore", archive.toString(), "--dir", restored.toString());
        ok(restore);
        assertTrue(restore.out().contains("was not in the archive: signing needs that token"), restore::toString);
        ok(run(hsm, pin(), "device", "add", "erin", "--dir", restored.toString()));
    }

    private String publicKey(Path site) {
        return OpenSsl.run("x509", "-in", site.resolve("pki/ca.pem").toString(), "-noout", "-pubkey").stdout();
    }

    private static Map<String, String> pin() {
        return Map.of("IKEV2KIT_CA_PIN", PIN);
    }

    private static String line(String text, String prefix) {
        return text.lines().map(String::strip).filter(l -> l.startsWith(prefix)).findFirst()
                .map(l -> l.substring(prefix.length()).strip()).orElse("");
    }

    private static void ok(Run run) {
        assertEquals(0, run.code(), run::toString);
    }

    private static void oneLineFailure(Run run, String reason) {
        assertEquals(1, run.code(), run::toString);
        assertEquals(1, run.err().strip().lines().count(), run::toString);
        assertTrue(run.err().startsWith("error: ") && run.err().contains(reason), run::toString);
        assertFalse((run.out() + run.err()).contains("999999") || (run.out() + run.err()).contains(PIN), run::toString);
    }

    record Run(int code, String out, String err) {
    }

    /** ikev2kit in a child JVM with the token's SOFTHSM2_CONF and only the given secrets in its environment. */
    private Run run(SoftHsm hsm, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", SoftHsm.ADD_EXPORTS, "-cp",
                System.getProperty("java.class.path"), "io.ikev2kit.cli.Main"));
        command.addAll(List.of(args));
        try {
            Path out = Files.createTempFile(temp, "out", ".txt");
            Path err = Files.createTempFile(temp, "err", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().keySet().removeIf(k -> k.startsWith("IKEV2KIT_"));
            builder.environment().putAll(hsm.env());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("timed out: " + String.join(" ", args));
            }
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
