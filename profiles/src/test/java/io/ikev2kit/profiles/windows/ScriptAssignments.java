package io.ikev2kit.profiles.windows;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ikev2kit.profiles.powershell.PowerShellGrammar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The script-level {@code $Name = value} assignments of a PowerShell file, read with the same tree-sitter grammar
 * as {@link PowerShellGrammar} (by {@code src/test/node/ps-assignments.js}), so a cmdlet parameter given as
 * {@code $Setting} can be resolved to the literal the settings block assigns. Call
 * {@link PowerShellGrammar#requireOrSkip()} first.
 */
public record ScriptAssignments(Map<String, Assignment> byName) {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    /** {@code valueKind} is {@code string} (value = the literal's content) or {@code expression} (value = source). */
    public record Assignment(String name, String value, String valueKind, int line) {
        public boolean isString() {
            return "string".equals(valueKind);
        }
    }

    private record FileResult(String path, List<Assignment> assignments) {
    }

    public static ScriptAssignments read(Path ps1) {
        FileResult[] results = run(List.of(ps1));
        Map<String, Assignment> map = new LinkedHashMap<>();
        // The last assignment wins, as when the script runs top to bottom; names compare case-insensitively.
        for (Assignment a : results[0].assignments()) {
            map.put(a.name().toLowerCase(java.util.Locale.ROOT), a);
        }
        return new ScriptAssignments(map);
    }

    public Optional<Assignment> get(String name) {
        return Optional.ofNullable(byName.get(name.toLowerCase(java.util.Locale.ROOT)));
    }

    /** The string a {@code $Name} reference stands for; fails when the script assigns it no string literal. */
    public String resolveString(String variableReference) {
        String name = variableReference.startsWith("$") ? variableReference.substring(1) : variableReference;
        Assignment a = get(name).orElseThrow(() -> new AssertionError("the script never assigns $" + name));
        if (!a.isString()) {
            throw new AssertionError("$" + name + " (line " + a.line() + ") is not a string literal: " + a.value());
        }
        return a.value();
    }

    private static FileResult[] run(List<Path> files) {
        Path project = PowerShellGrammar.nodeProject();
        List<String> command = new ArrayList<>(List.of("node", project.resolve("ps-assignments.js").toString(), "--batch"));
        files.forEach(f -> command.add(f.toAbsolutePath().toString()));
        try {
            Process process = new ProcessBuilder(command).directory(project.toFile())
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError("ps-assignments.js failed: " + new String(out, StandardCharsets.UTF_8));
            }
            return JSON.readValue(out, FileResult[].class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while reading assignments", e);
        }
    }
}
