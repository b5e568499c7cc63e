package io.ikev2kit.cli.mail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate for localhost and 127.0.0.1, made once per test JVM with the JDK's keytool. GreenMail's own
 * test certificate names no host, so host name checking (which the sender keeps on) would reject it.
 * GreenMail reads its SMTPS key store from system properties once, so they are set before any server starts.
 */
final class TestTls {

    private static final String PASSWORD = "changeit";
    private static final Path KEY_STORE = generate();

    static {
        System.setProperty("greenmail.tls.keystore.file", KEY_STORE.toString());
        System.setProperty("greenmail.tls.keystore.password", PASSWORD);
        System.setProperty("greenmail.tls.key.password", PASSWORD);
    }

    private TestTls() {
    }

    /** Call before starting a GreenMail SMTPS server, so it presents this certificate. */
    static void install() {
        // the static initialiser has done the work
    }

    /** Server side: presents the localhost certificate. */
    static SSLContext serverContext() {
        try {
            var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keyStore(), PASSWORD.toCharArray());
            var context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Client side: trusts the localhost certificate and nothing else. */
    static SSLSocketFactory trustingClient() {
        try {
            Certificate certificate = keyStore().getCertificate("localhost");
            var trust = KeyStore.getInstance(KeyStore.getDefaultType());
            trust.load(null, null);
            trust.setCertificateEntry("localhost", certificate);
            var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(trust);
            var context = SSLContext.getInstance("TLS");
            context.init(null, tmf.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The localhost certificate as PEM, for code that takes trust from a file. */
    static String certificatePem() {
        try {
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(
                            keyStore().getCertificate("localhost").getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyStore keyStore() throws Exception {
        var store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(KEY_STORE)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }

    private static Path generate() {
        try {
            Path dir = Files.createTempDirectory("ikev2kit-test-tls");
            dir.toFile().deleteOnExit();
            Path file = dir.resolve("localhost.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            Process process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "localhost", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=localhost", "-ext", "san=dns:localhost,ip:127.0.0.1",
                    "-validity", "2", "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD)
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            file.toFile().deleteOnExit();
            return file;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("could not make the test certificate", e);
        }
    }
}
