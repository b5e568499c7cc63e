package io.ikev2kit.profiles.apple;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.UserError;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AppleOptionsTest {

    @Test
    void defaultsLeaveThePasswordOutAndTheVpnManual() {
        AppleOptions defaults = AppleOptions.defaults();
        assertTrue(defaults.embeddedPassword().isEmpty());
        assertFalse(defaults.onDemand());
        assertEquals(List.of(), defaults.trustedSsids());
        assertTrue(defaults.signer().isEmpty());
    }

    @Test
    void rejectsTrustedWifiWithoutOnDemand() {
        UserError error = assertThrows(UserError.class, () -> options(false, "Home"));
        assertTrue(error.getMessage().contains("--on-demand"), error.getMessage());
    }

    @Test
    void acceptsAnSsidOfThirtyTwoBytes() {
        assertEquals(List.of("a".repeat(32)), options(true, "a".repeat(32)).trustedSsids());
    }

    @Test
    void rejectsAnSsidLongerThanThirtyTwoBytes() {
        assertThrows(UserError.class, () -> options(true, "ä".repeat(17)));
    }

    @Test
    void rejectsAnEmptySsid() {
        assertThrows(UserError.class, () -> options(true, ""));
    }

    @Test
    void rejectsAnSsidWithControlCharactersWithoutEchoingThem() {
        UserError error = assertThrows(UserError.class, () -> options(true, "Home\u0007"));
        assertFalse(error.getMessage().contains("\u0007"));
    }

    @Test
    void rejectsAnSsidListedTwice() {
        assertThrows(UserError.class, () -> options(true, "Home", "Home"));
    }

    private static AppleOptions options(boolean onDemand, String... ssids) {
        return new AppleOptions(Optional.empty(), onDemand, List.of(ssids), Optional.empty());
    }
}
