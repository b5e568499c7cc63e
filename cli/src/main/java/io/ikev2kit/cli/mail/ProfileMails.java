package io.ikev2kit.cli.mail;

import io.ikev2kit.pki.UserError;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.ClientFiles;
import io.ikev2kit.profiles.ClientFormat;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.templates.Renderer;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Turns a device's profiles into the message that delivers them: by default the files of the device's platform
 * only (one identity per machine), and never a file type Gmail or Outlook.com refuse: the Windows script
 * travels as text and its .cmd launcher stays out.
 */
public final class ProfileMails {
    static final Set<String> FORMATS = Set.of("apple", "windows", "android");

    private final Site site;
    private final ClientFiles clientFiles;

    public ProfileMails(Site site, Renderer renderer) {
        this.site = site;
        this.clientFiles = new ClientFiles(site, renderer);
    }

    /** The sender when none is given: vpn@HOST, which needs no configuration to be a valid address. */
    public String defaultSender() {
        return "vpn@" + (site.host().isIpAddress() ? "localhost" : site.host().value());
    }

    /** The formats a device of this platform gets when none are asked for. */
    static Set<String> formats(io.ikev2kit.pki.Platform platform) {
        return switch (platform) {
            case IOS, MACOS -> Set.of("apple");
            case WINDOWS -> Set.of("windows");
            case ANDROID -> Set.of("android");
            case ANY -> FORMATS;
        };
    }

    /** The device's platform's files. */
    public ProfileMail mail(Device device, String recipient, String sender) {
        return mail(device, formats(device.platform()), recipient, sender);
    }

    public ProfileMail mail(Device device, Set<String> formats, String recipient, String sender) {
        List<Attachment> attachments = new ArrayList<>();
        Set<Platform> platforms = EnumSet.noneOf(Platform.class);
        String base = device.name();
        if (formats.contains("apple")) {
            attachments.add(Attachment.appleProfile(base, installable(device, ClientFormat.APPLE)));
            if (device.platform() != io.ikev2kit.pki.Platform.MACOS) {
                platforms.add(Platform.IOS);
            }
            if (device.platform() != io.ikev2kit.pki.Platform.IOS) {
                platforms.add(Platform.MACOS);
            }
        }
        if (formats.contains("windows")) {
            attachments.add(Attachment.windowsScript(base, installable(device, ClientFormat.WINDOWS)));
            platforms.add(Platform.WINDOWS);
        }
        if (formats.contains("android")) {
            attachments.add(Attachment.androidProfile(base, installable(device, ClientFormat.ANDROID)));
            platforms.add(Platform.ANDROID);
        }
        try {
            return new ProfileMail(base, recipient, sender, site.displayName(), site.host().value(), attachments, platforms);
        } catch (MailException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    private byte[] installable(Device device, ClientFormat format) {
        return clientFiles.installable(device, format, AppleOptions.defaults()).content();
    }
}
