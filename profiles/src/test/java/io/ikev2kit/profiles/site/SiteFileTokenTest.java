package io.ikev2kit.profiles.site;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.CaToken;
import io.ikev2kit.pki.HostName;
import io.ikev2kit.pki.KeyType;
import io.ikev2kit.pki.Pkcs11Uri;
import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.suite.CryptoSuite;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** site.conf records where a token site's CA key is (URI and module), and a file-key site's file is unchanged. */
class SiteFileTokenTest {
    private static final Site FILE_KEY = new Site(new HostName("vpn.example.com"), List.of(), "Example VPN",
            List.of(Cidr.parse("10.10.10.0/24")), List.of(), List.of(), CryptoSuite.MODERN, KeyType.ECDSA_P256,
            730, 730, false, Optional.empty(), false);

    @Test
    void aTokenSiteRoundTripsWithItsUriAndModule() {
        Site token = FILE_KEY.withCaToken(new CaToken(Pkcs11Uri.parse("pkcs11:token=My%20CA;object=ca;id=%01"),
                Path.of("/usr/lib/softhsm/libsofthsm2.so")));
        String text = SiteFile.format(token);
        assertTrue(text.contains("\nca-key = pkcs11:token=My%20CA;object=ca;id=%01;type=private\n"), text);
        assertTrue(text.contains("\npkcs11-module = /usr/lib/softhsm/libsofthsm2.so\n"), text);
        assertEquals(token, SiteFile.parse(text, "site.conf"));
    }

    @Test
    void aFileKeySiteWritesNoTokenLines() {
        String text = SiteFile.format(FILE_KEY);
        assertFalse(text.contains("ca-key") || text.contains("pkcs11"), text);
        assertEquals(Optional.empty(), SiteFile.parse(text, "site.conf").caToken());
    }

    @Test
    void aUriWithoutItsModuleOrAPinIsRefusedWithTheLine() {
        String base = SiteFile.format(FILE_KEY);
        UserError half = assertThrows(UserError.class, () -> SiteFile.parse(base + "ca-key = pkcs11:token=t;object=ca\n", "site.conf"));
        assertTrue(half.getMessage().contains("needs both"), half.getMessage());
        UserError pin = assertThrows(UserError.class, () -> SiteFile.parse(base
                + "ca-key = pkcs11:token=t;object=ca?pin-value=1234\npkcs11-module = /x.so\n", "site.conf"));
        assertTrue(pin.getMessage().startsWith("site.conf line ") && pin.getMessage().contains("must not carry the PIN"),
                pin.getMessage());
        UserError relative = assertThrows(UserError.class, () -> SiteFile.parse(base
                + "ca-key = pkcs11:token=t;object=ca\npkcs11-module = lib.so\n", "site.conf"));
        assertTrue(relative.getMessage().contains("absolute path"), relative.getMessage());
    }
}
