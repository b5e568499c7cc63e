package io.ikev2kit.pki;

/** The two PKCS#12 encodings clients accept; see Pkcs12Writer for the algorithms. */
public enum P12Format {
    /** AES-256-CBC bags, PBKDF2-HMAC-SHA256, HMAC-SHA256 MAC: macOS 15/iOS 18+, Windows 10 1709+, Android. */
    MODERN("modern"),
    /** PBE-SHA1-3DES bags and a SHA-1 MAC: the only form older iOS/macOS and Windows import. */
    LEGACY("legacy");

    private final String label;

    P12Format(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static P12Format parse(String text) {
        for (P12Format format : values()) {
            if (format.label.equalsIgnoreCase(text)) {
                return format;
            }
        }
        throw new IllegalArgumentException("unknown p12 format " + Visible.quote(text));
    }
}
