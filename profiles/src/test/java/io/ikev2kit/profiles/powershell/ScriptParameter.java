package io.ikev2kit.profiles.powershell;

/** One parameter of the script's own {@code param(...)} block, e.g. {@code [SecureString]$P12Password}. */
public record ScriptParameter(String name, String type, String defaultValue) {
}
