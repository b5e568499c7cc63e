package io.ikev2kit.cli;

import io.ikev2kit.pki.DeviceName;
import io.ikev2kit.profiles.SiteWorkspace;
import java.io.PrintWriter;

/** Progress for bulk work: a bar redrawn in place on a terminal, a plain line per step otherwise. */
final class ProgressReporter implements SiteWorkspace.Progress {
    private static final int THRESHOLD = 5;

    private final PrintWriter err;
    private final int total;
    private final boolean terminal;

    ProgressReporter(PrintWriter err, int total) {
        this.err = err;
        this.total = total;
        this.terminal = System.console() != null;
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
            err.printf("issued %d/%d%n", done, total);
        }
        err.flush();
    }

    void finish() {
        if (terminal && total >= THRESHOLD) {
            err.println();
            err.flush();
        }
    }
}
