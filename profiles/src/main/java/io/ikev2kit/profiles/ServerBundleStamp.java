package io.ikev2kit.profiles;

import io.ikev2kit.pki.AtomicFiles;
import io.ikev2kit.pki.Certificates;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a server bundle was made from (site file, server certificate, CRL), recorded in the bundle so
 * {@code doctor} can tell when the bundle is older than the site.
 */
public record ServerBundleStamp(String siteFile, String serverCertificate, String crl) {
    public static final String FILE = "ikev2kit-bundle.txt";

    public static ServerBundleStamp of(SiteWorkspace workspace) {
        String crl = workspace.store().crl().map(c -> {
            try {
                return sha256(c.getEncoded());
            } catch (java.security.cert.CRLException e) {
                return "unreadable";
            }
        }).orElse("none");
        return new ServerBundleStamp(sha256(SiteFile.format(workspace.site()).getBytes(StandardCharsets.UTF_8)),
                Certificates.sha256Fingerprint(workspace.store().serverCertificate()), crl);
    }

    public void write(Path bundle) {
        AtomicFiles.writePublic(bundle.resolve(FILE), "# made by ikev2kit from this site state; 'ikev2kit doctor --bundle DIR' compares it\n"
                + "site-file " + siteFile + "\nserver-certificate " + serverCertificate + "\ncrl " + crl + "\n");
    }

    public static ServerBundleStamp read(Path file) {
        try {
            String site = null;
            String server = null;
            String crl = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 2);
                if (parts.length == 2) {
                    switch (parts[0]) {
                        case "site-file" -> site = parts[1];
                        case "server-certificate" -> server = parts[1];
                        case "crl" -> crl = parts[1];
                        default -> { }
                    }
                }
            }
            return new ServerBundleStamp(site, server, crl);
        } catch (IOException e) {
            return new ServerBundleStamp(null, null, null);
        }
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
