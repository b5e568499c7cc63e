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

    /** Waits until charon reports the bundle's connection as added: proof that ipsec.conf parsed and loaded. */
    private void awaitConnection() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (!log().contains("added configuration 'ikev2kit'")) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                String why = process.isAlive() ? "no 'added configuration' within 15 s" : "starter exited";
                close();
                throw new IllegalStateException(why + "\n" + log());
            }
            sleep();
        }
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
