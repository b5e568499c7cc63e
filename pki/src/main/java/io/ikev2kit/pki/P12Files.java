package io.ikev2kit.pki;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A device's p12 files by form, all encrypted with the same password. The modern form carries the CA
 * certificate, the legacy form does not: it goes into the .mobileconfig and the .sswan, which hand the CA to
 * the client themselves. {@code standalone} is the form a bare .p12 and the Windows script carry.
 * A device issued before both forms were issued has one file only.
 */
public record P12Files(P12Format standalone, Map<P12Format, byte[]> files) {

    public P12Files {
        if (!files.containsKey(standalone)) {
            throw new IllegalArgumentException("no " + standalone.label() + " p12 among " + files.keySet());
        }
        files = java.util.Collections.unmodifiableMap(new EnumMap<>(files));
    }

    /** The forms present, the standalone form first: how the index lists them. */
    public List<P12Format> forms() {
        List<P12Format> forms = new ArrayList<>(List.of(standalone));
        files.keySet().stream().filter(form -> form != standalone).forEach(forms::add);
        return forms;
    }

    public Optional<byte[]> get(P12Format form) {
        return Optional.ofNullable(files.get(form));
    }

    public byte[] standaloneP12() {
        return files.get(standalone);
    }

    /** What the .mobileconfig and the .sswan embed: the legacy form, or the one form an older device has. */
    public byte[] embeddedP12() {
        return files.getOrDefault(P12Format.LEGACY, files.get(standalone));
    }

    /** Both forms: false for a device issued before ikev2kit issued both ('device renew' issues them). */
    public boolean complete() {
        return files.size() == P12Format.values().length;
    }
}
