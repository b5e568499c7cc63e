package io.ikev2kit.profiles.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Certificates for the lab's self-check, made by strongSwan's {@code pki} and {@code openssl}, independent of the
 * product's own PKI code so that a bug there cannot hide a bug in the lab.
 */
record LabCredentials(Path caCert, Path serverCert, Path serverKey, Path clientP12) {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** Issues a CA, a server certificate for vpn.test and a p12 for alice@vpn.test into {@code dir}. */
    static LabCredentials issue(Path dir, String p12Password) {
        Map<String, String> env = Map.of("STRONGSWAN_CONF", write(dir.resolve("pki.conf"),
                // only what pki needs, so it does not try (and loudly fail) to load the TPM plugin
                "pki {\n    load = pem pkcs1 pkcs8 x509 openssl random nonce sha1 sha2\n}\n").toString());
        Path caKey = pki(env, dir.resolve("ca.key"), "--gen", "--type", "ecdsa", "--size", "384");
        Path caCert = pki(env, dir.resolve("ca.crt"), "--self", "--ca", "--lifetime", "30", "--in", caKey.toString(),
                "--dn", "C=DE, O=ikev2kit lab, CN=ikev2kit lab Root CA");
        Path serverKey = pki(env, dir.resolve("server.key"), "--gen", "--type", "ecdsa", "--size", "256");
        Path serverCert = issue(env, dir.resolve("server.crt"), serverKey, caCert, caKey, "CN=vpn.test",
                "--san", "vpn.test", "--san", "192.0.2.1", "--san", "dns:192.0.2.1",
                "--flag", "serverAuth", "--flag", "ikeIntermediate");
        Path clientKey = pki(env, dir.resolve("alice.key"), "--gen", "--type", "ecdsa", "--size", "256");
        Path clientCert = issue(env, dir.resolve("alice.crt"), clientKey, caCert, caKey, "CN=alice@vpn.test",
                "--san", "email:alice@vpn.test", "--flag", "clientAuth");
        Path passwordFile = write(dir.resolve("alice.p12.pass"), p12Password);
        Path p12 = dir.resolve("alice.p12");
        Shell.run(TIMEOUT, Shell.require("openssl"), "pkcs12", "-export", "-name", "alice@vpn.test",
                "-inkey", clientKey.toString(), "-in", clientCert.toString(), "-certfile", caCert.toString(),
                "-passout", "file:" + passwordFile, "-out", p12.toString()).orThrow();
        return new LabCredentials(caCert, serverCert, serverKey, p12);
    }

    private static Path issue(Map<String, String> env, Path out, Path key, Path caCert, Path caKey, String dn,
            String... extensions) {
        Path publicKey = pki(env, out.resolveSibling(out.getFileName() + ".pub"), "--pub", "--in", key.toString());
        List<String> args = new ArrayList<>(List.of("--issue", "--lifetime", "30", "--in", publicKey.toString(),
                "--type", "pub", "--cacert", caCert.toString(), "--cakey", caKey.toString(), "--dn", dn));
        args.addAll(List.of(extensions));
        return pki(env, out, args.toArray(String[]::new));
    }

    /** Runs {@code pki ARGS --outform pem} and stores what it prints in {@code out}. */
    private static Path pki(Map<String, String> env, Path out, String... args) {
        List<String> command = new ArrayList<>(List.of(Shell.require("pki")));
        command.addAll(List.of(args));
        command.addAll(List.of("--outform", "pem"));
        return write(out, Shell.run(TIMEOUT, env, null, command).orThrow().stdout());
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
