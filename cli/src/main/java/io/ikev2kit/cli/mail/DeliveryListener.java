package io.ikev2kit.cli.mail;

import java.time.Duration;

/** Hears about each device as its mail is done, and about waits before a retry, so a long run shows progress. */
@FunctionalInterface
public interface DeliveryListener {

    DeliveryListener NONE = report -> { };

    void finished(DeliveryReport report);

    /** The given attempt failed for a passing reason; the next one starts after {@code delay}. */
    default void retrying(ProfileMail mail, int failedAttempt, Duration delay, String reason) {
    }
}
