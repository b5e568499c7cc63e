package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.pki.Pem;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.SiteWorkspace;
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
    static final String ANDROID = "android";
    static final String FOREIGN = "foreign";
    static final String WEAK = "weak";
    static final String IOS_AGAIN = "ios-again";
    static final String UNLISTED_IKE = "unlisted-ike";
    static final String UNLISTED_ESP = "unlisted-esp";

    /**
     * Each connection proposes what its client's generated file says and authenticates with the p12 embedded in
     * that file, read back the way the client reads it: a mismatch between a profile and the server fails here.
     */
    static Path write(Path dir, SiteWorkspace workspace, CryptoSuite suite, SiteWorkspace foreign) throws IOException {
        if (workspace.site().suite() != suite) {
            throw new IllegalArgumentException("the site's suite is " + workspace.site().suite());
        }
        Files.createDirectories(dir);
        copy(workspace.store().caCertificateFile(), dir.resolve("x509ca/ca.pem"));
        GeneratedClients.Apple iphone = GeneratedClients.apple(workspace, new DeviceName("alice"));
        GeneratedClients.Windows windows = GeneratedClients.windows(workspace, new DeviceName("bob"), dir);
        GeneratedClients.Android android = GeneratedClients.android(workspace, new DeviceName("alice"));
        // the foreign device has the same identity as alice: each connection names its certificate explicitly
        GeneratedClients.Apple stranger = GeneratedClients.apple(foreign, new DeviceName("alice"));
        material(iphone.p12(), workspace.device(new DeviceName("alice")), dir, "alice");
        material(windows.p12(), workspace.device(new DeviceName("bob")), dir, "bob");
        material(stranger.p12(), foreign.device(new DeviceName("alice")), dir, "foreign");
        // Windows identifies itself by the certificate's subject DN, in the certificate's RDN order
        String bobDn = X500Name.getInstance(workspace.device(new DeviceName("bob")).certificate()
                .getSubjectX500Principal().getEncoded()).toString();

        String conf = "connections {\n"
                + apple(IOS, iphone.proposals().ike(), iphone.proposals().esp(), iphone)
                + apple(MACOS, iphone.proposals().ike(), iphone.proposals().espWithoutPfs(), iphone)
                // the same iPhone connecting again: a setting of no consequence keeps charon from reusing the IKE_SA
                + connection(IOS_AGAIN, iphone.proposals().ike(), iphone.proposals().esp(), appleIdentity(iphone.localIdentifier()),
                        appleIdentity(iphone.remoteIdentifier()), "alice", "send_certreq = no\n            keyingtries = 2")
                + windows(WINDOWS, windows.proposals().ike(), windows.proposals().esp(), bobDn)
                + connection(ANDROID, android.ike(), android.esp(), android.localIdentifier(), android.remoteId(), "alice", "")
                + apple(FOREIGN, stranger.proposals().ike(), stranger.proposals().esp(), stranger)
                + apple(WEAK, "3des-sha1-modp1024", "3des-sha1-modp1024", iphone)
                // in strongSwan's default proposals but in no profile: a server that accepts them is not exact
                + apple(UNLISTED_IKE, "aes128-sha256-ecp256", iphone.proposals().esp(), iphone)
                + apple(UNLISTED_ESP, iphone.proposals().ike(), "aes128gcm16", iphone)
                + "}\nsecrets {\n"
                + secret("alice") + secret("bob") + secret("foreign")
                + "}\n";
        Files.writeString(dir.resolve("swanctl.conf"), conf);
        return dir;
    }

    /**
     * An iPhone or Mac as its profile configures it. It sends no certificate request (strongSwan docs, interop/ios:
     * not unless ServerCertificateIssuerCommonName is set, so the server must send its certificate unasked), and it
     * types its identities by their content (strongSwan docs, interop/appleIkev2Profile: an IP address, a userFQDN
     * with '@', anything else, a DN included, as FQDN). Both identities come from the generated profile.
     */
    private static String apple(String name, String ike, String esp, GeneratedClients.Apple profile) {
        String cert = name.equals(FOREIGN) ? "foreign" : "alice";
        return connection(name, ike, esp, appleIdentity(profile.localIdentifier()),
                appleIdentity(profile.remoteIdentifier()), cert, "send_certreq = no");
    }

    private static String appleIdentity(String value) {
        if (value.matches("[0-9.]+") || value.contains(":")) {
            return value;
        }
        return (value.contains("@") ? "email:" : "fqdn:") + value;
    }

    /**
     * Windows identifies itself by its certificate's subject DN (strongSwan docs, interop/windowsCertRequirements)
     * and sends no responder identity (interop/windowsClients, "Serving different IDs/Domain names"): a wildcard
     * remote id keeps strongSwan from sending IDr, and the CA still decides whom to trust.
     */
    private static String windows(String name, String ike, String esp, String subjectDn) {
        return connection(name, ike, esp, "\"" + subjectDn + "\"", "%any", "bob", "");
    }

    private static String connection(String name, String ike, String esp, String id, String remoteId, String cert,
                                     String extra) {
        return connection(name, NetnsLab.SERVER_ADDRESS, ike, esp, id, remoteId, cert, extra);
    }

    /** A client connection to the lab's server; {@code extra}: further lines of the connection, as they are. */
    static String connection(String name, String serverAddress, String ike, String esp, String id, String remoteId,
                             String cert, String extra) {
        return """
                    %1$s {
                        version = 2
                        remote_addrs = %2$s
                        proposals = %3$s
                        vips = 0.0.0.0, ::
                        %8$s
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
                """.formatted(name, serverAddress, ike, esp, id, cert, remoteId, extra);
    }

    private static String secret(String name) {
        return """
                    pkcs12-%1$s {
                        file = %1$s.p12
                        secret = "%2$s"
                    }
                """.formatted(name, ServerSites.P12_PASSWORD);
    }

    private static void material(byte[] p12, Device device, Path dir, String name) throws IOException {
        Files.createDirectories(dir.resolve("pkcs12"));
        Files.createDirectories(dir.resolve("x509"));
        Files.write(dir.resolve("pkcs12/" + name + ".p12"), p12);
        Files.writeString(dir.resolve("x509/" + name + ".pem"), Pem.encode(device.certificate()));
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to.getParent());
        Files.copy(from, to);
    }
}
