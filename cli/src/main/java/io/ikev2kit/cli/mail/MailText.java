package io.ikev2kit.cli.mail;

import java.util.List;

/**
 * Every sentence of a profile mail, as a flat model that {@link MessageComposer} lays out as plain text and HTML.
 * Install steps follow Apple's, Microsoft's and strongSwan's own wording where they have one.
 */
record MailText(String subject, List<String> intro, List<Section> sections, List<String> closing) {

    /** Install steps for one platform and the attached file they use. */
    record Section(String heading, String fileName, List<Step> steps) {
    }

    /** One step; {@code code}, if not empty, is a command to type, shown on its own line. */
    record Step(String text, String code) {
        Step(String text) {
            this(text, "");
        }
    }

    static final String PASSWORD_NOTICE = "The certificate password is not in this message. Your administrator will "
            + "give it to you another way, for example in person or by phone.";

    static final String ONE_DEVICE_NOTICE = "Install this profile on one device only. The VPN lets one connection per "
            + "profile in: the same profile on a second phone or computer disconnects the first whenever it connects. "
            + "Ask your administrator for a profile for each device.";

    static MailText of(ProfileMail mail) {
        String subject = "Your VPN profile for " + mail.deviceName() + " (" + mail.vpnHost() + ")";
        List<String> intro = List.of(
                "This message carries the VPN profile for your device \"" + mail.deviceName() + "\".",
                "It connects to " + mail.vpnName() + " (" + mail.vpnHost() + "). Install it with the steps below.");
        List<Section> sections = mail.platforms().stream()
                .map(p -> new Section(p.displayName(), mail.fileFor(p).fileName(), steps(p, mail.fileFor(p))))
                .toList();
        List<String> closing = List.of(PASSWORD_NOTICE, ONE_DEVICE_NOTICE,
                "Please do not forward this message: its attachments are for this device only.");
        return new MailText(subject, intro, sections, closing);
    }

    private static List<Step> steps(Platform platform, Attachment file) {
        String name = file.fileName();
        String enterPassword = "enter the one you received separately.";
        return switch (platform) {
            case IOS -> List.of(
                    new Step("Open this message in the Mail app on the iPhone or iPad and tap " + name + "."),
                    new Step("Open Settings, tap Profile Downloaded near the top and tap Install (within 8 minutes,"
                            + " or the download is discarded and you tap the attachment again)."),
                    new Step("When asked for the certificate's password, " + enterPassword),
                    new Step("Switch the VPN on in Settings > VPN."));
            case MACOS -> List.of(
                    new Step("Save " + name + " and double-click it."),
                    new Step("Open System Settings > Privacy & Security > Profiles (on macOS 15 and later: System"
                            + " Settings > General > Device Management), double-click the profile and click Install."),
                    new Step("When asked for the certificate's password, " + enterPassword),
                    new Step("Connect in System Settings > VPN."));
            case WINDOWS -> {
                // the script travels as .txt (mail providers refuse .ps1); PowerShell runs only files named .ps1
                String script = file.windowsScriptName().orElseThrow();
                yield List.of(
                        new Step("Save " + name + " into your Downloads folder."),
                        new Step("Right-click Windows PowerShell in the Start menu and choose Run as administrator."),
                        new Step("Go to the Downloads folder:", "cd \"$HOME\\Downloads\""),
                        new Step("Save the setup as a PowerShell script:", "Copy-Item " + name + " " + script),
                        new Step("Run it:", "powershell -ExecutionPolicy Bypass -File .\\" + script),
                        new Step("When the script asks for the certificate's password, " + enterPassword));
            }
            case ANDROID -> List.of(
                    new Step("Install strongSwan VPN Client from Google Play."),
                    new Step("Open " + name + " from this message with the strongSwan app (or save it, then in the app"
                            + " choose Import VPN profile from the menu)."),
                    new Step("When asked for the certificate's password, " + enterPassword));
        };
    }
}
