package io.ikev2kit.profiles.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * strongSwan's legacy starter, reading the bundle's ipsec.conf, ipsec.secrets and ipsec.d, in a lab namespace.
 * starter and the stroke plugin only know the fixed paths /etc/ipsec.secrets and /etc/ipsec.d, so a private
 * mount namespace binds the bundle's files over them (the host's stay untouched), and a tmpfs on /run keeps its
 * pid file and stroke socket apart from any other charon.
 */
final class Starter implements AutoCloseable {
    private static final String PLUGINS = "kdf hmac sha1 sha2 aes gcm chapoly random nonce x509 pem pkcs1 pkcs8"
            + " pkcs12 openssl curve25519 revocation constraints pubkey kernel-libipsec kernel-netlink"
            + " socket-default stroke updown attr";

    private final Process process;
    private final Path log;
    private final Path output;

    private Starter(Process process, Path log, Path output) {
        this.process = process;
        this.log = log;
        this.output = output;
    }

    static Starter start(String namespace, Path bundle, Path workDir) {
        try {
            Files.createDirectories(workDir);
            Path log = workDir.resolve("charon.log");
            Path output = workDir.resolve("starter.out");
            Path conf = Files.writeString(workDir.resolve("strongswan.conf"), """
                    charon {
                        load = %s
                        install_routes = yes
                        retransmit_tries = 3
                        retransmit_timeout = 1.0
                        filelog {
                            lab {
                                path = %s
                                default = 1
                                ike = 2
                                cfg = 2
                                flush_line = yes
                            }
                        }
                    }
                    """.formatted(PLUGINS, log));
            String script = "mount -t tmpfs none /run"
                    + " && mount --bind " + bundle.resolve("etc/ipsec.d") + " /etc/ipsec.d"
                    + " && mount --bind " + bundle.resolve("etc/ipsec.secrets") + " /etc/ipsec.secrets"
                    + " && exec /usr/lib/ipsec/starter --nofork --conf " + bundle.resolve("etc/ipsec.conf");
            ProcessBuilder builder = new ProcessBuilder(List.of("ip", "netns", "exec", namespace,
                    "unshare", "-m", "--propagation", "private", "sh", "-c", script))
                    .redirectErrorStream(true).redirectOutput(output.toFile());
            builder.environment().put("STRONGSWAN_CONF", conf.toString());
            Starter starter = new Starter(builder.start(), log, output);
            starter.awaitConnection();
            return starter;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Waits until charon reports the bundle's first connection as added (the generic 'ikev2kit', or a device's own
     * 'ikev2kit-N-...' in a site without one): proof that ipsec.conf parsed and loaded.
     */
    private void awaitConnection() {
        awaitConnection("ikev2kit");
    }

    /** Waits until charon reports a connection whose name starts with {@code prefix} as added. */
    void awaitConnection(String prefix) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!log().contains("added configuration '" + prefix)) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "no 'added configuration' within 15 s" : "starter exited";
                close();
                throw new IllegalStateException(why + "\n" + log());
            }
            sleep();
        }
    }

    /**
     * Writes {@code dir/ipsec}: the real ipsec command run in this starter's mount namespace, where its stroke
     * socket is. {@code ipsec rereadcrls} first copies the CRLs the caller's /etc/ipsec.d holds into the directory
     * this starter sees as /etc/ipsec.d/crls, as an install into the real /etc would have put them there.
     */
    Path ipsecShim(Path dir, Path bundle) {
        Path crls = bundle.resolve("etc/ipsec.d/crls");
        String script = """
                #!/bin/sh
                if [ "$1" = rereadcrls ]; then mkdir -p '%1$s' && cp /etc/ipsec.d/crls/* '%1$s/' || exit 1; fi
                exec /usr/bin/nsenter -t %2$d -m /usr/sbin/ipsec "$@"
                """.formatted(crls, process.pid());
        try {
            Files.createDirectories(dir);
            Path shim = Files.writeString(dir.resolve("ipsec"), script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(shim, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return shim;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ipsec status}: the IKE_SAs this starter's charon holds. */
    String status() {
        return Tool.run("/usr/bin/nsenter", "-t", String.valueOf(process.pid()), "-m", "/usr/sbin/ipsec", "status").output();
    }

    String log() {
        return "--- starter charon log ---\n" + read(log) + "--- starter output ---\n" + read(output);
    }

    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")\n";
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
