package io.ikev2kit.cli.mail;

import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.MessagingException;
import java.io.IOException;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;

/** Sorts an SMTP failure into: try again later, give up on this message, or stop the whole run. */
record SmtpFailure(Kind kind, String reason) {

    enum Kind {
        /** A 4xx reply or a lost connection: the same message may go through on a later attempt. */
        TRANSIENT,
        /** A 5xx reply for this message: retrying will not help, other messages may still go. */
        PERMANENT,
        /** Wrong login, no TLS, unknown host, untrusted certificate: no message can go until the user acts. */
        FATAL
    }

    /** Group 1: the server's reply; group 2: its code. */
    private static final Pattern BAD_GREETING = Pattern.compile("(?is)bad greeting.*?response: *(([0-9]{3}).*)$");
    private static final String STARTTLS_MISSING = "STARTTLS is required but host does not support STARTTLS";

    static SmtpFailure of(MessagingException e, SmtpSettings smtp) {
        List<Throwable> chain = chain(e);
        Optional<SmtpFailure> fatal = chain.stream().map(t -> fatal(t, smtp)).flatMap(Optional::stream).findFirst();
        if (fatal.isPresent()) {
            return fatal.get();
        }
        Optional<Integer> code = replyCode(chain);
        if (code.isPresent() && code.get() >= 400) {
            String reply = oneLine(replyText(chain));
            if (code.get() == 530 && smtp.user().isEmpty()) {
                return new SmtpFailure(Kind.FATAL, "the SMTP server " + server(smtp) + " requires a login (" + reply
                        + "); put the user in the SMTP URI (smtp://USER@host) and give the password");
            }
            return code.get() < 500
                    ? new SmtpFailure(Kind.TRANSIENT, "server deferred it: " + reply)
                    : new SmtpFailure(Kind.PERMANENT, "server refused it: " + reply);
        }
        for (Throwable t : chain) {
            if (t instanceof IOException || "[EOF]".equals(String.valueOf(t.getMessage()).strip())) {
                String what = t.getMessage() == null ? t.getClass().getSimpleName() : oneLine(t.getMessage());
                return new SmtpFailure(Kind.TRANSIENT, "connection failed (" + what + ")");
            }
        }
        return new SmtpFailure(Kind.PERMANENT, "server refused it: " + oneLine(e.getMessage()));
    }

    /** A cause that no retry can cure: the user has to change the URI, the password or the trust. */
    private static Optional<SmtpFailure> fatal(Throwable t, SmtpSettings smtp) {
        String message = String.valueOf(t.getMessage());
        String server = server(smtp);
        String reason = null;
        if (t instanceof AuthenticationFailedException) {
            reason = "the SMTP server " + server + " refused the login as '" + smtp.user().orElse("") + "' ("
                    + oneLine(message) + "); check the user in the SMTP URI and the password";
        } else if (message.contains(STARTTLS_MISSING)) {
            reason = "the SMTP server " + server + " does not offer STARTTLS, which smtp:// requires; use smtps://"
                    + smtp.host() + " if it has implicit TLS (port 465), or enable STARTTLS on it";
        } else if (message.contains("No authentication mechanisms supported")) {
            reason = "the SMTP server " + server + " offers no login method that works here; check the host and "
                    + "port, or drop the user from the SMTP URI if the server needs no login";
        } else if (t instanceof UnknownHostException) {
            reason = "the SMTP host '" + smtp.host() + "' is unknown (no DNS entry); check the host name in the "
                    + "SMTP URI";
        } else if (t instanceof SSLHandshakeException || t instanceof SSLPeerUnverifiedException
                || t instanceof CertificateException || message.contains("Unsupported or unrecognized SSL message")) {
            // other SSLExceptions (a reset mid-session) are lost connections, retried like any IOException
            reason = "TLS with the SMTP server " + server + " failed: " + tlsProblem(message, smtp) + "; check the "
                    + "port matches smtp:// (STARTTLS, 587) or smtps:// (implicit TLS, 465), and that the server's "
                    + "certificate is valid for " + smtp.host() + " and trusted by Java";
        }
        return Optional.ofNullable(reason).map(r -> new SmtpFailure(Kind.FATAL, r));
    }

    private static String server(SmtpSettings smtp) {
        return smtp.host() + ":" + smtp.port();
    }

    /** The JDK's words for the usual TLS mistakes, said plainly. */
    private static String tlsProblem(String jdkMessage, SmtpSettings smtp) {
        String message = oneLine(jdkMessage);
        if (message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
            return "its certificate is not issued by a CA that Java trusts";
        }
        if (message.contains("Unsupported or unrecognized SSL message")) {
            return "it did not answer in TLS";
        }
        if (message.contains("No subject alternative") || message.contains("No name matching")) {
            return "its certificate is not issued for " + smtp.host() + " (" + message + ")";
        }
        return message;
    }

    /** The first SMTP reply code in the chain; Angus puts -1 when the server closed the connection instead. */
    private static Optional<Integer> replyCode(List<Throwable> chain) {
        for (Throwable t : chain) {
            int code = t instanceof SMTPAddressFailedException a ? a.getReturnCode()
                    : t instanceof SMTPSenderFailedException s ? s.getReturnCode()
                    : t instanceof SMTPSendFailedException f ? f.getReturnCode()
                    : greeting(t).map(m -> Integer.parseInt(m.group(2))).orElse(-1);
            if (code > 0) {
                return Optional.of(code);
            }
        }
        return Optional.empty();
    }

    private static String replyText(List<Throwable> chain) {
        for (Throwable t : chain) {
            if (t instanceof SMTPAddressFailedException || t instanceof SMTPSenderFailedException
                    || t instanceof SMTPSendFailedException) {
                return t.getMessage();
            }
            Optional<Matcher> greeting = greeting(t);
            if (greeting.isPresent()) {
                return greeting.get().group(1);
            }
        }
        return "";
    }

    /** Angus reports a refusing greeting (e.g. 421 busy) as text only: "Got bad greeting ... response: 421 ...". */
    private static Optional<Matcher> greeting(Throwable t) {
        Matcher m = BAD_GREETING.matcher(String.valueOf(t.getMessage()));
        return m.find() ? Optional.of(m) : Optional.empty();
    }

    /** The exception, its causes and, for MessagingExceptions, the next exceptions, each once. */
    private static List<Throwable> chain(Throwable start) {
        var seen = new IdentityHashMap<Throwable, Boolean>();
        var out = new ArrayList<Throwable>();
        var todo = new ArrayList<Throwable>(List.of(start));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(0);
            if (t == null || seen.put(t, Boolean.TRUE) != null) {
                continue;
            }
            out.add(t);
            todo.add(t.getCause());
            if (t instanceof MessagingException m) {
                todo.add(m.getNextException());
            }
        }
        return out;
    }

    static String oneLine(String text) {
        return text == null ? "no detail" : text.replaceAll("\\s+", " ").strip();
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(Locale.ROOT) + ": " + reason;
    }
}
