package io.ikev2kit.profiles.suite;

/** strongSwan proposal syntax, and the way back from each client's names to it. */
public final class Proposals {
    private Proposals() {
    }

    public static String ike(Cipher cipher, Integrity integrity, DhGroup group) {
        String integ = cipher.aead() ? "" : integrity.strongswan() + "-";
        return cipher.strongswan() + "-" + integ + integrity.strongswanPrf() + "-" + group.strongswan();
    }

    public static String esp(Cipher cipher, Integrity integrity, DhGroup groupOrNull) {
        StringBuilder out = new StringBuilder(cipher.strongswan());
        if (!cipher.aead()) {
            out.append('-').append(integrity.strongswan());
        }
        if (groupOrNull != null) {
            out.append('-').append(groupOrNull.strongswan());
        }
        return out.toString();
    }

    /** What an Apple IKE SA dictionary proposes, in strongSwan syntax. */
    public static String appleIke(String encryption, String integrity, int group) {
        return ike(Cipher.fromApple(encryption), Integrity.fromApple(integrity), DhGroup.fromNumber(group));
    }

    public static String appleEsp(String encryption, String integrity, Integer groupOrNull) {
        return esp(Cipher.fromApple(encryption), Integrity.fromApple(integrity),
                groupOrNull == null ? null : DhGroup.fromNumber(groupOrNull));
    }

    /** What Windows proposes for IKE given EncryptionMethod, IntegrityCheckMethod and DHGroup. */
    public static String windowsIke(String encryptionMethod, String integrityCheckMethod, String dhGroup) {
        return ike(Cipher.fromWindows(encryptionMethod), Integrity.fromWindows(integrityCheckMethod),
                DhGroup.fromWindows(dhGroup));
    }

    /** ESP from CipherTransformConstants, AuthenticationTransformConstants and PfsGroup ("None" for no PFS). */
    public static String windowsEsp(String cipherTransform, String authenticationTransform, String pfsGroup) {
        Cipher cipher = Cipher.fromWindows(cipherTransform);
        if (cipher.aead() && !authenticationTransform.equals(cipherTransform)) {
            throw new IllegalArgumentException("with " + cipherTransform + " the authentication transform must be "
                    + cipherTransform + ", not " + authenticationTransform);
        }
        Integrity integrity = cipher.aead() ? Integrity.SHA256 : Integrity.fromWindows(authenticationTransform);
        DhGroup group = "None".equals(pfsGroup) ? null : DhGroup.fromWindows(pfsGroup);
        return esp(cipher, integrity, group);
    }
}
