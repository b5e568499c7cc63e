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
}
