package io.ikev2kit.cli.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Progress of a long step on the terminal: shown only once the step outlasts the first delay, cleared at its end. */
class HeartbeatTest {
    @Test
    void aStepThatOutlastsTheDelayIsShownAndClearedAtItsEnd() throws Exception {
        StringWriter text = new StringWriter();
        try (Heartbeat progress = Heartbeat.forTest(new PrintWriter(text), "reading the index", Duration.ofMillis(50),
                Duration.ofMillis(50))) {
            Thread.sleep(300);
            progress.step("checking 100000 devices");
            Thread.sleep(300);
        }
        String shown = text.toString();
        assertTrue(shown.startsWith("\rreading the index (0 s)\u001b[K"), shown);
        assertTrue(shown.contains("\rchecking 100000 devices (0 s)\u001b[K"), shown);
        assertTrue(shown.endsWith("\r\u001b[K"), "the line is cleared: " + shown);
        int length = shown.length();
        Thread.sleep(200);
        assertEquals(length, text.toString().length(), "nothing after the end");
    }

    @Test
    void aStepShorterThanTheDelayShowsNothing() throws Exception {
        StringWriter text = new StringWriter();
        try (Heartbeat progress = Heartbeat.forTest(new PrintWriter(text), "reading the index", Duration.ofSeconds(5),
                Duration.ofSeconds(1))) {
            progress.step("done");
        }
        Thread.sleep(100);
        assertEquals("", text.toString());
    }

    @Test
    void withoutATerminalNothingIsShown() throws Exception {
        StringWriter text = new StringWriter();
        try (Heartbeat progress = Heartbeat.start(new PrintWriter(text), "reading the index")) { // tests have no console
            Thread.sleep(1300);
        }
        assertEquals("", text.toString());
    }
}
