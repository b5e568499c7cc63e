package io.ikev2kit.profiles.server;

import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Pkcs11Uri;
import io.ikev2kit.profiles.suite.CryptoSuite;
import io.ikev2kit.profiles.site.Site;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Makes the handshake test's token site (CA key in SoftHSM2, PIN {@link ServerSites#CA_PASSPHRASE}) with alice
 * and bob, in a JVM of its own: SoftHSM reads its token directory (SOFTHSM2_CONF) once per process.
 * Arguments: site directory, PKCS#11 URI, module path.
 */
public final class TokenSiteMain {
    private TokenSiteMain() {
    }

    public static void main(String[] args) {
        Site site = ServerSites.site(ServerHandshakeTest.HOST, CryptoSuite.MODERN, KeyType.ECDSA_P256,
                Optional.of(io.ikev2kit.profiles.lab.NetnsLab.SERVER_UPLINK), false)
                .withCaToken(CaToken.of(Pkcs11Uri.parse(args[1]), args[2]));
        ServerSites.workspace(Path.of(args[0]), site, "alice", "bob");
    }
}
