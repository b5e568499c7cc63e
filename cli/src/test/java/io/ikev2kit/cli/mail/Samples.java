package io.ikev2kit.cli.mail;

import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** Small but real-looking profile files and mails for the tests. */
final class Samples {

    static final String SENDER = "VPN Admin <vpn-admin@example.com>";

    static final byte[] MOBILECONFIG = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
            <plist version="1.0">
            <dict>
              <key>PayloadDisplayName</key><string>Example VPN</string>
              <key>PayloadType</key><string>Configuration</string>
              <key>PayloadVersion</key><integer>1</integer>
            </dict>
            </plist>
            """.getBytes(StandardCharsets.UTF_8);

    static final byte[] SSWAN = """
            {"uuid":"7b2c3b84-8e0b-4b8e-9a53-2f0e8c1d0a11","name":"Example VPN","type":"ikev2-cert",\
            "remote":{"addr":"vpn.example.com","id":"vpn.example.com"},"local":{"p12":"MIIJ..."}}
            """.getBytes(StandardCharsets.UTF_8);

    /** With a BOM, CRLF line ends and a non-ASCII character, so a byte-for-byte comparison means something. */
    static final byte[] PS1 = ("\uFEFF$VpnName = 'Example VPN'\r\n$Server = 'vpn.example.com'\r\n"
            + "Write-Host \"Verbindung für $VpnName wird eingerichtet\"\r\n").getBytes(StandardCharsets.UTF_8);

    private Samples() {
    }

    static ProfileMail mail(String device, String recipient) {
        return mail(device, recipient, MOBILECONFIG);
    }

    static ProfileMail mail(String device, String recipient, byte[] mobileconfig) {
        List<Attachment> files = List.of(
                Attachment.appleProfile(device, mobileconfig),
                Attachment.androidProfile(device, SSWAN),
                Attachment.windowsScript(device, PS1));
        return new ProfileMail(device, recipient, SENDER, "Example VPN", "vpn.example.com", files,
                EnumSet.allOf(Platform.class));
    }

    static ProfileMail appleOnly(String device, String recipient, Set<Platform> platforms) {
        return new ProfileMail(device, recipient, SENDER, "Example VPN", "vpn.example.com",
                List.of(Attachment.appleProfile(device, MOBILECONFIG)), platforms);
    }
}
