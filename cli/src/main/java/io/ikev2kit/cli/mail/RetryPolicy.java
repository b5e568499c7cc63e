package io.ikev2kit.cli.mail;

import java.time.Duration;

/**
 * How often a message is tried when the server fails it for a passing reason (a 4xx reply, a dropped connection),
 * and how long to wait in between: {@code baseDelay}, then twice that, four times, ... up to {@code maxDelay}.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** Four tries over about 14 seconds: enough for a busy server, not a substitute for a queue. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(4, Duration.ofSeconds(2), Duration.ofMinutes(1));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= baseDelay <= maxDelay: " + baseDelay + ", " + maxDelay);
        }
    }

    public RetryPolicy(int maxAttempts, Duration baseDelay) {
        this(maxAttempts, baseDelay, baseDelay.multipliedBy(1L << Math.min(maxAttempts, 20)));
    }

    /** The wait after the given failed attempt (1-based): base x 2^(attempt-1), capped. */
    public Duration delayAfter(int failedAttempt) {
        Duration delay = baseDelay.multipliedBy(1L << Math.min(failedAttempt - 1, 30));
        return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
    }
}
