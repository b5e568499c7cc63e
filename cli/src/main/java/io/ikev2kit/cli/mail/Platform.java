package io.ikev2kit.cli.mail;

/** A kind of device a profile mail carries install steps for. */
public enum Platform {
    IOS("iPhone and iPad"),
    MACOS("Mac"),
    WINDOWS("Windows"),
    ANDROID("Android");

    private final String displayName;

    Platform(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether this attachment is the file this platform installs. */
    public boolean installs(Attachment attachment) {
        return switch (this) {
            case IOS, MACOS -> Attachment.APPLE_PROFILE.equals(attachment.mimeType());
            case WINDOWS -> attachment.windowsScriptName().isPresent();
            case ANDROID -> Attachment.STRONGSWAN_PROFILE.equals(attachment.mimeType());
        };
    }
}
