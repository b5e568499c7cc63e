package io.ikev2kit.profiles.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One named Linux network namespace, driven through {@code ip}. */
final class Namespace {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final String name;

    private Namespace(String name) {
        this.name = name;
    }

    static Namespace create(String name) {
        Shell.run(TIMEOUT, ipCommand(), "netns", "add", name).orThrow();
        Namespace namespace = new Namespace(name);
        namespace.ip("link", "set", "lo", "up");
        return namespace;
    }

    String name() {
        return name;
    }

    /** Runs {@code ip -n NAME args...} and throws if it fails. */
    void ip(String... args) {
        List<String> command = new ArrayList<>(List.of(ipCommand(), "-n", name));
        command.addAll(List.of(args));
        Shell.run(TIMEOUT, Map.of(), null, command).orThrow();
    }

    /** Runs a command inside the namespace; the caller decides what a non-zero exit means. */
    Shell.Result exec(Duration timeout, Path stdin, String... command) {
        return Shell.run(timeout, Map.of(), stdin, inside(command));
    }

    /** The command line that runs {@code command} inside this namespace. */
    List<String> inside(String... command) {
        List<String> full = new ArrayList<>(List.of(ipCommand(), "netns", "exec", name));
        full.addAll(List.of(command));
        return full;
    }

    /** Deletes the namespace; its interfaces (and the veth peers in other namespaces) go with it. */
    void delete() {
        Shell.run(TIMEOUT, ipCommand(), "netns", "delete", name).orThrow();
    }

    @Override
    public String toString() {
        return name;
    }

    private static String ipCommand() {
        return Shell.require("ip");
    }
}
