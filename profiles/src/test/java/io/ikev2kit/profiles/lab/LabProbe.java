package io.ikev2kit.profiles.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Finds out once per JVM whether this machine can run the lab, and if not, says why. */
final class LabProbe {

    static final List<String> TOOLS = List.of("ip", "swanctl", "unshare", "sh", "mount", "sysctl", "ping", "nft",
            "iptables-restore");
    private static final List<String> PLUGINS = List.of("kernel-libipsec", "kdf", "vici", "openssl", "pkcs12");

    private static Optional<String> cached;

    private LabProbe() {
    }

    static synchronized Optional<String> reason() {
        if (cached == null) {
            cached = probe();
        }
        return cached;
    }

    /** The tools from {@code names} that cannot be found, as a readable reason. */
    static Optional<String> missingTools(List<String> names) {
        List<String> missing = names.stream().filter(name -> Shell.find(name).isEmpty()).toList();
        return missing.isEmpty() ? Optional.empty()
                : Optional.of("missing commands: " + String.join(", ", missing));
    }

    private static Optional<String> probe() {
        if (!isRoot()) {
            return Optional.of("not running as root (network namespaces and TUN devices need it)");
        }
        if (!Files.isExecutable(Charon.BINARY)) {
            return Optional.of(Charon.BINARY + " is missing (Debian package strongswan-charon)");
        }
        for (String plugin : PLUGINS) {
            Path file = Charon.BINARY.resolveSibling("plugins").resolve("libstrongswan-" + plugin + ".so");
            if (!Files.exists(file)) {
                return Optional.of(file + " is missing (Debian packages libcharon-extra-plugins,"
                        + " libstrongswan-extra-plugins)");
            }
        }
        Optional<String> missing = missingTools(TOOLS);
        if (missing.isPresent()) {
            return missing.map(m -> m + " (Debian packages iproute2 strongswan-swanctl iputils-ping nftables iptables)");
        }
        if (!Files.exists(Path.of("/dev/net/tun"))) {
            return Optional.of("/dev/net/tun is missing, and kernel-libipsec needs a TUN device");
        }
        return probeNamespaces();
    }

    /** Root inside a container may still lack CAP_SYS_ADMIN; only trying tells. */
    private static Optional<String> probeNamespaces() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        String name = NetnsLab.NAME_PREFIX + "probe-" + HexFormat.of().formatHex(bytes);
        Duration timeout = Duration.ofSeconds(10);
        Shell.Result add = Shell.run(timeout, Shell.require("ip"), "netns", "add", name);
        if (!add.ok()) {
            return Optional.of("cannot create a network namespace: " + add.output().strip());
        }
        Shell.run(timeout, Shell.require("ip"), "netns", "delete", name).orThrow();
        return Optional.empty();
    }

    private static boolean isRoot() {
        try {
            // /proc/self belongs to the effective user of the process looking at it
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }
}
