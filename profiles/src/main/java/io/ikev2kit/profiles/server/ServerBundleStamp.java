package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.pki.Certificates;
import io.ikev2kit.profiles.site.SiteFile;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What a server bundle was made from (site file, server certificate, CRL, the devices' own connections), recorded
 * in the bundle so {@code doctor} can tell when the bundle is older than the site.
 */
public record ServerBundleStamp(String siteFile, String serverCertificate, String crl, String deviceConnections) {
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
                Certificates.sha256Fingerprint(workspace.store().serverCertificate()), crl, deviceConnections(workspace));
    }

    // a device-networks.tsv the bundle refuses gives a value no bundle has: doctor reports the file itself
    private static String deviceConnections(SiteWorkspace workspace) {
        try {
            ServerMaterial material = ServerMaterial.from(workspace);
            DeviceConnections connections = new DeviceConnections(workspace.site(), material.ca(), material.networks(),
                    material.currentDevices());
            return sha256(connections.canonicalText().getBytes(StandardCharsets.UTF_8));
        } catch (io.ikev2kit.pki.UserError e) {
            return "unusable";
        }
    }

    public void write(Path bundle) {
        AtomicFiles.writePublic(bundle.resolve(FILE), "# made by ikev2kit from this site state; 'ikev2kit doctor --bundle DIR' compares it\n"
                + "site-file " + siteFile + "\nserver-certificate " + serverCertificate + "\ncrl " + crl
                + "\ndevice-connections " + deviceConnections + "\n");
    }

    public static ServerBundleStamp read(Path file) {
        try {
            String site = null;
            String server = null;
            String crl = null;
            String devices = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                String[] parts = line.split(" ", 2);
                if (parts.length == 2) {
                    switch (parts[0]) {
                        case "site-file" -> site = parts[1];
                        case "server-certificate" -> server = parts[1];
                        case "crl" -> crl = parts[1];
                        case "device-connections" -> devices = parts[1];
                        default -> { }
                    }
                }
            }
            return new ServerBundleStamp(site, server, crl, devices);
        } catch (IOException e) {
            return new ServerBundleStamp(null, null, null, null);
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
