package io.ikev2kit.packaging;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a user sees of the build: the launcher's first build runs 'mvn -B -q', which must print nothing raw. */
class BuildOutputIT {

    @Test
    void quietMavenPrintsNoTerminalEscapes() {
        Run.require("mvn", "Maven's own output");
        // jansi writes a colour reset at start and exit even in batch mode; .mvn/jvm.config turns that off
        Run mvn = Run.in(Run.built("ikev2kit.root"), Map.of(), List.of("mvn", "-B", "-q", "-o", "-N", "validate"))
                .orFail();
        String printed = mvn.out() + mvn.err();
        assertFalse(printed.contains("\u001b"), () -> "escape codes in: " + printed.replace("\u001b", "ESC"));
    }
}
