package io.ikev2kit.profiles;

import io.ikev2kit.pki.Platform;
import io.ikev2kit.pki.UserError;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** Which client's files to write: one client, its bare p12, or all of them. */
public enum ClientFormat {
    APPLE, WINDOWS, ANDROID, P12, ALL;

    /** The value of {@code --format}; an unknown one is a user error naming the choices. */
    public static ClientFormat parse(String text) {
        try {
            return valueOf(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("unknown format '" + text + "': use apple, windows, android, p12 or all");
        }
    }

    /** What a device of this platform installs: one identity per machine, so one client's files. */
    public static ClientFormat of(Platform platform) {
        return switch (platform) {
            case IOS, MACOS -> APPLE;
            case WINDOWS -> WINDOWS;
            case ANDROID -> ANDROID;
            case ANY -> ALL;
        };
    }

    /** The single formats this one stands for, in the order their files are written. */
    public Set<ClientFormat> expand() {
        return this == ALL ? EnumSet.of(APPLE, WINDOWS, ANDROID, P12) : EnumSet.of(this);
    }
}
