package io.ikev2kit.profiles.site;

import io.ikev2kit.pki.store.SiteStore;
import java.util.Optional;
import java.util.Set;

/**
 * Every file a site directory can hold, by path relative to it: what a backup archives and the only files a
 * restore writes. A file not listed here is not the site's (a note, an editor's swap file, or an attacker's
 * {@code .ssh/authorized_keys} in a crafted archive), so it is neither archived nor restored.
 */
final class SiteFiles {
    /** How a site file is stored: secrets owner-only (0600), the rest readable (0644) inside the 0700 site. */
    enum Mode { PUBLIC, SECRET }

    private static final String PKI = SiteStore.DIR + "/";
    private static final Set<String> PUBLIC = Set.of(PKI + "ca.pem", PKI + "server.pem", PKI + "signer.pem",
            PKI + "index.tsv", PKI + "crl.pem", PKI + "journal.tsv");
    // sent-mail.log is the mail command's record of what it sent (cli's SentLog)
    private static final Set<String> SECRET = Set.of(SiteFile.NAME, DeviceNetworks.NAME, "sent-mail.log", PKI + "ca.key",
            PKI + "server.key", PKI + "signer.key");

    private SiteFiles() {
    }

    /** The mode of a site file, or empty when no site holds a file at that path. */
    static Optional<Mode> of(String path) {
        if (SECRET.contains(path)) {
            return Optional.of(Mode.SECRET);
        }
        if (PUBLIC.contains(path)) {
            return Optional.of(Mode.PUBLIC);
        }
        if (path.startsWith(PKI + "issued/") && serialFile(path.substring(PKI.length() + 7), ".pem")) {
            return Optional.of(Mode.PUBLIC);
        }
        if (path.startsWith(PKI + "p12/") && (serialFile(path.substring(PKI.length() + 4), ".p12")
                || serialFile(path.substring(PKI.length() + 4), ".legacy.p12"))) {
            return Optional.of(Mode.SECRET);
        }
        return Optional.empty();
    }

    /** SERIAL + suffix, the serial in hexadecimal as {@link io.ikev2kit.pki.SerialHex} writes it. */
    private static boolean serialFile(String name, String suffix) {
        if (!name.endsWith(suffix) || name.length() == suffix.length() || name.length() > 64 + suffix.length()) {
            return false;
        }
        for (int i = 0; i < name.length() - suffix.length(); i++) {
            char c = name.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
