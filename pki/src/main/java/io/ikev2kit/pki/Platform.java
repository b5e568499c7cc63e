package io.ikev2kit.pki;

import java.util.Locale;

/**
 * The kind of machine a device identity is installed on. One identity is one machine: the server keeps one
 * session per identity ({@code unique = replace}), so an iPhone and a Mac sharing a profile log each other off.
 * {@link #ANY} is a device issued before platforms existed, or one whose owner picks the machine later.
 */
public enum Platform {
    IOS, MACOS, WINDOWS, ANDROID, ANY;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Platform parse(String text) {
        for (Platform platform : values()) {
            if (platform.label().equalsIgnoreCase(text.strip())) {
                return platform;
            }
        }
        throw new UserError("unknown platform " + Visible.quote(text) + ": use ios, macos, windows, android or any");
    }

    /**
     * The form a bare .p12 and the Windows script carry unless asked otherwise: Apple (iOS 17, macOS 14 and
     * earlier) and Android 12/13's KeyChain refuse the AES form with "wrong password"; Windows 10 1709 and later
     * import it.
     */
    public P12Format standaloneP12() {
        return this == IOS || this == MACOS || this == ANDROID ? P12Format.LEGACY : P12Format.MODERN;
    }
}
