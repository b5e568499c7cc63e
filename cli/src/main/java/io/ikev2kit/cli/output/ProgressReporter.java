package io.ikev2kit.cli.output;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.profiles.site.SiteWorkspace;
import java.io.PrintWriter;

/** Progress for bulk work: a bar redrawn in place on a terminal, a plain line per step otherwise. */
public final class ProgressReporter implements SiteWorkspace.Progress {
    private static final int THRESHOLD = 5;

    private final PrintWriter err;
    private final int total;
    private final boolean terminal;
    private final String verb;

    /** {@code verb} names the step in plain lines: "issued", "exported". */
    public ProgressReporter(PrintWriter err, int total, String verb) {
        this.err = err;
        this.total = total;
        this.terminal = System.console() != null;
        this.verb = verb;
    }

    @Override
    public synchronized void advanced(int done, int total, DeviceName name) {
        if (total < THRESHOLD) {
            return;
        }
        if (terminal) {
            int width = 30;
            int filled = done * width / total;
            err.printf("\r[%s%s] %d/%d", "#".repeat(filled), " ".repeat(width - filled), done, total);
        } else if (done == total || done % Math.max(1, total / 10) == 0) {
            err.printf("%s %d/%d%n", verb, done, total);
        }
        err.flush();
    }

    int total() {
        return total;
    }

    public void finish() {
        if (terminal && total >= THRESHOLD) {
            err.println();
            err.flush();
        }
    }
}
