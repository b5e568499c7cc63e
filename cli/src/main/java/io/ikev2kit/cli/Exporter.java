package io.ikev2kit.cli;

import io.ikev2kit.pki.AtomicFiles;
import io.ikev2kit.pki.Platform;
import io.ikev2kit.profiles.AndroidProfile;
import io.ikev2kit.profiles.AppleOptions;
import io.ikev2kit.profiles.AppleProfile;
import io.ikev2kit.profiles.Device;
import io.ikev2kit.profiles.Site;
import io.ikev2kit.profiles.WindowsScript;
import io.ikev2kit.templates.Renderer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/** Writes a device's client files. Every one of them embeds the encrypted p12, so all are written 0600. */
final class Exporter {
    enum Format { APPLE, WINDOWS, ANDROID, P12, ALL;

        static Format parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new io.ikev2kit.pki.UserError("unknown format '" + text + "': use apple, windows, android, p12 or all");
            }
        }

        Set<Format> expand() {
            return this == ALL ? EnumSet.of(APPLE, WINDOWS, ANDROID, P12) : EnumSet.of(this);
        }

        /** What a device of this platform installs: one identity per machine, so one client's files. */
        static Format of(Platform platform) {
            return switch (platform) {
                case IOS, MACOS -> APPLE;
                case WINDOWS -> WINDOWS;
                case ANDROID -> ANDROID;
                case ANY -> ALL;
            };
        }
    }

    private final Site site;
    private final Renderer renderer;

    Exporter(Site site, Renderer renderer) {
        this.site = site;
        this.renderer = renderer;
    }

    List<Path> export(Device device, Format format, AppleOptions appleOptions, Path out) {
        List<Path> written = new ArrayList<>();
        for (Format f : format.expand()) {
            switch (f) {
                case APPLE -> written.add(write(out.resolve(AppleProfile.fileName(device)),
                        AppleProfile.build(site, device, appleOptions, renderer)));
                case WINDOWS -> {
                    written.add(write(out.resolve(WindowsScript.fileName(device)),
                            WindowsScript.build(site, device, renderer).getBytes(StandardCharsets.UTF_8)));
                    written.add(write(out.resolve(WindowsScript.launcherFileName(device)),
                            WindowsScript.launcher(device, renderer).getBytes(StandardCharsets.UTF_8)));
                }
                case ANDROID -> written.add(write(out.resolve(AndroidProfile.fileName(device)),
                        AndroidProfile.build(site, device, renderer).getBytes(StandardCharsets.UTF_8)));
                case P12 -> written.add(write(out.resolve(device.name() + ".p12"), device.p12().standaloneP12()));
                default -> throw new IllegalStateException(f.name());
            }
        }
        return written;
    }

    /**
     * Every device into {@code dir/NAME/}, on all cores; with no format, each device's platform's files
     * ({@link Format#of}). {@code done} counts devices across calls, so a caller can hand over a large site batch
     * by batch with one progress line. Returns how many files were written.
     */
    long exportAll(List<Device> devices, java.util.Optional<Format> format, AppleOptions appleOptions, Path dir,
                   AtomicInteger done, ProgressReporter progress) {
        return devices.parallelStream().mapToLong(device -> {
            int count = export(device, format.orElse(Format.of(device.platform())), appleOptions,
                    dir.resolve(device.name())).size();
            progress.advanced(done.incrementAndGet(), progress.total(), device.identity().device());
            return count;
        }).sum();
    }

    /**
     * One line for devices issued before both p12 forms were (nothing when there are none): their profiles embed
     * the one form they have, which older Apple and Android releases may refuse; 'device renew' issues both.
     * Takes the names of such devices ({@link #oneFormOnly}), gathered batch by batch.
     */
    static java.util.Optional<String> oneFormNotice(List<String> names) {
        if (names.isEmpty()) {
            return java.util.Optional.empty();
        }
        String listed = String.join(", ", names.subList(0, Math.min(names.size(), 5)))
                + (names.size() > 5 ? " and " + (names.size() - 5) + " more" : "");
        return java.util.Optional.of("note: " + listed + (names.size() == 1 ? " has" : " have")
                + " one p12 form only (issued before ikev2kit issued both), which iOS 17/macOS 14 or Android 12/13 may "
                + "refuse: 'ikev2kit device renew NAME' issues both");
    }

    /** The names of these devices that have one p12 form only, for {@link #oneFormNotice}. */
    static List<String> oneFormOnly(List<Device> devices) {
        return devices.stream().filter(d -> !d.p12().complete()).map(Device::name).toList();
    }

    /** Atomic but not fsynced: an export lost to a power cut is simply exported again; 5 fsyncs a device are not. */
    private static Path write(Path file, byte[] content) {
        AtomicFiles.write(file, content, true, AtomicFiles.Durability.NONE);
        return file;
    }
}
