package io.ikev2kit.cli.output;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Progress for a step that takes more than a second on a large site (reading 100,000 index entries, checking
 * them, signing a CRL of 10,000): once the step has run for a second, a line on the terminal says what is being
 * done and for how long, redrawn in place every second; it is cleared when the step ends. Only on a terminal:
 * scripts and pipes get the command's output alone, and an error stays one line. Bulk work per device reports
 * through {@link ProgressReporter} instead.
 */
public final class Heartbeat implements AutoCloseable {
    private static final Duration FIRST = Duration.ofSeconds(1);

    private final PrintWriter err;
    private final ScheduledExecutorService timer;
    private final long start = System.nanoTime();
    private volatile String step;
    private boolean shown;
    private boolean closed;

    private Heartbeat(PrintWriter err, String step, Duration first, Duration every) {
        this.err = err;
        this.step = step;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ikev2kit-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::show, first.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts reporting {@code step} on the terminal, if there is one; a no-op otherwise. */
    public static Heartbeat start(PrintWriter err, String step) {
        return System.console() != null ? new Heartbeat(err, step, FIRST, Duration.ofSeconds(1)) : new Heartbeat(err);
    }

    /** For tests: reports to {@code err} as on a terminal, with the given delays. */
    static Heartbeat forTest(PrintWriter err, String step, Duration first, Duration every) {
        return new Heartbeat(err, step, first, every);
    }

    private Heartbeat(PrintWriter err) {
        this.err = err;
        this.timer = null;
    }

    /** The step now being done. */
    void step(String what) {
        step = what;
    }

    private synchronized void show() {
        if (closed) {
            return;
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        err.print("\r" + step + " (" + seconds + " s)\u001b[K"); // erase what a longer line left to the right
        err.flush();
        shown = true;
    }

    @Override
    public synchronized void close() {
        if (timer == null || closed) {
            return;
        }
        closed = true;
        timer.shutdownNow();
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
