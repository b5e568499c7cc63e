package io.ikev2kit.profiles.apple.schema;

/** One way a profile departs from Apple's schema, e.g. {@code PayloadContent[2].IKEv2.MTU: 1500 is above the maximum 1400}. */
public record Violation(String path, String message) {

    @Override
    public String toString() {
        return path + ": " + message;
    }
}
