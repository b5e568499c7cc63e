package io.ikev2kit.cli.mail;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One mailing: skips devices the {@link SentLog} says already got the same files (unless {@code resend}), sends the
 * rest and logs each message the moment it is sent, so an interrupted run resumes where it stopped.
 */
public final class MailRun {

    private final MailSender sender;
    private final SentLog log;
    private final Clock clock;

    public MailRun(MailSender sender, SentLog log) {
        this(sender, log, Clock.systemUTC());
    }

    public MailRun(MailSender sender, SentLog log, Clock clock) {
        this.sender = sender;
        this.log = log;
        this.clock = clock;
    }

    /** Reports come back in the order of {@code mails}; the listener hears skips first, then each send. */
    public List<DeliveryReport> deliver(List<ProfileMail> mails, boolean resend, DeliveryListener listener) {
        var reports = new DeliveryReport[mails.size()];
        var toSend = new ArrayList<ProfileMail>();
        var toSendIndex = new ArrayList<Integer>();
        for (int i = 0; i < mails.size(); i++) {
            ProfileMail mail = mails.get(i);
            Optional<SentLog.Entry> previous = resend ? Optional.empty() : log.previous(mail);
            if (previous.isPresent()) {
                reports[i] = new DeliveryReport(mail.deviceName(), mail.recipient(), DeliveryReport.Status.SKIPPED,
                        0, "already sent " + previous.get().sentAt() + " with the same profile");
                listener.finished(reports[i]);
            } else {
                toSend.add(mail);
                toSendIndex.add(i);
            }
        }
        // a MailSender reports its mails in order, so the n-th report belongs to the n-th mail handed over
        Iterator<Integer> inFlight = toSendIndex.iterator();
        sender.deliver(toSend, new DeliveryListener() {
            @Override
            public void finished(DeliveryReport report) {
                int i = inFlight.next();
                if (report.status() == DeliveryReport.Status.SENT) {
                    log.record(mails.get(i), clock.instant());
                }
                reports[i] = report;
                listener.finished(report);
            }

            @Override
            public void retrying(ProfileMail mail, int failedAttempt, Duration delay, String reason) {
                listener.retrying(mail, failedAttempt, delay, reason);
            }
        });
        return Arrays.stream(reports).filter(Objects::nonNull).toList();
    }
}
