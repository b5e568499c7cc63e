/**
 * Mailing client profiles to their users.
 *
 * <p>A {@link io.ikev2kit.cli.mail.ProfileMail} says what one message carries (built from plain values, so this
 * package does not depend on the profile builders); {@link io.ikev2kit.cli.mail.MessageComposer} turns it into MIME
 * with install steps ({@link io.ikev2kit.cli.mail.MailText} holds every sentence). A
 * {@link io.ikev2kit.cli.mail.MailSender} delivers: {@link io.ikev2kit.cli.mail.SmtpMailSender} over SMTP with TLS
 * always on, or {@link io.ikev2kit.cli.mail.EmlWriter} into {@code .eml} files. {@link io.ikev2kit.cli.mail.MailRun}
 * adds the {@link io.ikev2kit.cli.mail.SentLog}, so a re-run sends only what changed.
 *
 * <p>Typical wiring in a command:
 * <pre>{@code
 * SmtpSettings smtp = SmtpSettings.parse(uri)
 *         .withPassword(SmtpPassword.fromEnvironment(System.getenv()).orElseGet(() -> SmtpPassword.fromFile(file)));
 * MailSender sender = new SmtpMailSender(smtp, RetryPolicy.DEFAULT);
 * List<DeliveryReport> reports = new MailRun(sender, SentLog.in(siteDir)).deliver(mails, resend, out::println);
 * }</pre>
 * User mistakes (bad URI, wrong login, no STARTTLS, unknown host, untrusted certificate) surface as one-line
 * {@link io.ikev2kit.cli.mail.MailException}s; no message or report ever contains the SMTP password.
 */
package io.ikev2kit.cli.mail;
