package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.profiles.Device;
import io.ikev2kit.profiles.CryptoSuite;
import io.ikev2kit.profiles.CryptoSuite.AppleSecurityAssociation;
import io.ikev2kit.profiles.CryptoSuite.WindowsIpsecSettings;
import io.ikev2kit.profiles.Proposals;
import io.ikev2kit.profiles.SiteWorkspace;
import io.ikev2kit.profiles.lab.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.bouncycastle.asn1.x500.X500Name;

/** The client side: one connection per client kind, each proposing exactly what that client's profile sends. */
final class ClientConfig {
    static final String IOS = "ios";
    static final String MACOS = "macos";
    static final String WINDOWS = "windows";
    static final String FOREIGN = "foreign";
    static final String WEAK = "weak";

    static Path write(Path dir, SiteWorkspace workspace, CryptoSuite suite, SiteWorkspace foreign) throws IOException {
        DeviceName alice = new DeviceName("alice");
        DeviceName bob = new DeviceName("bob");
        device(workspace.device(alice), dir, "alice");
        device(workspace.device(bob), dir, "bob");
        // the foreign device has the same identity as alice: each connection names its certificate explicitly
        device(foreign.device(alice), dir, "foreign");
        copy(workspace.store().caCertificateFile(), dir.resolve("x509ca/ca.pem"));
        // Windows identifies itself by the certificate's subject DN, in the certificate's RDN order
        String bobDn = X500Name.getInstance(workspace.device(new DeviceName("bob")).certificate()
                .getSubjectX500Principal().getEncoded()).toString();

        AppleSecurityAssociation ike = suite.appleIke();
        AppleSecurityAssociation child = suite.appleChild();
        String appleIke = Proposals.appleIke(ike.encryptionAlgorithm(), ike.integrityAlgorithm(), ike.diffieHellmanGroup());
        String appleEsp = Proposals.appleEsp(child.encryptionAlgorithm(), child.integrityAlgorithm(), child.diffieHellmanGroup());
        String macEsp = Proposals.appleEsp(child.encryptionAlgorithm(), child.integrityAlgorithm(), null);
        WindowsIpsecSettings windows = suite.windows();
        String windowsIke = Proposals.windowsIke(windows.encryptionMethod(), windows.integrityCheckMethod(), windows.dhGroup());
        String windowsEsp = Proposals.windowsEsp(windows.cipherTransformConstants(),
                windows.authenticationTransformConstants(), windows.pfsGroup());

        String conf = "connections {\n"
                + connection(IOS, appleIke, appleEsp, "alice@" + ServerHandshakeTest.HOST)
                + connection(MACOS, appleIke, macEsp, "alice@" + ServerHandshakeTest.HOST)
                + connection(WINDOWS, windowsIke, windowsEsp, "\"" + bobDn + "\"")
                + connection(FOREIGN, appleIke, appleEsp, "alice@" + ServerHandshakeTest.HOST)
                + connection(WEAK, "3des-sha1-modp1024", "3des-sha1-modp1024", "alice@" + ServerHandshakeTest.HOST)
                + "}\nsecrets {\n"
                + secret("alice") + secret("bob") + secret("foreign")
                + "}\n";
        Files.writeString(dir.resolve("swanctl.conf"), conf);
        return dir;
    }

    private static String connection(String name, String ike, String esp, String id) {
        String cert = name.equals(FOREIGN) ? "foreign" : name.equals(WINDOWS) ? "bob" : "alice";
        return """
                    %1$s {
                        version = 2
                        remote_addrs = %2$s
                        proposals = %3$s
                        vips = 0.0.0.0, ::
                        local {
                            auth = pubkey
                            id = %5$s
                            certs = %6$s.pem
                        }
                        remote {
                            auth = pubkey
                            id = %7$s
                        }
                        children {
                            %1$s {
                                remote_ts = 0.0.0.0/0, ::/0
                                esp_proposals = %4$s
                            }
                        }
                    }
                """.formatted(name, NetnsLab.SERVER_ADDRESS, ike, esp, id, cert, ServerHandshakeTest.HOST);
    }

    private static String secret(String name) {
        return """
                    pkcs12-%1$s {
                        file = %1$s.p12
                        secret = "%2$s"
                    }
                """.formatted(name, ServerSites.P12_PASSWORD);
    }

    private static void device(Device device, Path dir, String name) throws IOException {
        Files.createDirectories(dir.resolve("pkcs12"));
        Files.createDirectories(dir.resolve("x509"));
        Files.write(dir.resolve("pkcs12/" + name + ".p12"), device.p12());
        Files.writeString(dir.resolve("x509/" + name + ".pem"), Pem.encode(device.certificate()));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }
}
