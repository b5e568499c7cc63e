package io.ikev2kit.cli.mail;

/**
 * What became of one device's mail.
 *
 * @param attempts how many times it was handed to the server (0 when skipped or written to a file)
 * @param detail   for FAILED the reason, for WRITTEN the file, for SKIPPED when it was sent before; else empty
 */
public record DeliveryReport(String device, String recipient, Status status, int attempts, String detail) {

    public enum Status {
        SENT, WRITTEN, SKIPPED, FAILED
    }

    static DeliveryReport sent(ProfileMail mail, int attempts) {
        return new DeliveryReport(mail.deviceName(), mail.recipient(), Status.SENT, attempts, "");
    }

    static DeliveryReport failed(ProfileMail mail, int attempts, String reason) {
        return new DeliveryReport(mail.deviceName(), mail.recipient(), Status.FAILED, attempts, reason);
    }

    public boolean ok() {
        return status != Status.FAILED;
    }

    /** One line for people, e.g. {@code sent alice-iphone to alice@example.com}. */
    @Override
    public String toString() {
        String line = status.name().toLowerCase(java.util.Locale.ROOT) + " " + device + " to " + recipient;
        if (attempts > 1) {
            line += " after " + attempts + " attempts";
        }
        return detail.isEmpty() ? line : line + ": " + detail;
    }
}
