package io.ikev2kit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Lets tests in sub-packages run the command line in-process; fails the test on a non-zero exit. */
public final class CliTestAccess {
    private CliTestAccess() {
    }

    public static String run(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(0, run.exitCode(), run.toString());
        return run.out();
    }

    /** Runs and returns exit code, stdout and stderr without judging them. */
    public static String[] attempt(String... args) {
        CliRun run = CliRun.of(args);
        return new String[] {String.valueOf(run.exitCode()), run.out(), run.err()};
    }
}
