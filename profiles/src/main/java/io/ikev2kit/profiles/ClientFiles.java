package io.ikev2kit.profiles;

import io.ikev2kit.pki.store.AtomicFiles;
import io.ikev2kit.profiles.android.AndroidProfile;
import io.ikev2kit.profiles.apple.AppleOptions;
import io.ikev2kit.profiles.apple.AppleProfile;
import io.ikev2kit.profiles.site.Device;
import io.ikev2kit.profiles.site.Site;
import io.ikev2kit.profiles.site.SiteWorkspace;
import io.ikev2kit.profiles.windows.WindowsScript;
import io.ikev2kit.templates.Renderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one place that knows which builder makes which client file of a device: the CLI's export, one-step
 * 'device add --export', the demo and the profile mails all ask here. A new client format is one builder class,
 * its template, and a case below. Every file embeds the encrypted p12, so all are written 0600.
 */
public final class ClientFiles {
    private final Site site;
    private final Renderer renderer;

    public ClientFiles(Site site, Renderer renderer) {
        this.site = site;
        this.renderer = renderer;
    }

    /** The device's files of this format (every format's, for ALL); each format's first file is the one to install. */
    public List<ClientFile> build(Device device, ClientFormat format, AppleOptions apple) {
        List<ClientFile> files = new ArrayList<>();
        for (ClientFormat single : format.expand()) {
            switch (single) {
                case APPLE -> files.add(new ClientFile(AppleProfile.fileName(device),
                        AppleProfile.build(site, device, apple, renderer)));
                case WINDOWS -> {
                    files.add(new ClientFile(WindowsScript.fileName(device), utf8(WindowsScript.build(site, device, renderer))));
                    files.add(new ClientFile(WindowsScript.launcherFileName(device),
                            utf8(WindowsScript.launcher(device, renderer))));
                }
                case ANDROID -> files.add(new ClientFile(AndroidProfile.fileName(device),
                        utf8(AndroidProfile.build(site, device, renderer))));
                case P12 -> files.add(new ClientFile(device.name() + ".p12", device.p12().standaloneP12()));
                default -> throw new IllegalStateException(single.name());
            }
        }
        return files;
    }

    /** The file a device of one client installs: the profile or the script, without the .cmd launcher. */
    public ClientFile installable(Device device, ClientFormat format, AppleOptions apple) {
        if (format.expand().size() != 1) {
            throw new IllegalArgumentException("one client's format, not " + format);
        }
        return build(device, format, apple).get(0);
    }

    /** Writes the device's files of this format into {@code dir}; returns them in the order written. */
    public List<Path> write(Device device, ClientFormat format, AppleOptions apple, Path dir) {
        List<Path> written = new ArrayList<>();
        for (ClientFile file : build(device, format, apple)) {
            written.add(write(dir.resolve(file.fileName()), file.content()));
        }
        return written;
    }

    /**
     * Every device into {@code dir/NAME/}, on all cores; with no format, each device's platform's files
     * ({@link ClientFormat#of}). Returns how many files were written.
     */
    public long writeAll(List<Device> devices, Optional<ClientFormat> format, AppleOptions apple, Path dir,
                         SiteWorkspace.Progress progress) {
        return writeAll(devices, format, apple, dir, progress, new AtomicInteger(), devices.size());
    }

    /**
     * As above, for one batch of {@code total} devices handed over batch by batch ({@link
     * SiteWorkspace.CurrentDevices#forEachBatch}): {@code done} counts devices across the calls, so the progress
     * is of the whole run.
     */
    public long writeAll(List<Device> devices, Optional<ClientFormat> format, AppleOptions apple, Path dir,
                         SiteWorkspace.Progress progress, AtomicInteger done, int total) {
        return devices.parallelStream().mapToLong(device -> {
            int count = write(device, format.orElse(ClientFormat.of(device.platform())), apple,
                    dir.resolve(device.name())).size();
            progress.advanced(done.incrementAndGet(), total, device.identity().device());
            return count;
        }).sum();
    }

    /**
     * One line for devices issued before both p12 forms were (nothing when there are none): their profiles embed
     * the one form they have, which older Apple and Android releases may refuse; 'device renew' issues both.
     */
    public static Optional<String> oneFormNotice(List<Device> devices) {
        return oneFormNoticeFor(oneFormOnly(devices));
    }

    /** The names of these devices that have one p12 form only: gathered batch by batch for {@link #oneFormNoticeFor}. */
    public static List<String> oneFormOnly(List<Device> devices) {
        return devices.stream().filter(d -> !d.p12().complete()).map(Device::name).toList();
    }

    /** {@link #oneFormNotice} for the names {@link #oneFormOnly} found. */
    public static Optional<String> oneFormNoticeFor(List<String> names) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        String listed = String.join(", ", names.subList(0, Math.min(names.size(), 5)))
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
        return Optional.of("note: " + listed + (names.size() == 1 ? " has" : " have")
                + " one p12 form only (issued before ikev2kit issued both), which iOS 17/macOS 14 or Android 12/13 may "
                + "refuse: 'ikev2kit device renew NAME' issues both");
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Atomic but not fsynced: an export lost to a power cut is simply exported again; 5 fsyncs a device are not. */
    private static Path write(Path file, byte[] content) {
        AtomicFiles.write(file, content, true, AtomicFiles.Durability.NONE);
        return file;
    }
}
