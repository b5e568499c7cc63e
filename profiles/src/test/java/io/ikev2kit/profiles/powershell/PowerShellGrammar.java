package io.ikev2kit.profiles.powershell;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Parses PowerShell with a real PowerShell grammar (tree-sitter-powershell, run by node through
 * {@code src/test/node/parse-ps.js}), so tests can assert that a generated script is syntactically valid and
 * read back its cmdlet calls. No PowerShell is needed. One node start costs about a quarter of a second: parse
 * many files with {@link #parseAll} rather than one {@link #parse} each.
 */
public final class PowerShellGrammar {

    /** What CI, or a developer, runs from the repository root before the tests. */
    public static final String INSTALL_COMMAND = "npm ci --prefix profiles/src/test/node";

    private static final long TIMEOUT_SECONDS = 60;
    private static final int MIN_NODE_MAJOR = 18;
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private static Optional<String> unavailable;

    private PowerShellGrammar() {
    }

    /**
     * Call first in every test that parses (e.g. in {@code @BeforeAll}). Skips the test when node or the node
     * packages are missing, but fails it when the environment says {@code CI=true}: there a skipped grammar check
     * would pass unseen.
     */
    public static void requireOrSkip() {
        Optional<String> reason = unavailableReason();
        if (reason.isEmpty()) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            Assertions.fail("PowerShell grammar unavailable on CI: " + reason.get());
        }
        Assumptions.abort("PowerShell grammar unavailable, skipping: " + reason.get());
    }

    /** Why parsing cannot work here, with what to do about it; empty when it can. */
    public static synchronized Optional<String> unavailableReason() {
        if (unavailable == null) {
            unavailable = Optional.ofNullable(checkAvailability());
        }
        return unavailable;
    }

    public static PowerShellParse parse(Path ps1) {
        return read(run(List.of(ps1.toAbsolutePath().toString()), null), PowerShellParse.class);
    }

    /** Parses script text given directly, for short snippets in tests. */
    public static PowerShellParse parse(String source) {
        return read(run(List.of(), source.getBytes(StandardCharsets.UTF_8)), PowerShellParse.class);
    }

    /** Parses many files with one node start; results are in the order of {@code files}, each with its path. */
    public static List<PowerShellParse> parseAll(List<Path> files) {
        if (files.isEmpty()) {
            return List.of();
        }
        List<String> args = new ArrayList<>(List.of("--batch"));
        files.forEach(f -> args.add(f.toAbsolutePath().toString()));
        return Arrays.asList(read(run(args, null), PowerShellParse[].class));
    }

    /** The node project with parse-ps.js, found from the reactor root or the working directory. */
    public static Path nodeProject() {
        List<Path> candidates = new ArrayList<>();
        String root = System.getProperty("ikev2kit.root");
        if (root != null) {
            candidates.add(Path.of(root, "profiles", "src", "test", "node"));
        }
        Path cwd = Path.of(System.getProperty("user.dir"));
        candidates.add(cwd.resolve(Path.of("src", "test", "node")));
        candidates.add(cwd.resolve(Path.of("profiles", "src", "test", "node")));
        return candidates.stream()
                .filter(p -> Files.isRegularFile(p.resolve("parse-ps.js")))
                .findFirst()
                .orElse(candidates.get(0));
    }

    private static String checkAvailability() {
        Path project = nodeProject();
        if (!Files.isRegularFile(project.resolve("parse-ps.js"))) {
            return "parse-ps.js not found in " + project;
        }
        String version;
        try {
            Process node = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            version = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!node.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) || node.exitValue() != 0) {
                return "`node --version` failed: " + version;
            }
        } catch (IOException e) {
            return "node is not on the PATH (" + e.getMessage() + "); install Node.js " + MIN_NODE_MAJOR + " or later";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while asking node for its version";
        }
        if (!version.matches("v\\d+\\..*") || Integer.parseInt(version.substring(1, version.indexOf('.'))) < MIN_NODE_MAJOR) {
            return "node " + version + " is too old; need " + MIN_NODE_MAJOR + " or later";
        }
        Path modules = project.resolve("node_modules");
        if (!Files.isRegularFile(modules.resolve("web-tree-sitter/package.json"))
                || !Files.isRegularFile(modules.resolve("tree-sitter-powershell/tree-sitter-powershell.wasm"))) {
            return "node packages not installed in " + modules + "; run `" + INSTALL_COMMAND + "` from the repository root";
        }
        return null;
    }

    private static byte[] run(List<String> args, byte[] stdin) {
        Path project = nodeProject();
        List<String> command = new ArrayList<>(List.of("node", project.resolve("parse-ps.js").toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).directory(project.toFile()).start();
            CompletableFuture<byte[]> out = drain(process.getInputStream());
            CompletableFuture<byte[]> err = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // node exited before reading its input; its exit code and stderr below tell why
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("parse-ps.js took over " + TIMEOUT_SECONDS + " s: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("parse-ps.js exited " + process.exitValue() + ": "
                        + new String(err.join(), StandardCharsets.UTF_8).strip() + "\n  command: " + command);
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException("could not run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while parsing PowerShell", e);
        }
    }

    // A thread of its own per stream: the common pool may have a single worker, and both reads block until exit.
    private static CompletableFuture<byte[]> drain(InputStream stream) {
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                result.complete(stream.readAllBytes());
            } catch (IOException e) {
                result.completeExceptionally(new UncheckedIOException(e));
            }
        }, "parse-ps output");
        reader.setDaemon(true);
        reader.start();
        return result;
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return JSON.readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException("parse-ps.js printed unreadable JSON: "
                    + new String(json, 0, Math.min(json.length, 200), StandardCharsets.UTF_8), e);
        }
    }
}
