package io.ikev2kit.profiles.powershell;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowsVpnEnumsTest {

    @Test
    void comparesValuesAsPowerShellBindsThem() {
        assertEquals(Optional.of("Ikev2"), WindowsVpnEnums.documented(WindowsVpnEnums.TUNNEL_TYPE, "IKEV2"));
        assertTrue(WindowsVpnEnums.accepts(WindowsVpnEnums.PFS_GROUP, "pfs2048"));
    }

    @Test
    void rejectsValuesWindowsDoesNotDocument() {
        assertFalse(WindowsVpnEnums.accepts(WindowsVpnEnums.ENCRYPTION_METHOD, "GCMAES192"));
        assertFalse(WindowsVpnEnums.accepts(WindowsVpnEnums.INTEGRITY_CHECK_METHOD, "SHA512"));
        assertFalse(WindowsVpnEnums.accepts(WindowsVpnEnums.DH_GROUP, "ECP521"));
        assertFalse(WindowsVpnEnums.accepts(WindowsVpnEnums.PFS_GROUP, "Group14"));
    }

    @Test
    void listsTheSixIpsecParametersInDocumentedOrder() {
        assertEquals(List.of("AuthenticationTransformConstants", "CipherTransformConstants", "EncryptionMethod",
                "IntegrityCheckMethod", "DHGroup", "PfsGroup"), List.copyOf(WindowsVpnEnums.IPSEC_CONFIGURATION.keySet()));
    }

    @Test
    void addVpnConnectionRouteRefusesTheIpv6DefaultRouteLikeTheCmdlet() {
        for (String prefix : List.of("::/0", "0::/0", "0:0:0:0:0:0:0:0/0")) {
            assertTrue(VpnConnectionRoutes.refusal(prefix).isPresent(), prefix);
        }
        for (String prefix : List.of("::/1", "8000::/1", "2000::/3", "10.20.0.0/16", "fd00:20::/48")) {
            assertEquals(Optional.empty(), VpnConnectionRoutes.refusal(prefix), prefix);
        }
    }

    /** Microsoft, "Parsing C command-line arguments": the examples of its table. */
    @Test
    void splitsANativeCommandLineAsTheCRuntimeDoes() {
        assertEquals(List.of("a b c", "d", "e"), NativeCommandLine.split("\"a b c\" d e"));
        assertEquals(List.of("ab\"c", "\\", "d"), NativeCommandLine.split("\"ab\\\"c\" \"\\\\\" d"));
        assertEquals(List.of("a\\\\\\b", "de fg", "h"), NativeCommandLine.split("a\\\\\\b d\"e f\"g h"));
        assertEquals(List.of("a\\\"b", "c", "d"), NativeCommandLine.split("a\\\\\\\"b c d"));
        assertEquals(List.of("a\\\\b c", "d", "e"), NativeCommandLine.split("a\\\\\\\\\"b c\" d e"));
    }
}
