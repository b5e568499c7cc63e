package io.ikev2kit.profiles.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A strongSwan charon daemon running in one lab namespace, driven through swanctl over its own vici socket. */
public final class Charon {

    static final Path BINARY = Path.of("/usr/lib/ipsec/charon");

    /**
     * kernel-libipsec because the kernel's XFRM ESP is unusable here; kdf because charon 5.9.8 derives keys with it;
     * curl because charon reads the CRL from its file:// URI with it (install.sh installs it on the server).
     */
    static final String CHARON_PLUGINS = "kdf hmac sha1 sha2 aes gcm chapoly random nonce x509 pem pkcs1 pkcs8"
            + " pkcs12 openssl curve25519 revocation constraints pubkey curl kernel-libipsec kernel-netlink"
            + " socket-default vici updown attr";

    /** What swanctl needs to parse certificates, keys and both modern and legacy PKCS#12 files. */
    private static final String SWANCTL_PLUGINS = "pem pkcs1 pkcs8 pkcs12 x509 openssl random nonce aes sha1 sha2"
            + " hmac rc2 constraints pubkey";

    private static final Duration STARTUP = Duration.ofSeconds(10);
    private static final Duration SWANCTL = Duration.ofSeconds(20);
    private static final int INITIATE_SECONDS = 20;
    private static final Pattern PROBLEM = Pattern.compile("fail|invalid|error|unknown", Pattern.CASE_INSENSITIVE);
    private static final Pattern LOCAL_VIPS = Pattern.compile("local-vips=\\[([^\\]]*)\\]");

    private final Side side;
    private final Path conf;
    private final Path vici;
    private final Path logFile;
    private final Path outputFile;
    private Process process;

    /** What {@code swanctl --initiate} reported; {@code established} means IKE_SA and CHILD_SA are up. */
    public record Initiation(boolean established, String output) {
    }

    private Charon(Side side, Path workDir) {
        this.side = side;
        this.conf = workDir.resolve("strongswan.conf");
        this.vici = workDir.resolve("charon.vici");
        this.logFile = workDir.resolve("charon.log");
        this.outputFile = workDir.resolve("charon.out");
    }

    /** Starts charon inside {@code namespace} with its state in {@code workDir}, then loads {@code swanctlDir}. */
    static Charon start(Side side, Namespace namespace, Path workDir, Path swanctlDir) {
        Charon charon = new Charon(side, workDir);
        charon.writeConf();
        // a private tmpfs on /run keeps this charon's pid file apart from any other charon on the machine; in
        // the same private mount table the loaded directory appears at /etc/swanctl, where install.sh puts it,
        // so the absolute file:// URI of the CRL in swanctl.conf finds the bundle's CRL
        List<String> command = namespace.inside(Shell.require("unshare"), "-m", "sh", "-c",
                "mount -t tmpfs none /run && mount --bind \"$0\" /etc/swanctl && exec " + BINARY,
                swanctlDir.toAbsolutePath().toString());
        charon.process = Shell.startInBackground(charon.env(), charon.outputFile, command);
        try {
            charon.awaitSocket();
            charon.load(swanctlDir);
        } catch (RuntimeException e) {
            charon.stop();
            throw e;
        }
        return charon;
    }

    public Side side() {
        return side;
    }

    /** Asks charon to bring up {@code childName} (and its IKE_SA); waits at most 20 s. */
    public Initiation initiate(String childName) {
        Shell.Result result = swanctl(Duration.ofSeconds(INITIATE_SECONDS + 10),
                "--initiate", "--child", childName, "--timeout", String.valueOf(INITIATE_SECONDS));
        return new Initiation(result.ok(), result.output());
    }

    /**
     * Rekeys {@code childName}'s CHILD_SA with a CREATE_CHILD_SA exchange, where this side's ESP proposals (and
     * their DH group, or none) are judged by the peer; the IKE_AUTH exchange ignores the group.
     */
    public Initiation rekey(String childName) {
        Shell.Result result = swanctl(SWANCTL, "--rekey", "--child", childName);
        return new Initiation(result.ok(), result.output());
    }

    /** Ends the IKE_SA of connection {@code ikeName} and waits until it is gone. */
    public void terminate(String ikeName) {
        swanctl(SWANCTL, "--terminate", "--ike", ikeName, "--timeout", "10").orThrow();
    }

    /** The human-readable {@code swanctl --list-sas}. */
    public String listSas() {
        return swanctl(SWANCTL, "--list-sas").orThrow().output();
    }

    /** The IPv4 virtual IP the server assigned to this side, if an IKE_SA carries one. */
    public Optional<String> virtualIp() {
        return virtualIps().stream().filter(ip -> ip.indexOf(':') < 0).findFirst();
    }

    /** All virtual IPs (IPv4 and IPv6) of this side's IKE_SAs. */
    public List<String> virtualIps() {
        String raw = swanctl(SWANCTL, "--list-sas", "--raw").orThrow().stdout();
        List<String> ips = new ArrayList<>();
        Matcher matcher = LOCAL_VIPS.matcher(raw);
        while (matcher.find()) {
            Arrays.stream(matcher.group(1).trim().split("\\s+")).filter(s -> !s.isEmpty()).forEach(ips::add);
        }
        return ips;
    }

    /** charon's own log plus anything it printed, for assertion messages. */
    public String log() {
        return "--- " + side + " charon log (" + logFile + ") ---\n" + read(logFile)
                + "--- " + side + " charon stdout/stderr ---\n" + read(outputFile);
    }

    /**
     * Writes {@code dir/swanctl}: the real swanctl aimed at this charon's vici socket, loading credentials from
     * {@code swanctlConf}'s directory. Put first on PATH, it lets a script that calls plain {@code swanctl}, as
     * install.sh does on a server, drive this lab charon.
     */
    public Path swanctlShim(Path dir, Path swanctlConf) {
        String script = """
                #!/bin/sh
                export STRONGSWAN_CONF='%s'
                case " $* " in *" --load-creds "*|*" --load-all "*) set -- "$@" --file '%s' ;; esac
                exec '%s' "$@" --uri 'unix://%s'
                """.formatted(conf, swanctlConf, Shell.require("swanctl"), vici);
        try {
            Files.createDirectories(dir);
            Path shim = Files.writeString(dir.resolve("swanctl"), script, StandardCharsets.UTF_8);
            Files.setPosixFilePermissions(shim, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            return shim;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs swanctl against this charon's vici socket. */
    Shell.Result swanctl(Duration timeout, String... args) {
        List<String> command = new ArrayList<>(List.of(Shell.require("swanctl")));
        command.addAll(List.of(args));
        command.addAll(List.of("--uri", "unix://" + vici));
        return Shell.run(timeout, env(), null, command);
    }

    /** Stops charon: SIGTERM so it removes its TUN device and routes, SIGKILL if it will not go. */
    void stop() {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Loads {@code swanctlDir} again, as an edited client config would be: new certificates, same live SAs. */
    public void reload(Path swanctlDir) {
        load(swanctlDir);
    }

    private void load(Path swanctlDir) {
        Path file = swanctlDir.resolve("swanctl.conf");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("no swanctl.conf in " + swanctlDir);
        }
        // swanctl looks for x509/, x509ca/, private/, pkcs12/ ... next to the file given with --file
        Shell.Result result = swanctl(SWANCTL, "--load-all", "--file", file.toString());
        // the socket file appears at bind(), a moment before charon listens: on a busy machine swanctl can fall in
        // between, so a refused connection is tried again for a few seconds
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!result.ok() && result.output().contains("Connection refused") && System.nanoTime() < deadline) {
            sleep(100);
            result = swanctl(SWANCTL, "--load-all", "--file", file.toString());
        }
        List<String> problems = loadProblems(result.output());
        if (!result.ok() || !problems.isEmpty()) {
            throw new IllegalStateException(side + " charon did not accept " + file + ": " + String.join("; ", problems)
                    + "\n" + result.describe() + "\n" + log());
        }
    }

    /**
     * swanctl --load-all exits 0 on a syntax error and on a wrong PKCS#12 secret, so its output is the judge.
     * Missing optional directories (x509ocsp/, pubkey/ ...) are reported as failures too, and are harmless.
     */
    static List<String> loadProblems(String output) {
        return output.lines()
                .map(String::strip)
                .filter(line -> !line.startsWith("opening directory"))
                .filter(line -> PROBLEM.matcher(line).find())
                .distinct()
                .toList();
    }

    private void awaitSocket() {
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (!Files.exists(vici)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(side + " charon exited with " + process.exitValue() + "\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(side + " charon opened no vici socket within " + STARTUP + "\n" + log());
            }
            sleep(50);
        }
        // the socket file appears before charon listens on it: on a busy machine a connect can still be refused
        while (!swanctl(Duration.ofSeconds(5), "--stats").ok()) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException(side + " charon does not answer on its vici socket within " + STARTUP
                        + "\n" + log());
            }
            sleep(50);
        }
    }

    private void writeConf() {
        deleteStale(vici);
        String text = """
                # written by the ikev2kit test lab; nothing from /etc/strongswan.d is included
                charon {
                    load = %s
                    install_routes = yes
                    # fail within seconds, not minutes, when the peer does not answer
                    retransmit_tries = 3
                    retransmit_timeout = 1.0
                    filelog {
                        lab {
                            path = %s
                            time_format = %%H:%%M:%%S
                            default = 1
                            ike = 2
                            cfg = 2
                            flush_line = yes
                        }
                    }
                    plugins {
                        vici {
                            socket = unix://%s
                        }
                    }
                }
                swanctl {
                    load = %s
                }
                """.formatted(CHARON_PLUGINS, logFile, vici, SWANCTL_PLUGINS);
        try {
            Files.writeString(conf, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A socket left by an earlier charon would make a new one look ready before it is. */
    private static void deleteStale(Path socket) {
        try {
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<String, String> env() {
        return Map.of("STRONGSWAN_CONF", conf.toString());
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "(none)\n";
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")\n";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
