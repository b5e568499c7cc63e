package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ikev2kit.pki.Tool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command stays linear in the number of devices: bench/scale.sh builds a 200-device and a 2,000-device site
 * with the built jar and fails when going from one to the other multiplies any command's time by more than 15
 * (linear is at most 10, quadratic 100). A ratio measured in one run, so a slow or busy machine does not make it
 * fail; JVM start-up weighs more at 200 devices and only makes the ratio smaller. A doctor that re-read the index
 * per device made it fail with 58 × (docs/performance.md).
 */
class ScaleIT {
    static final String MAX_GROWTH = "15";

    @TempDir
    Path tmp;

    @Test
    void noCommandGrowsFasterThanLinearlyFrom200To2000Devices() throws Exception {
        Path jar = Path.of(System.getProperty("ikev2kit.jar", "target/ikev2kit.jar")).toAbsolutePath();
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(jar) || "true".equals(System.getenv("CI")),
                "the jar is built in the package phase; run 'mvn verify'");
        Tool.require("time");
        Path script = Path.of("..", "bench", "scale.sh").toAbsolutePath().normalize();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(List.of(script.toString(), "--max-growth", MAX_GROWTH, "200", "2000"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("scale.log").toFile());
        builder.environment().put("TMPDIR", tmp.toString());
        builder.environment().put("SINGLES", "1");
        builder.environment().put("IKEV2KIT_CMD", java + " -XX:+UseSerialGC -jar " + jar);
        Process scale = builder.start();
        assertTrue(scale.waitFor(15, TimeUnit.MINUTES), "bench/scale.sh finishes");
        String log = read(tmp.resolve("scale.log"));
        System.out.println(log);
        assertEquals(0, scale.exitValue(), log);
        assertTrue(log.contains("| `doctor` |") && log.contains("| `device add --from (bulk)` |"), log);
        assertTrue(log.contains("largest time growth"), log);
    }

    private static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
